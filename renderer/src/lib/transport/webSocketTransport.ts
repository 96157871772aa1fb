/**
 * The browser bridge's client: the contract over one WebSocket to `/bridge` on the page's
 * own host (electron/web/server.ts). Requests carry an id and are answered `{ id, result }`;
 * training events arrive as `{ event }`.
 *
 * - Requests made before the socket is open are queued and sent once it opens.
 * - When the connection drops, every unanswered request fails with LOST_CONNECTION
 *   (the engine forgets a closed connection's run, so the page should be reloaded), and
 *   the transport reconnects in the background so later requests can still work.
 */
import type { Channel, HostEvent } from '../../../../electron/ipc/contract';
import type { Message } from '$engine';
import type { Transport, TransportReply } from '../api';

export const LOST_CONNECTION = 'Lost the connection to the Layerwise engine; reload the page.';
/** The server refuses larger messages (see DEFAULT_MAX_MESSAGE_BYTES in server.ts). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/** `ws://<host>/bridge` for an http page, `wss://…` for https. */
export function bridgeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
}

export interface WebSocketTransportOptions {
  url: string;
  /** For tests: a WebSocket constructor other than the global one. */
  WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  resolve: (reply: TransportReply) => void;
  /** Serialized request, while it still waits in the queue (null once sent). */
  queued: string | null;
}

/** The renderer's own failure: English `message`, and a key of the UI's dictionaries as `detail` (worded by errorText). */
const disconnected = (message: string, detail: Message): TransportReply => ({ ok: false, error: { code: 'disconnected', message, detail } });

export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const pending = new Map<number, Pending>();
  const trainListeners = new Set<(event: HostEvent) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  function connect(): void {
    reconnectTimer = null;
    const ws = new Impl(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      for (const request of pending.values()) {
        if (request.queued !== null) {
          ws.send(request.queued);
          request.queued = null;
        }
      }
    };
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data === 'string') receive(message.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Sent or not, nothing pending will be answered on this connection.
      for (const [id, request] of pending) {
        pending.delete(id);
        request.resolve(disconnected(LOST_CONNECTION, { key: 'common.connectionLost' }));
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
      attempt++;
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  function receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      const event = message.event as HostEvent;
      for (const listener of [...trainListeners]) {
        try {
          listener(event);
        } catch (error) {
          console.error('Layerwise: a training-event listener failed', error);
        }
      }
      return;
    }
    if ('id' in message && 'result' in message && typeof message.id === 'number') {
      const request = pending.get(message.id);
      if (request === undefined) return;
      pending.delete(message.id);
      const result = message.result as TransportReply | null;
      request.resolve(
        result !== null && typeof result === 'object' && typeof result.ok === 'boolean'
          ? result
          : { ok: false, error: { code: 'internal', message: 'The engine sent an answer the page cannot read.' } },
      );
    }
  }

  function ensureSocket(): WebSocket | null {
    if (socket === null && reconnectTimer === null) connect();
    return socket;
  }

  return {
    kind: 'web',
    invoke(channel: Channel, payload: unknown): Promise<TransportReply> {
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, channel, payload });
      } catch {
        return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: `The request to ${channel} cannot be sent (not JSON).` } });
      }
      if (text.length > MAX_REQUEST_BYTES / 4 && new TextEncoder().encode(text).length > MAX_REQUEST_BYTES) {
        return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: `The request to ${channel} is too large to send.` } });
      }
      return new Promise<TransportReply>((resolve) => {
        const ws = ensureSocket();
        if (ws !== null && ws.readyState === Impl.OPEN) {
          pending.set(id, { resolve, queued: null });
          ws.send(text);
        } else {
          pending.set(id, { resolve, queued: text });
        }
      });
    },
    onTrainEvent(listener: (event: HostEvent) => void): () => void {
      ensureSocket();
      trainListeners.add(listener);
      return () => {
        trainListeners.delete(listener);
      };
    },
    onMenuCommand(): () => void {
      // A web page has no application menu.
      return () => {};
    },
  };
}
