/**
 * The browser bridge: the built renderer as a local web page plus a WebSocket that
 * carries the same contract as Electron's IPC to the same engine host. Used by `npm run
 * web`, by the UI tests in real Chromium, and on machines without the Electron binary.
 *
 * Plain Node (no Electron). Security, since any web page the user visits can try to
 * reach a port on 127.0.0.1:
 * - listens on 127.0.0.1 only;
 * - every request must carry `Host: 127.0.0.1:<port>` (a DNS-rebound name is refused);
 * - the WebSocket accepts only `Origin: http://127.0.0.1:<port>`, i.e. our own page;
 * - static files are served from the renderer folder only (no traversal, no symlink
 *   escape, no dotfiles), with the renderer's CSP as a real header, `nosniff`, COOP
 *   and no referrer;
 * - messages are size-bounded, parsed defensively, and validated by the host.
 *
 * Protocol (JSON text frames): client → `{ id, channel, payload }`; server → `{ id,
 * result }` with the host's `Result`, and `{ event }` for each training event of this
 * connection's runs. One connection = one host client; closing it stops its run.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { HostEvent, Result } from '../ipc/contract';
import type { EngineHostApi } from '../host/types';

/** The only address the bridge ever binds. */
export const BRIDGE_HOST = '127.0.0.1';
export const BRIDGE_PATH = '/bridge';
/** Largest message a client may send (a prediction request is ~15 KB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
/** Requests one connection may have in flight before further ones are answered "busy". */
export const MAX_IN_FLIGHT = 64;

/**
 * renderer/index.html's Content-Security-Policy (a test keeps the two equal). The server
 * sends the policy of the index.html it actually serves, falling back to this one.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
  + "connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Only enforceable as a header (a <meta> CSP ignores it): nobody may frame the app. */
const HEADER_ONLY_CSP = "frame-ancestors 'none'";

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The CSP of a <meta http-equiv="Content-Security-Policy"> in `html`, or null. */
export function cspFromHtml(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gis) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/is.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value !== undefined) return value.replace(/\s+/g, ' ').trim();
  }
  return null;
}

export type StaticTarget =
  | { kind: 'file'; segments: string[] }
  | { kind: 'error'; status: 400 | 404 };

/**
 * Maps a raw request target to path segments inside the renderer folder, refusing
 * anything that could leave it: `.`/`..` segments (also percent-encoded), encoded
 * slashes or backslashes, NUL, drive letters and streams (`:`), dotfiles, empty segments.
 * Works on the raw string (not a normalising URL parser), so `/a/../../x` is refused
 * rather than silently turned into `/x`.
 */
