/**
 * The production worker factory: electron-vite emits each worker entry as its own chunk
 * and `?nodeWorker` gives a function that starts it. Build-time only (vitest cannot
 * resolve the suffix): tests and tsx runs use testWorkers.ts instead.
 */
import createCodesWorker from './codesWorker?nodeWorker';
import createPredictWorker from './predictWorker?nodeWorker';
import createTrainWorker from './trainWorker?nodeWorker';
import type { WorkerFactory } from './types';

export const buildWorkerFactory: WorkerFactory = (kind) =>
  kind === 'train' ? createTrainWorker({ name: 'layerwise-train' })
  : kind === 'codes' ? createCodesWorker({ name: 'layerwise-codes' })
  : createPredictWorker({ name: 'layerwise-predict' });

/** The same factory under the name the Electron shell imports. */
export const createWorker: WorkerFactory = buildWorkerFactory;
