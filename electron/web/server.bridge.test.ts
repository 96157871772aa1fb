/**
 * The bridge protocol over the WebSocket: requests and their results, each client's own
 * training events, malformed and oversized messages, and closing. Who may connect:
 * server.security.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../ipc/contract';
import { DEFAULT_MAX_MESSAGE_BYTES, keepsEvent, PLANE_BACKLOG_BYTES } from './server';
import { FakeHost, inbox, openSocket, until, useWebServer } from './serverTestKit';

const { start } = useWebServer();

describe('WebSocket bridge', () => {
  it('answers requests with the host result and pushes only this client’s events', async () => {
    const host = new FakeHost();
    const server = await start(host);
    const ws = await openSocket(server);
    const other = await openSocket(server);
    const box = inbox(ws);
    const otherBox = inbox(other);

    ws.send(JSON.stringify({ id: 7, channel: 'app:info', payload: { a: 1 } }));
    const reply = await box.next((m) => m.id === 7);
    expect(reply).toEqual({ id: 7, result: { ok: true, value: { echo: { channel: 'app:info', payload: { a: 1 } } } } });
    expect(host.calls).toHaveLength(1);
    const clientId = host.calls[0]!.clientId;

    other.send(JSON.stringify({ id: 'x', channel: 'models:list', payload: {} }));
    await otherBox.next((m) => m.id === 'x');
    expect(host.calls[1]!.clientId).not.toBe(clientId);

    const event: TrainEvent = { type: 'paused', runId: 'r1' };
    host.emit(clientId, event);
    expect(await box.next((m) => 'event' in m)).toEqual({ event });
    await new Promise((r) => setTimeout(r, 50));
    expect(otherBox.messages.some((m) => typeof m === 'object' && m !== null && 'event' in m)).toBe(false);

    host.reply = async () => ({ ok: false, error: { code: 'busy', message: 'A run is already going.' } });
    ws.send(JSON.stringify({ id: 8, channel: 'train:start', payload: {} }));
    expect(await box.next((m) => m.id === 8)).toEqual({ id: 8, result: { ok: false, error: { code: 'busy', message: 'A run is already going.' } } });
    ws.close();
    other.close();
  });

  it('answers malformed messages with an error and keeps going', async () => {
    const host = new FakeHost();
    const server = await start(host);
    const ws = await openSocket(server);
    const box = inbox(ws);
    const bad = ['{not json', '42', 'null', '[1,2]', JSON.stringify({ channel: 'app:info' }), JSON.stringify({ id: { x: 1 }, channel: 'app:info' })];
    for (const text of bad) ws.send(text);
    await until(() => box.messages.length >= bad.length);
    for (const message of box.messages) {
      expect(message).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    }
    ws.send(JSON.stringify({ id: 1, payload: {} }));
    expect(await box.next((m) => m.id === 1)).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await until(() => box.messages.length >= bad.length + 2);
    expect(host.calls).toEqual([]);

    host.reply = async () => {
      throw new Error('boom');
    };
    ws.send(JSON.stringify({ id: 2, channel: 'app:info', payload: {} }));
    expect(await box.next((m) => m.id === 2)).toEqual({ id: 2, result: { ok: false, error: { code: 'internal', message: 'The engine failed unexpectedly.' } } });
    ws.close();
  });

  it('closes a connection that sends an oversized message', async () => {
    const host = new FakeHost();
    const server = await start(host);
    const ws = await openSocket(server);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send(JSON.stringify({ id: 1, channel: 'predict', payload: 'x'.repeat(DEFAULT_MAX_MESSAGE_BYTES) }));
    expect(await closed).toBe(1009);
    await until(() => host.closed.length === 1);
    expect(host.calls).toEqual([]);
  });

  it('tells the host when a connection closes, and when the server stops', async () => {
    const host = new FakeHost();
    const server = await start(host);
    const first = await openSocket(server);
    const second = await openSocket(server);
    first.send(JSON.stringify({ id: 1, channel: 'app:info', payload: {} }));
    second.send(JSON.stringify({ id: 1, channel: 'app:info', payload: {} }));
    await until(() => host.calls.length === 2);
    const [a, b] = host.calls.map((c) => c.clientId);
    first.close();
    await until(() => host.closed.length === 1);
    expect(host.closed).toEqual([a]);
    expect(host.listeners.get(a!)?.size).toBe(0);
    await server.close();
    expect(host.closed.sort()).toEqual([a, b].sort());
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe('plane frames on a slow socket', () => {
  const plane: TrainEvent = {
    type: 'plane', runId: 'r', step: 1, epoch: 0, bounds: { x1: [-1, 1], x2: [-1, 1] },
    grid: { kind: 'binary', resolution: 16, bytes: '' }, units: [], weights: [],
  };
  const epoch = { type: 'paused', runId: 'r' } as const;
  it('are skipped once the backlog passes its limit; other events never are', () => {
    expect(keepsEvent(plane, 0)).toBe(true);
    expect(keepsEvent(plane, PLANE_BACKLOG_BYTES)).toBe(true);
    expect(keepsEvent(plane, PLANE_BACKLOG_BYTES + 1)).toBe(false);
    expect(keepsEvent(epoch, 100 * PLANE_BACKLOG_BYTES)).toBe(true);
  });
});
