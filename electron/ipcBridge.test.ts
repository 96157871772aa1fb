import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineHostApi } from './host/types';
import { CHANNELS, TRAIN_EVENT_CHANNEL, type Result, type TrainEvent } from './ipc/contract';
import {
  UNTRUSTED_SENDER_MESSAGE,
  connectWindow,
  createSenderCheck,
  registerIpc,
  rendererUrlMatcher,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from './ipcBridge';

// The bridge is Electron-free: loading electron at run time would fail here.
vi.mock('electron', () => {
  throw new Error('ipcBridge.ts must not load electron at run time');
});

// ---------------------------------------------------------------- fakes

type Handler = (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>;

class FakeIpcMain implements IpcMainLike {
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

class FakeHost implements EngineHostApi {
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
const frame = (url: string, processId = 7): FrameLike => ({ url, processId, routingId: nextRoutingId++ });

const RENDERER_HTML = join('/app', 'out', 'renderer', 'index.html');
const RENDERER_URL = pathToFileURL(RENDERER_HTML).href;

class FakeWindow {
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

const started: TrainEvent = {
  type: 'started', runId: 'r1', dataset: 'MNIST', trainCount: 100, valCount: 0, testCount: 10,
  batchesPerEpoch: 4, epochs: 1, params: 10,
};

// ---------------------------------------------------------------- registerIpc

describe('registerIpc', () => {
  let ipc: FakeIpcMain;
  let host: FakeHost;
  let window: FakeWindow;
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    ipc = new FakeIpcMain();
    host = new FakeHost();
    window = new FakeWindow(3);
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });

  const register = (isTrusted = createSenderCheck(() => window, rendererUrlMatcher({ kind: 'file', path: RENDERER_HTML }, 'linux'))) =>
    registerIpc(ipc, host, isTrusted);

  it('registers exactly one handler per channel of the contract', () => {
    register();
    expect([...ipc.handlers.keys()].sort()).toStrictEqual([...CHANNELS].sort());
    expect(ipc.handlers.size).toBe(CHANNELS.length);
  });

  it('passes each payload through, with the web contents id as the client id', async () => {
    register();
    for (const channel of CHANNELS) {
      const payload = { probe: channel, nested: [1, 2, 3] };
      await ipc.invoke(channel, window.event(), payload);
      expect(host.calls.at(-1)).toStrictEqual({ clientId: '3', channel, payload });
      expect(host.calls.at(-1)?.payload).toBe(payload);
    }
    expect(host.calls).toHaveLength(CHANNELS.length);
  });

  it('returns the host Result as is, success and failure alike', async () => {
    register();
    const success: Result<unknown> = { ok: true, value: { runId: 'r9' } };
    host.result = success;
    await expect(ipc.invoke('train:start', window.event(), {})).resolves.toBe(success);
    const failure: Result<unknown> = { ok: false, error: { code: 'busy', message: 'Already training.' } };
    host.result = failure;
    await expect(ipc.invoke('train:start', window.event(), {})).resolves.toBe(failure);
  });

  it('turns a throwing host into an internal error instead of a rejection', async () => {
    register();
    host.throws = true;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await ipc.invoke('models:list', window.event(), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    error.mockRestore();
  });

  it('refuses an untrusted sender with invalid-request and a warning, without asking the host', async () => {
    register(() => false);
    const result = await ipc.invoke('models:delete', window.event(), { id: 'x' });
    expect(result).toStrictEqual({ ok: false, error: { code: 'invalid-request', message: UNTRUSTED_SENDER_MESSAGE } });
    expect(host.calls).toStrictEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('models:delete');
  });

  it('treats a sender check that throws as untrusted', async () => {
    register(() => {
      throw new Error('Object has been destroyed');
    });
    await expect(ipc.invoke('app:info', window.event(), {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(host.calls).toStrictEqual([]);
  });

  it('refuses a subframe, another window, a foreign URL and a missing frame', async () => {
    register();
    const other = new FakeWindow(4);
    const refused: InvokeEventLike[] = [
      window.event(frame(RENDERER_URL, window.webContents.mainFrame.processId)), // a subframe of our window
      window.event(frame('https://evil.example/', window.webContents.mainFrame.processId)),
      other.event(), // another window's main frame
      { sender: { id: other.webContents.id }, senderFrame: window.webContents.mainFrame }, // mismatched sender
      window.event(null), // the frame navigated away or was destroyed
    ];
    for (const event of refused) {
      await expect(ipc.invoke('app:info', event, {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(host.calls).toStrictEqual([]);
    expect(warn).toHaveBeenCalledTimes(refused.length);
  });

  it('returns a function that removes every handler', () => {
    const unregister = register();
    unregister();
    expect(ipc.handlers.size).toBe(0);
    register(); // and registering again works
    expect(ipc.handlers.size).toBe(CHANNELS.length);
  });
});

// ---------------------------------------------------------------- the sender check

describe('createSenderCheck', () => {
  const isOurs = rendererUrlMatcher({ kind: 'file', path: RENDERER_HTML }, 'linux');

  it("accepts our window's main frame showing our renderer", () => {
    const window = new FakeWindow(1);
    const check = createSenderCheck(() => window, isOurs);
    expect(check(window.event())).toBe(true);
  });

  it('accepts the same main frame given as a different object with the same ids', () => {
    const window = new FakeWindow(1);
    const check = createSenderCheck(() => window, isOurs);
    expect(check(window.event({ ...window.webContents.mainFrame }))).toBe(true);
  });

  it('refuses a subframe (same process, other routing id) even at our URL', () => {
    const window = new FakeWindow(1);
    const check = createSenderCheck(() => window, isOurs);
    const subframe = { ...window.webContents.mainFrame, routingId: window.webContents.mainFrame.routingId + 1000 };
    expect(check(window.event(subframe))).toBe(false);
  });

  it('refuses our main frame once it shows another page', () => {
    const window = new FakeWindow(1, 'https://evil.example/index.html');
    const check = createSenderCheck(() => window, isOurs);
    expect(check(window.event())).toBe(false);
  });

  it('refuses another window, even one showing our renderer', () => {
    const ours = new FakeWindow(1);
    const other = new FakeWindow(2);
    const check = createSenderCheck(() => ours, isOurs);
    expect(check(other.event())).toBe(false);
  });

  it('refuses everything when there is no window, or it is destroyed', () => {
    const window = new FakeWindow(1);
    expect(createSenderCheck(() => null, isOurs)(window.event())).toBe(false);
    const check = createSenderCheck(() => window, isOurs);
    const event = window.event();
    window.close();
    expect(check(event)).toBe(false);
  });

  it('checks against the current window (a new one after macOS re-activation)', () => {
    let current = new FakeWindow(1);
    const first = current;
    const check = createSenderCheck(() => current, isOurs);
    current = new FakeWindow(2);
    expect(check(first.event())).toBe(false);
    expect(check(current.event())).toBe(true);
  });
});

describe('rendererUrlMatcher', () => {
  it('in production accepts our index.html (with any #hash) and nothing else', () => {
    const isOurs = rendererUrlMatcher({ kind: 'file', path: RENDERER_HTML }, 'linux');
    expect(isOurs(RENDERER_URL)).toBe(true);
    expect(isOurs(`${RENDERER_URL}#/test`)).toBe(true);
    expect(isOurs(`${RENDERER_URL}?x=1`)).toBe(false);
    expect(isOurs(pathToFileURL(join('/app', 'out', 'renderer', 'other.html')).href)).toBe(false);
    expect(isOurs('file:///etc/passwd')).toBe(false);
    expect(isOurs('file://server/app/out/renderer/index.html')).toBe(false);
    expect(isOurs('http://127.0.0.1:5173/')).toBe(false);
    expect(isOurs('about:blank')).toBe(false);
    expect(isOurs('')).toBe(false);
  });

  it('compares decoded paths, so percent-encoding does not matter', () => {
    const path = join('/Users/Ana Lee/Layerwise app', 'out', 'renderer', 'index.html');
    const isOurs = rendererUrlMatcher({ kind: 'file', path }, 'linux');
    expect(isOurs(pathToFileURL(path).href)).toBe(true);
    expect(isOurs('file:///Users/Ana%20Lee/Layerwise%20app/out/renderer/index.html')).toBe(true);
    expect(isOurs('file:///Users/Ana%20Lee/Layerwise%20app/out/renderer/../renderer/index.html')).toBe(true);
  });

  it('on Windows ignores the case of the path', () => {
    const isOurs = rendererUrlMatcher({ kind: 'file', path: 'C:\\Program Files\\Layerwise\\resources\\app.asar\\out\\renderer\\index.html' }, 'win32');
    expect(isOurs('file:///C:/Program%20Files/Layerwise/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isOurs('file:///c:/program%20files/layerwise/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isOurs('file:///C:/Windows/index.html')).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const isOurs = rendererUrlMatcher({ kind: 'url', url: 'http://127.0.0.1:5173/' });
    expect(isOurs('http://127.0.0.1:5173/')).toBe(true);
    expect(isOurs('http://127.0.0.1:5173/index.html#x')).toBe(true);
    expect(isOurs('http://127.0.0.1:5174/')).toBe(false);
    expect(isOurs('http://localhost:5173/')).toBe(false);
    expect(isOurs('https://127.0.0.1:5173/')).toBe(false);
    expect(isOurs(RENDERER_URL)).toBe(false);
    expect(isOurs('not a url')).toBe(false);
  });
});

// ---------------------------------------------------------------- connectWindow

describe('connectWindow', () => {
  it("forwards the host's events for this window's client on the train-event channel", () => {
    const host = new FakeHost();
    const window = new FakeWindow(5);
    connectWindow(host, window);
    host.emit('5', started);
    host.emit('6', { type: 'paused', runId: 'other' }); // another client's run
    expect(window.webContents.sent).toStrictEqual([[TRAIN_EVENT_CHANNEL, started]]);
  });

  it('drops events once the web contents are destroyed', () => {
    const host = new FakeHost();
    const window = new FakeWindow(5);
    connectWindow(host, window);
    window.webContents.destroyed = true;
    expect(() => host.emit('5', started)).not.toThrow();
    expect(window.webContents.sent).toStrictEqual([]);
  });

  it('on close unsubscribes and closes the client, once', async () => {
    const host = new FakeHost();
    const window = new FakeWindow(5);
    const disconnect = connectWindow(host, window);
    expect(host.listeners.get('5')?.size).toBe(1);
    window.close();
    expect(host.closed).toStrictEqual(['5']);
    expect(host.listeners.get('5')?.size).toBe(0);
    disconnect();
    expect(host.closed).toStrictEqual(['5']);
  });

  it('on a reload closes the client (stopping an orphaned run) and keeps forwarding to the new page', () => {
    const host = new FakeHost();
    const window = new FakeWindow(5);
    connectWindow(host, window);
    window.navigate(); // the first load: an empty client, closed harmlessly
    expect(host.closed).toStrictEqual(['5']);
    host.emit('5', started);
    window.navigate(); // a reload
    expect(host.closed).toStrictEqual(['5', '5']);
    expect(host.listeners.get('5')?.size).toBe(1);
    host.emit('5', started);
    expect(window.webContents.sent).toStrictEqual([
      [TRAIN_EVENT_CHANNEL, started],
      [TRAIN_EVENT_CHANNEL, started],
    ]);
  });

  it('subscribes the new page to the new client state, after closing the old one', () => {
    const host = new FakeHost();
    const order: string[] = [];
    const subscribe = host.subscribe.bind(host);
    host.subscribe = (id, listener) => {
      order.push(`subscribe ${id}`);
      return subscribe(id, listener);
    };
    host.closeClient = async (id) => {
      order.push(`close ${id}`);
    };
    const window = new FakeWindow(5);
    connectWindow(host, window);
    window.navigate();
    expect(order).toStrictEqual(['subscribe 5', 'close 5', 'subscribe 5']);
  });

  it('ignores navigations after close', () => {
    const host = new FakeHost();
    const window = new FakeWindow(5);
    connectWindow(host, window);
    window.close();
    window.navigate();
    expect(host.closed).toStrictEqual(['5']);
    expect(host.listeners.get('5')?.size).toBe(0);
  });

  it('keeps windows apart', () => {
    const host = new FakeHost();
    const a = new FakeWindow(1);
    const b = new FakeWindow(2);
    connectWindow(host, a);
    connectWindow(host, b);
    host.emit('2', started);
    expect(a.webContents.sent).toStrictEqual([]);
    expect(b.webContents.sent).toHaveLength(1);
    a.close();
    expect(host.closed).toStrictEqual(['1']);
    host.emit('2', started);
    expect(b.webContents.sent).toHaveLength(2);
  });

  it('logs a failing closeClient instead of leaving an unhandled rejection', async () => {
    const host = new FakeHost();
    host.closeClient = () => Promise.reject(new Error('worker gone'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const window = new FakeWindow(8);
    connectWindow(host, window);
    window.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
