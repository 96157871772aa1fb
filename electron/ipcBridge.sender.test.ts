/**
 * Who may call: registerIpc refuses every request that does not come from our window's
 * main frame showing our page, through createSenderCheck and rendererUrlMatcher.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createSenderCheck, rendererUrlMatcher, UNTRUSTED_SENDER_MESSAGE, type InvokeEventLike } from './ipcBridge';
import { FakeWindow, frame, RENDERER_HTML, RENDERER_URL, useBridge } from './ipcBridgeTestKit';

// The bridge is Electron-free: loading electron at run time would fail here.
vi.mock('electron', () => {
  throw new Error('ipcBridge.ts must not load electron at run time');
});

describe('registerIpc with an untrusted sender', () => {
  const bridge = useBridge();

  it('refuses an untrusted sender with invalid-request and a warning, without asking the host', async () => {
    const { ipc, host, window, warn, register } = bridge();
    register(() => false);
    const result = await ipc.invoke('models:delete', window.event(), { id: 'x' });
    expect(result).toStrictEqual({ ok: false, error: { code: 'invalid-request', message: UNTRUSTED_SENDER_MESSAGE } });
    expect(host.calls).toStrictEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('models:delete');
  });

  it('treats a sender check that throws as untrusted', async () => {
    const { ipc, host, window, register } = bridge();
    register(() => {
      throw new Error('Object has been destroyed');
    });
    await expect(ipc.invoke('app:info', window.event(), {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(host.calls).toStrictEqual([]);
  });

  it('refuses a subframe, another window, a foreign URL and a missing frame', async () => {
    const { ipc, host, window, warn, register } = bridge();
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
});

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
