/**
 * Shared by the ipcBridge tests (not a test itself): Electron-free fakes of ipcMain, the
 * engine host and a window, and a fresh registered bridge for each test.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import type { EngineHostApi } from './host/types';
import type { Result, TrainEvent } from './ipc/contract';
import {
  createSenderCheck,
  registerIpc,
  rendererUrlMatcher,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type SenderCheck,
} from './ipcBridge';

type Handler = (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    // Like Electron: a second handler for the same channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
}

export class FakeHost implements EngineHostApi {
  readonly calls: Array<{ clientId: string; channel: string; payload: unknown }> = [];
  readonly closed: string[] = [];
  readonly listeners = new Map<string, Set<(event: TrainEvent) => void>>();
  result: Result<unknown> = { ok: true, value: 'fine' };
  throws = false;

  async handle(clientId: string, channel: string, payload: unknown): Promise<Result<unknown>> {
    this.calls.push({ clientId, channel, payload });
    if (this.throws) throw new Error('boom');
    return this.result;
  }
  subscribe(clientId: string, listener: (event: TrainEvent) => void): () => void {
    let set = this.listeners.get(clientId);
    if (set === undefined) this.listeners.set(clientId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  async closeClient(clientId: string): Promise<void> {
    this.closed.push(clientId);
  }
  async dispose(): Promise<void> {}
  emit(clientId: string, event: TrainEvent): void {
    for (const listener of this.listeners.get(clientId) ?? []) listener(event);
  }
}

let nextRoutingId = 1;
export const frame = (url: string, processId = 7): FrameLike => ({ url, processId, routingId: nextRoutingId++ });

export const RENDERER_HTML = join('/app', 'out', 'renderer', 'index.html');
export const RENDERER_URL = pathToFileURL(RENDERER_HTML).href;

export class FakeWindow {
  destroyed = false;
  private readonly closedListeners: Array<() => void> = [];
  readonly webContents: {
    id: number;
    destroyed: boolean;
    mainFrame: FrameLike;
    sent: Array<[string, ...unknown[]]>;
    navigateListeners: Array<() => void>;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
    on(event: 'did-navigate', listener: () => void): void;
  };

  constructor(id: number, url = RENDERER_URL) {
    this.webContents = {
      id,
      destroyed: false,
      mainFrame: frame(url, id * 10),
      sent: [],
      navigateListeners: [],
      isDestroyed() {
        return this.destroyed;
      },
      send(channel, ...args) {
        if (this.destroyed) throw new Error('Object has been destroyed');
        this.sent.push([channel, ...args]);
      },
      on(event, listener) {
        expect(event).toBe('did-navigate');
        this.navigateListeners.push(listener);
      },
    };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(event: 'closed', listener: () => void): this {
    expect(event).toBe('closed');
    this.closedListeners.push(listener);
    return this;
  }
  /** A main-frame navigation committed: the first load, or a reload. */
  navigate(): void {
    for (const listener of this.webContents.navigateListeners) listener();
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    for (const listener of this.closedListeners.splice(0)) listener();
  }
  /** An invoke event from this window's main frame (or the given frame). */
  event(from: FrameLike | null = this.webContents.mainFrame): InvokeEventLike {
    return { sender: { id: this.webContents.id }, senderFrame: from };
  }
}

export const started: TrainEvent = {
  type: 'started', runId: 'r1', dataset: 'MNIST', trainCount: 100, valCount: 0, testCount: 10,
  batchesPerEpoch: 4, epochs: 1, params: 10, threads: 2, head: 'classification', metrics: ['accuracy'], bounds: null,
};

export interface Bridge {
  readonly ipc: FakeIpcMain;
  readonly host: FakeHost;
  /** Web contents id 3, showing our renderer. */
  readonly window: FakeWindow;
  /** console.warn, silenced: the bridge warns once for every refused request. */
  readonly warn: MockInstance<typeof console.warn>;
  /** registerIpc with the real sender check for `window`, unless a check is given. */
  register(isTrusted?: SenderCheck): () => void;
}

/**
 * Registers hooks on the calling suite that give each of its tests a fresh bridge (and
 * restore console.warn after it); the returned function gives that bridge inside a test.
 */
export function useBridge(): () => Bridge {
  let current: Bridge | null = null;
  beforeEach(() => {
    const ipc = new FakeIpcMain();
    const host = new FakeHost();
    const window = new FakeWindow(3);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ours = createSenderCheck(() => window, rendererUrlMatcher({ kind: 'file', path: RENDERER_HTML }, 'linux'));
    current = { ipc, host, window, warn, register: (isTrusted = ours) => registerIpc(ipc, host, isTrusted) };
  });
  afterEach(() => {
    current?.warn.mockRestore();
    current = null;
  });
  return () => {
    if (current === null) throw new Error('useBridge(): the bridge exists only while a test runs');
    return current;
  };
}
