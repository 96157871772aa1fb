/**
 * Preload for the sandboxed renderer. It runs in an isolated world and hands the page a
 * small, frozen API through contextBridge — never ipcRenderer itself. The IPC contract
 * (training, datasets, models) is added here later, one named function at a time.
 *
 * Built as a single CommonJS file (out/preload/preload.cjs): sandboxed preloads cannot
 * load ES modules or other chunks, and may only require 'electron' (and a few polyfills).
 */
import { contextBridge } from 'electron';

/** Replaced at build time with package.json's version (see electron.vite.config.ts). */
declare const __LAYERWISE_VERSION__: string;

export interface LayerwiseApi {
  readonly version: string;
}

const api: LayerwiseApi = Object.freeze({
  version: __LAYERWISE_VERSION__,
});

contextBridge.exposeInMainWorld('layerwise', api);
