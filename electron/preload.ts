/**
 * Preload for the sandboxed renderer. It runs in an isolated world and hands the page a
 * small, frozen API through contextBridge — never ipcRenderer itself, and no generic
 * "invoke any channel": one named function per request channel of the contract, two
 * event subscriptions, and the version.
 *
 * Built as a single CommonJS file (out/preload/preload.cjs): sandboxed preloads cannot
 * load ES modules or other chunks, and may only require 'electron' (and a few polyfills).
 * That is why the channel names come from the zod-free `ipc/channels.ts`; the contract
 * itself is only imported for its types (erased from the build).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_COMMAND_CHANNEL, TRAIN_EVENT_CHANNEL, type ChannelName } from './ipc/channels';
import type { HostEvent, MenuCommand, PreloadApi } from './ipc/contract';

/** Replaced at build time with package.json's version (see electron.vite.config.ts). */
declare const __LAYERWISE_VERSION__: string;

type Requests = Omit<PreloadApi, 'onTrainEvent' | 'onMenuCommand' | 'version'>;

function invoker(channel: ChannelName): (request: unknown) => Promise<unknown> {
  // Exactly one argument crosses, whatever the page passes.
  return (request: unknown) => ipcRenderer.invoke(channel, request);
}

/**
 * Listens on an event channel; the page's listener gets the payload only, never the
 * Electron event (whose `sender` is ipcRenderer). Returns the unsubscribe function.
 */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError(`A listener for ${channel} must be a function.`);
  const wrapped = (_event: IpcRendererEvent, payload: T): void => {
    listener(payload);
  };
  ipcRenderer.on(channel, wrapped);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const requests = Object.fromEntries(CHANNELS.map((channel) => [channel, invoker(channel)])) as unknown as Requests;

const api: PreloadApi = Object.freeze({
  ...requests,
  onTrainEvent: (listener: (event: HostEvent) => void) => subscribe(TRAIN_EVENT_CHANNEL, listener),
  onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe(MENU_COMMAND_CHANNEL, listener),
  version: __LAYERWISE_VERSION__,
});

contextBridge.exposeInMainWorld('layerwise', api);
