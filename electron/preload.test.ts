import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_COMMAND_CHANNEL, TRAIN_EVENT_CHANNEL, type PreloadApi, type TrainEvent } from './ipc/contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      let set = listeners.get(channel);
      if (set === undefined) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return ipcRenderer;
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  return { ipcRenderer, contextBridge, listeners };
});

vi.mock('electron', () => ({ ipcRenderer: electron.ipcRenderer, contextBridge: electron.contextBridge }));

/** What the main process would emit: an Electron event whose sender is ipcRenderer itself. */
function emit(channel: string, payload: unknown): void {
  const event = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
  for (const listener of electron.listeners.get(channel) ?? []) listener(event, payload);
}

let api: PreloadApi;

beforeAll(async () => {
  vi.stubGlobal('__LAYERWISE_VERSION__', '9.8.7');
  await import('./preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, PreloadApi];
  expect(key).toBe('layerwise');
  api = exposed;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('the exposed API', () => {
  it('has exactly one function per channel, the two subscriptions and the version', () => {
    const expected = [...CHANNELS, 'onTrainEvent', 'onMenuCommand', 'version'].sort();
    expect(Object.keys(api).sort()).toStrictEqual(expected);
    for (const channel of CHANNELS) expect(typeof api[channel]).toBe('function');
    expect(typeof api.onTrainEvent).toBe('function');
    expect(typeof api.onMenuCommand).toBe('function');
    expect(api.version).toBe('9.8.7');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('leaks neither ipcRenderer nor a generic invoke', () => {
    const values = Object.values(api) as unknown[];
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
    expect(values).not.toContain(electron.ipcRenderer.on);
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'removeListener']) {
      expect(api).not.toHaveProperty(name);
    }
  });
});

describe('request functions', () => {
  it('invoke their own channel with exactly the request, and return the Result as is', async () => {
    for (const channel of CHANNELS) {
      electron.ipcRenderer.invoke.mockClear();
      const request = { marker: channel };
      const call = api[channel] as (request: unknown) => Promise<unknown>;
      await expect(call(request)).resolves.toStrictEqual({ ok: true, value: { channel, args: [request] } });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channel, request);
    }
  });

  it('pass errors through unchanged (the facade unwraps them)', async () => {
    const failure = { ok: false, error: { code: 'busy', message: 'A run is already going.' } };
    electron.ipcRenderer.invoke.mockResolvedValueOnce(failure as never);
    await expect(api['models:list']({})).resolves.toBe(failure);
  });

  it('send one argument only, whatever the page passes', async () => {
    const call = api['app:info'] as unknown as (...args: unknown[]) => Promise<unknown>;
    await call({}, 'extra', { more: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app:info', {});
    expect(electron.ipcRenderer.invoke.mock.calls[0]).toHaveLength(2);
  });
});

describe.each([
  ['onTrainEvent', TRAIN_EVENT_CHANNEL],
  ['onMenuCommand', MENU_COMMAND_CHANNEL],
] as const)('%s', (method, channel) => {
  const subscribe = (listener: (payload: unknown) => void): (() => void) =>
    (api[method] as (listener: (payload: unknown) => void) => () => void)(listener);

  it(`listens on ${channel} and hands the listener the payload only`, () => {
    const received: unknown[][] = [];
    const unsubscribe = subscribe((...args: unknown[]) => received.push(args));
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.on.mock.calls[0]?.[0]).toBe(channel);

    const payload: TrainEvent | { command: string } =
      method === 'onTrainEvent' ? { type: 'paused', runId: 'r1' } : { command: 'about' };
    emit(channel, payload);
    expect(received).toStrictEqual([[payload]]);
    unsubscribe();
  });

  it('never registers the page’s own function with ipcRenderer', () => {
    const listener = vi.fn();
    const unsubscribe = subscribe(listener);
    const registered = electron.ipcRenderer.on.mock.calls[0]?.[1] as Listener;
    expect(registered).not.toBe(listener);
    unsubscribe();
  });

  it('stops delivering after unsubscribe (and unsubscribing twice is harmless)', () => {
    const listener = vi.fn();
    const unsubscribe = subscribe(listener);
    const registered = electron.ipcRenderer.on.mock.calls[0]?.[1];
    emit(channel, { n: 1 });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, registered);
    emit(channel, { n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledTimes(1);
    expect(electron.listeners.get(channel)?.size ?? 0).toBe(0);
  });

  it('keeps other subscribers when one unsubscribes', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = subscribe(first);
    const stopSecond = subscribe(second);
    stopFirst();
    emit(channel, { n: 3 });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ n: 3 });
    stopSecond();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => subscribe('nope' as unknown as (payload: unknown) => void)).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});

describe('what the preload bundles', () => {
  // A sandboxed preload is one CommonJS file that may only require 'electron'; zod (via
  // contract.ts) would be bundled in whole. Only type imports of the contract are allowed.
  const valueImports = (file: string): string[] => {
    const source = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
    return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
  };

  it('imports values from electron and the zod-free channel list only', () => {
    expect(valueImports('./preload.ts').sort()).toStrictEqual(['./ipc/channels', 'electron']);
    expect(valueImports('./ipc/channels.ts')).toStrictEqual([]);
  });
});
