/**
 * Part of the contract (`contract.ts` re-exports it): the run history. Every run that
 * trained — completed, stopped or failed — is kept by the host in the user's data folder
 * (electron/host/runHistory.ts); these requests list them, give one back whole (to show
 * or to reopen in Build and Train), rename, star, annotate and delete them; and save
 * what is taken out of them (a lab report, a CSV, a PNG) where the user chooses.
 */
import { z } from 'zod';
import { RUN_ID, MAX_RUN_NAME_CHARS, MAX_RUN_NOTES_CHARS, type EpochMetrics, type LossTrail, type Message, type MetricName, type NetworkSpec, type RunEnding, type RunTest, type Task } from '../../engine';
import type { DatasetChoice } from './datasetChoice';
import type { ReconstructRequest } from './reconstruction';
import type { Hyperparams } from './contract';

export const SAVED_FILE_KINDS = ['html', 'csv', 'png'] as const;
export type SavedFileKind = (typeof SAVED_FILE_KINDS)[number];
/** Largest file saved this way (a report with a few comparisons' curves stays far below). */
export const MAX_SAVED_FILE_CHARS = 16 * 1024 * 1024;

export const runIdSchema = z.string().regex(RUN_ID, 'not a run id');
const runRef = z.object({ id: runIdSchema }).strict();

export const runRequestSchemas = {
  'runs:list': z.object({}).strict(),
  'runs:get': runRef,
  /** A name, or null to give the run back its default name (its data and date). */
  'runs:rename': z.object({
    id: runIdSchema,
    name: z.string().trim().min(1, 'A run needs a name.').max(MAX_RUN_NAME_CHARS, `Run names are at most ${MAX_RUN_NAME_CHARS} characters.`).nullable(),
  }).strict(),
  'runs:star': z.object({ id: runIdSchema, starred: z.boolean() }).strict(),
  'runs:delete': runRef,
  /** The student's notes for the lab report ('' for none). */
  'runs:notes': z.object({ id: runIdSchema, notes: z.string().max(MAX_RUN_NOTES_CHARS, `Notes are at most ${MAX_RUN_NOTES_CHARS} characters.`) }).strict(),
  /**
   * Asks where to save a file made in the page (native save dialog; no path is sent) and
   * writes it whole. `text` for a report or a CSV, `base64` for a PNG. Web mode downloads
   * instead, in the browser.
   */
  'runs:saveFile': z.object({
    name: z.string().min(1).max(120),
    kind: z.enum(SAVED_FILE_KINDS),
    text: z.string().max(MAX_SAVED_FILE_CHARS).optional(),
    base64: z.string().max(MAX_SAVED_FILE_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64').optional(),
  }).strict().refine((r) => (r.text === undefined) !== (r.base64 === undefined), 'text or base64, one of them'),
} as const;

/** One run as the history panel lists it. */
export interface RunSummary {
  id: string;
  /** The student's name for it; null: the UI names it by its data and date. */
  name: string | null;
  starred: boolean;
  ending: RunEnding;
  /** ISO 8601. */
  startedAt: string;
  seconds: number;
  dataset: { name: string; title: Message | null; taskKind: Task['kind'] | null };
  /** e.g. "Dense → Dense". */
  architecture: string;
  params: number;
  /** The settings a list shows at a glance (the whole set is in `runs:get`). */
  settings: Pick<Hyperparams, 'epochs' | 'batchSize' | 'learningRate' | 'optimizer' | 'loss' | 'seed'> | null;
  epochsDone: number;
  /**
   * What the run reached: on the test set when it was tested, else on validation (or
   * training) at its last epoch. `metric` is the task's first (accuracy, R², MSE); null without.
   */
  final: { on: 'test' | 'validation' | 'train'; loss: number | null; metric: MetricName | null; value: number | null } | null;
  /** The saved model made from this run, if any. */
  modelId: string | null;
  /** Set when the record does not read: why (the file and field at fault). It can only be deleted. */
  damaged?: Message;
}

/** A run in full: what reopening it puts back in Build and Train, and its curves and results. */
export interface OpenedRun {
  summary: RunSummary;
  spec: NetworkSpec;
  hyperparams: Hyperparams;
  /** The learning rate last set while it trained (watch mode); null if it kept its own. */
  learningRateSet: number | null;
  dataset: DatasetChoice;
  /** What the data were: counts, input, classes. */
  data: { inputShape: number[]; classNames: string[] | null; task: Task | null; trainCount: number; valCount: number; testCount: number };
  reconstruct: ReconstructRequest | null;
  history: EpochMetrics[];
  batchesPerEpoch: number;
  batchLoss: LossTrail;
  test: RunTest | null;
  /** Why it stopped or failed; null for a completed run. */
  endingDetail: Message | null;
  /** The student's notes ('' for none). */
  notes: string;
}

export interface RunResponses {
  'runs:list': RunSummary[];
  'runs:get': OpenedRun;
  'runs:rename': RunSummary;
  'runs:star': RunSummary;
  'runs:delete': void;
  'runs:notes': RunSummary;
  /** Where it was saved; null when the user cancelled. */
  'runs:saveFile': { path: string } | null;
}
