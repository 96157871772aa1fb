/**
 * The messages between the host and its code-space worker (types only, as workerProtocol.ts
 * for training and predictions). The worker is long-lived and runs several jobs at once in
 * turns (each yields between steps), so a 'cancel' is read between two steps.
 */
import type { CodeLayers, CodesEvent, CodesStart } from '../ipc/contract';
import type { Message } from '../../engine';
import type { JobDataset, ModelSource } from './workerProtocol';

/** What a code-space job asks for, less what the host resolved (the model, the dataset). */
export type CodesJobSettings = Omit<CodesStart, 'model' | 'dataset'>;

type WithoutJobId<E> = E extends unknown ? Omit<E, 'jobId'> : never;
/** A job's event as the worker posts it; the host adds the job's id. */
export type WorkerCodesEvent = WithoutJobId<CodesEvent>;

export type CodesCommand =
  /** `key` names the model for the worker's cache (as the predictor's keys); `source` loads it when the cache lacks it. */
  | { type: 'layers'; id: number; key: string; source: ModelSource; dataset: JobDataset }
  | { type: 'job'; id: number; key: string; source: ModelSource; dataset: JobDataset; settings: CodesJobSettings }
  | { type: 'cancel'; id: number };

export type CodesWorkerMessage =
  | { type: 'layers'; id: number; layers: CodeLayers }
  | { type: 'event'; id: number; event: WorkerCodesEvent }
  /** A request that could not be served (a 'layers' request's answer, or a job's end). */
  | { type: 'error'; id: number; code: 'bad-file' | 'invalid-request' | 'internal'; message: string; detail?: Message };
