/**
 * connectWindow: the host's training events reach the window they belong to, and a
 * closed or reloaded window's client is closed on the host.
 */
import { describe, expect, it, vi } from 'vitest';
import { TRAIN_EVENT_CHANNEL } from './ipc/contract';
import { connectWindow } from './ipcBridge';
import { FakeHost, FakeWindow, started } from './ipcBridgeTestKit';

// The bridge is Electron-free: loading electron at run time would fail here.
vi.mock('electron', () => {
  throw new Error('ipcBridge.ts must not load electron at run time');
});

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
