import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result, TrainEvent } from '../ipc/contract';
import type { EngineHostApi } from '../host/types';
import {
  cspFromHtml,
  DEFAULT_MAX_MESSAGE_BYTES,
  RENDERER_CSP,
  startWebServer,
  staticTarget,
  type WebServer,
} from './server';

// ---------------------------------------------------------------- fixtures

class FakeHost implements EngineHostApi {
  readonly calls: { clientId: string; channel: string; payload: unknown }[] = [];
  readonly closed: string[] = [];
  readonly listeners = new Map<string, Set<(event: TrainEvent) => void>>();
  reply: (channel: string, payload: unknown) => Promise<Result<unknown>> = async (channel, payload) =>
    ({ ok: true, value: { echo: { channel, payload } } });

  handle(clientId: string, channel: string, payload: unknown): Promise<Result<unknown>> {
    this.calls.push({ clientId, channel, payload });
    return this.reply(channel, payload);
  }

  subscribe(clientId: string, listener: (event: TrainEvent) => void): () => void {
    const set = this.listeners.get(clientId) ?? new Set();
    set.add(listener);
    this.listeners.set(clientId, set);
    return () => set.delete(listener);
  }

  emit(clientId: string, event: TrainEvent): void {
    for (const listener of this.listeners.get(clientId) ?? []) listener(event);
  }

  async closeClient(clientId: string): Promise<void> {
    this.closed.push(clientId);
  }

  async dispose(): Promise<void> {}
}

const CSP_IN_HTML =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'";

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'layerwise-web-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<!doctype html><html><head>\n<meta\n  http-equiv="Content-Security-Policy"\n  content="${CSP_IN_HTML}"\n/>\n<title>Layerwise</title></head><body></body></html>`,
  );
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1);');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDir, 'assets', 'blob.bin'), 'x');
  writeFileSync(join(rendererDir, '.env'), 'SECRET=1');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const open: WebServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(host: EngineHostApi = new FakeHost(), extra: { maxMessageBytes?: number; log?: (l: string) => void } = {}) {
  const server = await startWebServer({ host, rendererDir, ...extra });
  open.push(server);
  return server;
}

interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A request with the path exactly as given (fetch would normalise `..` away). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends an upgrade request by hand and returns the status code of the answer. */
function rawUpgrade(port: number, headers: Record<string, string>, path = '/bridge'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(0));
  });
}

function openSocket(server: WebServer, origin = `http://127.0.0.1:${server.port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

/** Collects every JSON message a socket receives. */
function inbox(ws: WebSocket) {
  const messages: unknown[] = [];
  const waiters: { test: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  ws.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  return {
    messages,
    next<T = unknown>(test: (m: any) => boolean): Promise<T> {
      const found = messages.find(test);
      if (found !== undefined) return Promise.resolve(found as T);
      return new Promise((resolve) => waiters.push({ test, resolve: resolve as (m: unknown) => void }));
    },
  };
}

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

// ---------------------------------------------------------------- static files

describe('static files', () => {
  it('serves index.html for / with the security headers', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(`${CSP_IN_HTML}; frame-ancestors 'none'`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<title>Layerwise</title>');
  });

  it('serves assets with their MIME types and the same headers', async () => {
    const server = await start();
    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/blob.bin': 'application/octet-stream',
      'index.html': 'text/html; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    expect(await (await fetch(`${server.url}assets/index-abc.js?v=1`)).text()).toBe('console.log(1);');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const server = await start();
    const head = await rawGet(server.port, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await rawGet(server.port, '/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('answers 404 for missing files, folders and dotfiles', async () => {
    const server = await start();
    for (const path of ['/missing.js', '/assets', '/assets/', '/.env', '//index.html', '/assets/link.txt']) {
      const res = await rawGet(server.port, path);
      expect(res.status, path).toBe(404);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    const server = await start();
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/%00',
      '/index.html%00.js',
      '/%',
      '/C:/Windows/win.ini',
      'secret.txt',
      '/assets/link.txt',
    ];
    for (const path of attempts) {
      const res = await rawGet(server.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('TOP SECRET');
    }
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const server = await start();
    for (const host of ['evil.example:' + server.port, 'localhost:' + server.port, '127.0.0.1', '127.0.0.1:1']) {
      const res = await rawGet(server.port, '/', { host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('<title>');
    }
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startWebServer({ host: new FakeHost(), rendererDir: join(root, 'nowhere') })).rejects.toThrow(/electron-vite build/);
  });
});

describe('staticTarget', () => {
  it('maps paths to segments and refuses traversal', () => {
    expect(staticTarget('/')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(staticTarget('/?x=1')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(staticTarget('/assets/a%20b.js#h')).toEqual({ kind: 'file', segments: ['assets', 'a b.js'] });
    expect(staticTarget('/a/../b')).toEqual({ kind: 'error', status: 400 });
    expect(staticTarget('/a/%2e/b')).toEqual({ kind: 'error', status: 400 });
    expect(staticTarget('http://evil/x')).toEqual({ kind: 'error', status: 400 });
  });
});

describe('CSP', () => {
  it('RENDERER_CSP is the policy of renderer/index.html', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(cspFromHtml(html)).toBe(RENDERER_CSP);
  });
});

// ---------------------------------------------------------------- WebSocket bridge

describe('WebSocket bridge', () => {
  it('refuses a foreign Origin, a missing Origin, a wrong Host and other paths', async () => {
    const refused: string[] = [];
    const host = new FakeHost();
    const server = await start(host, { log: (line) => refused.push(line) });
    const own = `127.0.0.1:${server.port}`;
    expect(await rawUpgrade(server.port, { Host: own, Origin: 'http://evil.example' })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://localhost:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `https://127.0.0.1:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: 'null' })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: `evil.example:${server.port}`, Origin: `http://${own}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://${own}` }, '/other')).toBe(404);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://${own}` })).toBe(101);
    await expect(openSocket(server, 'http://evil.example')).rejects.toThrow(/403/);
    expect(refused.some((l) => l.includes('evil.example'))).toBe(true);
    expect(host.calls).toEqual([]);
  });

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

describe('network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const server = await start();
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) if (!info.internal) others.push(info.address);
    }
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port, timeout: 1000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});
