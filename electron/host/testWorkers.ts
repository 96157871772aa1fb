/**
 * Workers started straight from the TypeScript sources, for tests (vitest) and for
 * running the host under tsx. On Node 20 a worker cannot be given a .ts entry with
 * `--import tsx` (ERR_UNKNOWN_FILE_EXTENSION), so each worker starts from a tiny
 * `eval` bootstrap that registers tsx's ESM loader in that thread and then imports the
 * entry. The production build uses `?nodeWorker` chunks instead (buildWorkers.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerFactory, WorkerKind } from './types';

const ENTRIES: Record<WorkerKind, URL> = {
  train: new URL('./trainWorker.ts', import.meta.url),
  predict: new URL('./predictWorker.ts', import.meta.url),
  codes: new URL('./codesWorker.ts', import.meta.url),
};

/** tsx's ESM API, resolved from here so the bootstrap does not depend on the working directory. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  // The `require` condition gives dist/esm/api/index.cjs; its .mjs twin sits beside it.
  const cjs = require.resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

export function bootstrapSource(entry: URL): string {
  return `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

export interface TsxWorkerFactory extends WorkerFactory {
  /** Every worker this factory started, newest last (tests reach in to terminate one). */
  readonly workers: { kind: WorkerKind; worker: Worker }[];
}

export function createTsxWorkerFactory(): TsxWorkerFactory {
  const workers: { kind: WorkerKind; worker: Worker }[] = [];
  const factory = ((kind: WorkerKind) => {
    const worker = new Worker(bootstrapSource(ENTRIES[kind]), { eval: true, name: `layerwise-${kind}` });
    workers.push({ kind, worker });
    // Keep the list short over many runs: forget workers once they have exited.
    worker.once('exit', () => {
      const i = workers.findIndex((w) => w.worker === worker);
      if (i >= 0) workers.splice(i, 1);
    });
    return worker;
  }) as TsxWorkerFactory;
  Object.defineProperty(factory, 'workers', { value: workers });
  return factory;
}
