/**
 * Shared by the web server's tests (not a test itself): a fake engine host, a built-renderer
 * folder with a secret beside it, servers closed after each test, and raw HTTP and
 * WebSocket clients that send exactly what they are given.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import type { EngineHostApi } from '../host/types';
import type { Result, TrainEvent } from '../ipc/contract';
import { startWebServer, type WebServer } from './server';

export class FakeHost implements EngineHostApi {
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

/** The policy the fixture's index.html carries. */
export const CSP_IN_HTML =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'";

export interface WebServerFixture {
  /** The temporary folder: `renderer/` (index.html, assets, a dotfile, a symlink out) and `secret.txt`. */
  root(): string;
  /** A server on the fixture's renderer, closed after the test. */
  start(host?: EngineHostApi, extra?: { maxMessageBytes?: number; log?: (l: string) => void }): Promise<WebServer>;
}

/** Registers hooks on the calling file (or suite): the renderer folder for all its tests, servers closed after each. */
export function useWebServer(): WebServerFixture {
  let root = '';
  let rendererDir = '';
  const open: WebServer[] = [];

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

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  return {
    root: () => root,
    async start(host = new FakeHost(), extra = {}) {
      const server = await startWebServer({ host, rendererDir, ...extra });
      open.push(server);
      return server;
    },
  };
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A request with the path exactly as given (fetch would normalise `..` away). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
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
export function rawUpgrade(port: number, headers: Record<string, string>, path = '/bridge'): Promise<number> {
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

export function openSocket(server: WebServer, origin = `http://127.0.0.1:${server.port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

/** Collects every JSON message a socket receives. */
export function inbox(ws: WebSocket) {
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

export const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
