/**
 * Shared by the host's tests (not a test itself): a host on a temporary library with
 * scripted dialogs and real worker threads, an event recorder, and small IDX datasets.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isCodesEvent, type CodesEvent, type Hyperparams, type Result, type ResultError, type TrainEvent } from '../ipc/contract';
import { encodeIdx, PRESETS } from '../../engine';
import { EngineHost } from './engineHost';
import { createTsxWorkerFactory, type TsxWorkerFactory } from './testWorkers';
import type { EngineHostOptions, HostDialogs } from './types';

export const MLP = PRESETS.mlp;
export const CNN = PRESETS.cnn;

export function hyperparams(over: Partial<Hyperparams> = {}): Hyperparams {
  return {
    epochs: 1, batchSize: 32, learningRate: 0.05, optimizer: 'momentum', schedule: { type: 'constant' },
    weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 100, seed: 1, ...over,
  };
}

/** Dialog answers the test sets before a request that opens one. */
export class ScriptedDialogs implements HostDialogs {
  folder: string | null = null;
  exportPath: string | null = null;
  readonly asked: string[] = [];
  async pickFolder(purpose: 'dataset' | 'import-model'): Promise<string | null> {
    this.asked.push(`folder:${purpose}`);
    return this.folder;
  }
  async pickExportPath(suggestedName: string): Promise<string | null> {
    this.asked.push(`export:${suggestedName}`);
    return this.exportPath;
  }
  tableFile: string | null = null;
  tableSavePath: string | null = null;
  async pickTableFile(): Promise<string | null> {
    this.asked.push('table');
    return this.tableFile;
  }
  async pickTableSavePath(suggestedName: string): Promise<string | null> {
    this.asked.push(`save-table:${suggestedName}`);
    return this.tableSavePath;
  }
  savePath: string | null = null;
  async pickSavePath(suggestedName: string, kind: string): Promise<string | null> {
    this.asked.push(`save-${kind}:${suggestedName}`);
    return this.savePath;
  }
}

export interface TestHost {
  host: EngineHost;
  dir: string;
  modelsDir: string;
  dialogs: ScriptedDialogs;
  workers: TsxWorkerFactory;
  /** A request that must succeed; returns its value. */
  ok<T = unknown>(channel: string, payload?: unknown, client?: string): Promise<T>;
  /** A request that must fail; returns its error. */
  err(channel: string, payload?: unknown, client?: string): Promise<ResultError>;
  events(client?: string): EventLog;
  /** The code-space jobs' events (the training log leaves them out). */
  codesEvents(client?: string): EventLog<CodesEvent>;
  close(): Promise<void>;
}

export class EventLog<E extends { type: string } = TrainEvent> {
  readonly all: (E & { at: number })[] = [];
  private waiters: { test: (e: E) => boolean; resolve: (e: E) => void }[] = [];
  push(e: E): void {
    this.all.push({ ...e, at: performance.now() });
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(e)) return true;
      w.resolve(e);
      return false;
    });
  }
  of<T extends E['type']>(type: T): Extract<E, { type: T }>[] {
    return this.all.filter((e) => e.type === type) as unknown as Extract<E, { type: T }>[];
  }
  /** The first event (already seen or still to come) of one of `types`. */
  next<T extends E['type']>(types: T | T[], timeoutMs = 60_000): Promise<Extract<E, { type: T }>> {
    const list: string[] = Array.isArray(types) ? types : [types];
    const seen = this.all.find((e) => list.includes(e.type));
    if (seen) return Promise.resolve(seen as unknown as Extract<E, { type: T }>);
    return this.waitFor((e) => list.includes(e.type), timeoutMs) as Promise<Extract<E, { type: T }>>;
  }
  /** The next event from now on that passes `test`. */
  waitFor(test: (e: E) => boolean, timeoutMs = 60_000): Promise<E> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; saw ${this.all.map((e) => e.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ test, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }
  clear(): void {
    this.all.length = 0;
  }
}

export async function makeTestHost(over: Partial<EngineHostOptions> = {}): Promise<TestHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'layerwise-host-'));
  const modelsDir = path.join(dir, 'models');
  const dialogs = new ScriptedDialogs();
  const workers = createTsxWorkerFactory();
  const host = new EngineHost({ modelsDir, appVersion: '9.9.9-test', transport: 'web', dialogs, createWorker: workers, ...over });
  const logs = new Map<string, EventLog>();
  const codeLogs = new Map<string, EventLog<CodesEvent>>();
  const call = (channel: string, payload: unknown, client: string): Promise<Result<unknown>> => host.handle(client, channel, payload);
  return {
    host, dir, modelsDir, dialogs, workers,
    async ok<T>(channel: string, payload: unknown = {}, client = 'c1'): Promise<T> {
      const r = await call(channel, payload, client);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async err(channel: string, payload: unknown = {}, client = 'c1') {
      const r = await call(channel, payload, client);
      if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
      return r.error;
    },
    events(client = 'c1'): EventLog {
      let log = logs.get(client);
      if (!log) {
        const created = new EventLog();
        host.subscribe(client, (e) => { if (!isCodesEvent(e)) created.push(e); });
        logs.set(client, created);
        log = created;
      }
      return log;
    },
    codesEvents(client = 'c1'): EventLog<CodesEvent> {
      let log = codeLogs.get(client);
      if (!log) {
        const created = new EventLog<CodesEvent>();
        host.subscribe(client, (e) => { if (isCodesEvent(e)) created.push(e); });
        codeLogs.set(client, created);
        log = created;
      }
      return log;
    },
    async close() {
      await host.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes an MNIST-layout folder of `train` + `test` random 28×28 images (labels cycle
 * 0–9), optionally gzipped, and returns its path.
 */
export async function writeDataset(dir: string, train: number, test: number, opts: { rows?: number; cols?: number } = {}): Promise<string> {
  const rows = opts.rows ?? 28, cols = opts.cols ?? 28;
  await mkdir(dir, { recursive: true });
  const images = (n: number) => {
    const px = new Uint8Array(n * rows * cols);
    for (let i = 0; i < px.length; i++) px[i] = (i * 2654435761) >>> 24;
    return encodeIdx([n, rows, cols], px);
  };
  const labels = (n: number) => encodeIdx([n], Uint8Array.from({ length: n }, (_, i) => i % 10));
  await writeFile(path.join(dir, 'train-images-idx3-ubyte'), images(train));
  await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), labels(train));
  await writeFile(path.join(dir, 't10k-images-idx3-ubyte'), images(test));
  await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), labels(test));
  return dir;
}
