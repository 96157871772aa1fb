/**
 * The IPC side of the main process, without Electron at run time (only structural types
 * that Electron's objects fit), so it is tested in plain Node:
 *
 * - `registerIpc` — one `ipcMain.handle` per request channel; each checks the sender,
 *   then hands the payload to the engine host (which validates it) and returns its
 *   `Result` as is.
 * - `createSenderCheck` / `rendererUrlMatcher` — a request is trusted only from the main
 *   frame of our window, showing our renderer (the built index.html, or the dev server).
 * - `connectWindow` — forwards the host's training events to a window while it lives,
 *   and closes its host client when it goes away.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineHostApi } from './host/types';
import { CHANNELS, TRAIN_EVENT_CHANNEL, type Result } from './ipc/contract';
import type { RendererEntry } from './windowOptions';

/** What we read of a frame (Electron's `WebFrameMain`). */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

/** What we read of an invoke event (Electron's `IpcMainInvokeEvent`). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron's `ipcMain` we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/** The part of a `BrowserWindow` the sender check reads. */
export interface TrustedWindowLike {
  isDestroyed(): boolean;
  readonly webContents: {
    readonly id: number;
    isDestroyed(): boolean;
    readonly mainFrame: FrameLike;
  };
}

/** The part of a `BrowserWindow` that `connectWindow` uses. */
export interface ClientWindowLike {
  readonly webContents: {
    readonly id: number;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
    /** Main-frame (cross-document) navigations only: the first load, and reloads. */
    on(event: 'did-navigate', listener: () => void): unknown;
  };
  once(event: 'closed', listener: () => void): unknown;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

export const UNTRUSTED_SENDER_MESSAGE = 'This request did not come from the Layerwise window.';

function describeSender(event: InvokeEventLike): string {
  const frame = event.senderFrame;
  return `web contents ${event.sender.id}, ${frame === null ? 'no frame' : `frame ${frame.url || '(no URL)'}`}`;
}

/**
 * Registers one handler per request channel. Returns a function that removes them all.
 * Handlers never reject: every outcome is a `Result`.
 */
export function registerIpc(ipcMain: IpcMainLike, host: EngineHostApi, isTrustedSender: SenderCheck): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload): Promise<Result<unknown>> => {
      let trusted = false;
      try {
        trusted = isTrustedSender(event);
      } catch (error) {
        console.warn('Layerwise: the IPC sender check failed', error);
      }
      if (!trusted) {
        console.warn(`Layerwise: refused ${channel} from an untrusted sender (${describeSender(event)}).`);
        return { ok: false, error: { code: 'invalid-request', message: UNTRUSTED_SENDER_MESSAGE } };
      }
      try {
        return await host.handle(String(event.sender.id), channel, payload);
      } catch (error) {
        // The host promises never to throw; should it, the renderer still gets a Result.
        console.error(`Layerwise: ${channel} failed`, error);
        return { ok: false, error: { code: 'internal', message: 'Something went wrong in Layerwise. Please try again.' } };
      }
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * Whether a frame URL is our renderer: in production the built index.html (file://, any
 * #hash), in development the dev server's origin.
 */
export function rendererUrlMatcher(entry: RendererEntry, platform: NodeJS.Platform = process.platform): (url: string) => boolean {
  if (entry.kind === 'url') {
    let origin: string;
    try {
      origin = new URL(entry.url).origin;
    } catch {
      return () => false;
    }
    return (candidate) => {
      try {
        return new URL(candidate).origin === origin;
      } catch {
        return false;
      }
    };
  }

  const fold = (path: string): string => (platform === 'win32' ? path.toLowerCase() : path);
  const expected = fold(platform === 'win32' ? entry.path.replaceAll('/', '\\') : resolve(entry.path));
  return (candidate) => {
    try {
      const url = new URL(candidate);
      if (url.protocol !== 'file:' || url.host !== '' || url.search !== '') return false;
      return fold(fileURLToPath(url, { windows: platform === 'win32' })) === expected;
    } catch {
      return false;
    }
  };
}

/**
 * The sender check: the request must come from the main frame of the current window
 * (not a subframe, not another window) and that frame must show our renderer.
 */
export function createSenderCheck(getWindow: () => TrustedWindowLike | null, isRendererUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (frame === null) return false;
    const contents = window.webContents;
    if (event.sender.id !== contents.id) return false;
    const main = contents.mainFrame;
    // Electron hands out one WebFrameMain object per frame; the ids are the same test spelled out.
    const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
    return isMainFrame && isRendererUrl(frame.url);
  };
}

/**
 * Sends the host's training events for this window's client to its web contents while
 * they live; on 'closed' (or when the returned function is called) unsubscribes and
 * closes the client, which stops its run. The client id is the web contents id, as in
 * `registerIpc`.
 *
 * A reload keeps the web contents (and so the client id) but not the page's state: the
 * new page knows no run id, and would get 'busy' until an invisible run ended. So a
 * main-frame navigation (it commits before the new page runs any script) closes the
 * client too, and subscribes afresh for the new page.
 */
export function connectWindow(host: EngineHostApi, window: ClientWindowLike): () => void {
  const contents = window.webContents;
  const clientId = String(contents.id);
  const subscribe = (): (() => void) =>
    host.subscribe(clientId, (event) => {
      if (!contents.isDestroyed()) contents.send(TRAIN_EVENT_CHANNEL, event);
    });
  const closeClient = (): void => {
    host.closeClient(clientId).catch((error: unknown) => {
      console.error('Layerwise: closing the window’s engine client failed', error);
    });
  };

  let unsubscribe = subscribe();
  let connected = true;
  contents.on('did-navigate', () => {
    // (The first load closes an empty client: harmless, and needs no bookkeeping.)
    if (!connected) return;
    unsubscribe();
    closeClient();
    unsubscribe = subscribe();
  });
  const disconnect = (): void => {
    if (!connected) return;
    connected = false;
    unsubscribe();
    closeClient();
  };
  window.once('closed', disconnect);
  return disconnect;
}