export function staticTarget(rawUrl: string): StaticTarget {
  const end = rawUrl.search(/[?#]/);
  const rawPath = end === -1 ? rawUrl : rawUrl.slice(0, end);
  if (!rawPath.startsWith('/')) return { kind: 'error', status: 400 };
  if (rawPath === '/') return { kind: 'file', segments: ['index.html'] };
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'error', status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return { kind: 'error', status: 400 };
    if (segment === '' || segment.startsWith('.')) return { kind: 'error', status: 404 };
    segments.push(segment);
  }
  return { kind: 'file', segments };
}

export interface WebServerOptions {
  host: EngineHostApi;
  /** The built renderer (out/renderer), holding index.html. */
  rendererDir: string;
  /** 0 (default): any free port. */
  port?: number;
  maxMessageBytes?: number;
  /** Refused connections and other noteworthy events (default: silent). */
  log?: (line: string) => void;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Closes every connection (each one's host client too) and stops listening. */
  close(): Promise<void>;
}

interface Connection {
  ws: WebSocket;
  unsubscribe: () => void;
  inFlight: number;
  finished: Promise<void> | null;
}

type Reply = { id: string | number | null; result: Result<unknown> };

/** Unsent bytes past which plane frames are dropped (about four 200×200 frames). */
export const PLANE_BACKLOG_BYTES = 512 * 1024;

/**
 * Whether a training event still goes to a socket with `buffered` unsent bytes. Plane
 * frames are each superseded by the next, so a slow page skips them rather than let
 * them queue (the host already sends at most one per `everyMs`); every other event goes.
 */
export function keepsEvent(event: HostEvent, buffered: number): boolean {
  return event.type !== 'plane' || buffered <= PLANE_BACKLOG_BYTES;
}

const errorResult = (code: 'invalid-request' | 'busy' | 'internal', message: string): Result<never> =>
  ({ ok: false, error: { code, message } });

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host } = options;
  const log = options.log ?? (() => {});
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const rendererDir = resolve(options.rendererDir);
  const indexHtml = join(rendererDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`No built renderer in ${rendererDir} (index.html is missing): run \`npx electron-vite build\` first.`);
  }
  const realRendererDir = await realpath(rendererDir);
  const csp = `${cspFromHtml(readFileSync(indexHtml, 'utf8')) ?? RENDERER_CSP}; ${HEADER_ONLY_CSP}`;

  let port = 0;
  const ownHost = (): string => `${BRIDGE_HOST}:${port}`;
  const ownOrigin = (): string => `http://${ownHost()}`;

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-cache',
  });

  const sendText = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void => {
    const body = Buffer.from(`${text}\n`, 'utf8');
    res.writeHead(status, {
      ...securityHeaders(),
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(body.length),
      ...extra,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== ownHost()) {
      log(`refused an HTTP request for host ${JSON.stringify(req.headers.host ?? '')}`);
      sendText(res, 403, `Layerwise only answers at ${ownOrigin()}/`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const target = staticTarget(req.url ?? '/');
    if (target.kind === 'error') {
      sendText(res, target.status, target.status === 400 ? 'Bad request' : 'Not found');
      return;
    }
    const file = join(rendererDir, ...target.segments);
    let real: string;
    try {
      real = await realpath(file);
      if (!real.startsWith(realRendererDir + sep) || !(await stat(real)).isFile()) throw new Error('outside');
    } catch {
      sendText(res, 404, 'Not found');
      return;
    }
    const size = (await stat(real)).size;
    res.writeHead(200, { ...securityHeaders(), 'Content-Type': mimeTypeOf(real), 'Content-Length': String(size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  const server = createServer((req, res) => {
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  // ---------------------------------------------------------------- WebSocket bridge

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const connections = new Map<string, Connection>();
  let nextClient = 1;

  function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
    const body = `${reason}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n`
      + `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== BRIDGE_PATH) {
      refuseUpgrade(socket, 404, 'Not found');
      return;
    }
    if (req.headers.host !== ownHost()) {
      log(`refused a WebSocket connection for host ${JSON.stringify(req.headers.host ?? '')}`);
      refuseUpgrade(socket, 403, 'Forbidden host');
      return;
    }
    if (req.headers.origin !== ownOrigin()) {
      log(`refused a WebSocket connection from origin ${JSON.stringify(req.headers.origin ?? '')}`);
      refuseUpgrade(socket, 403, 'Forbidden origin');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function send(ws: WebSocket, message: Reply | { event: HostEvent }): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if ('event' in message && !keepsEvent(message.event, ws.bufferedAmount)) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch {
      if (!('id' in message)) return;
      text = JSON.stringify({ id: message.id, result: errorResult('internal', 'The engine sent an answer that cannot be encoded.') });
    }
    ws.send(text);
  }

  function finish(clientId: string): Promise<void> {
    const connection = connections.get(clientId);
    if (connection === undefined) return Promise.resolve();
    if (connection.finished === null) {
      connection.unsubscribe();
      connection.finished = Promise.resolve()
        .then(() => host.closeClient(clientId))
        .catch((error: unknown) => log(`closing client ${clientId} failed: ${String(error)}`))
        .finally(() => connections.delete(clientId));
    }
    return connection.finished;
  }

  function accept(ws: WebSocket): void {
    const clientId = `web-${nextClient++}-${randomUUID().slice(0, 8)}`;
    const connection: Connection = {
      ws,
      unsubscribe: host.subscribe(clientId, (event) => send(ws, { event })),
      inFlight: 0,
      finished: null,
    };
    connections.set(clientId, connection);
    ws.on('error', () => {}); // e.g. an oversized frame: ws closes the connection (1009) itself
    ws.on('close', () => void finish(clientId));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void onMessage(clientId, connection, data, isBinary);
    });
  }

  async function onMessage(clientId: string, connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const { ws } = connection;
    if (isBinary) {
      send(ws, { id: null, result: errorResult('invalid-request', 'Messages must be JSON text.') });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      send(ws, { id: null, result: errorResult('invalid-request', 'The message is not valid JSON.') });
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      send(ws, { id: null, result: errorResult('invalid-request', 'A message must be an object { id, channel, payload }.') });
      return;
    }
    const { id, channel, payload } = message as { id?: unknown; channel?: unknown; payload?: unknown };
    const validId = (typeof id === 'string' && id.length <= 100) || (typeof id === 'number' && Number.isFinite(id));
    if (!validId) {
      send(ws, { id: null, result: errorResult('invalid-request', 'A message needs an id (a number or a short string).') });
      return;
    }
    const replyId = id as string | number;
    if (typeof channel !== 'string') {
      send(ws, { id: replyId, result: errorResult('invalid-request', 'A message needs a channel name.') });
      return;
    }
    if (connection.inFlight >= MAX_IN_FLIGHT) {
      send(ws, { id: replyId, result: errorResult('busy', 'Too many requests at once; wait for the earlier ones to finish.') });
      return;
    }
    connection.inFlight++;
    let result: Result<unknown>;
    try {
      result = await host.handle(clientId, channel, payload);
    } catch (error) {
      log(`the host threw on ${channel}: ${String(error)}`);
      result = errorResult('internal', 'The engine failed unexpectedly.');
    } finally {
      connection.inFlight--;
    }
    send(ws, { id: replyId, result });
  }

  // ---------------------------------------------------------------- start / stop

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen({ port: options.port ?? 0, host: BRIDGE_HOST, exclusive: true }, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `${ownOrigin()}/`,
    port,
    close() {
      closing ??= (async () => {
        const finishing = [...connections.keys()].map((clientId) => finish(clientId));
        for (const { ws } of connections.values()) ws.terminate();
        await new Promise<void>((done) => wss.close(() => done()));
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await Promise.all(finishing);
      })();
      return closing;
    },
  };
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
