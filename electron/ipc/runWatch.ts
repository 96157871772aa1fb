/**
 * Watched training's part of the contract (electron/ipc/contract.ts re-exports it): a run
 * that starts paused and goes one batch or one epoch at a time, a slowed-down pace, and a
 * learning rate changed while the run is under way, so a student sees the decision
 * boundary move and a teacher shows what a setting does within seconds.
 */
import { z } from 'zod';

/** The slowest and fastest paces a run may be held to, in batches a second (null = full speed). */
export const MIN_BATCHES_PER_SECOND = 0.1;
export const MAX_BATCHES_PER_SECOND = 1000;

const runId = z.string().min(1).max(64);
/** Batches a second, or null for as fast as the machine goes. */
export const batchesPerSecondSchema = z.number().min(MIN_BATCHES_PER_SECOND).max(MAX_BATCHES_PER_SECOND).nullable();
/** The same bounds as `Hyperparams.learningRate`. */
const learningRateSchema = z.number().gt(0).max(10);

/** How a run is watched from its start (`train:start`'s `watch`; absent = at full speed, not paused). */
export const runWatchSchema = z.object({
  /** Start paused before the first batch ("step mode"): nothing trains until One step, One epoch or Resume. */
  paused: z.boolean(),
  batchesPerSecond: batchesPerSecondSchema,
}).strict();
export type RunWatch = z.infer<typeof runWatchSchema>;

/** What one step trains: one batch, or up to the end of the epoch under way. */
export const STEP_UNITS = ['batch', 'epoch'] as const;
export type StepUnit = (typeof STEP_UNITS)[number];

/** Trains one batch, or to the end of the current epoch, then pauses again (the run must be paused). */
export const stepRequestSchema = z.object({ runId, unit: z.enum(STEP_UNITS) }).strict();
/** Holds the run to a pace, changeable at any time (null = full speed). */
export const paceRequestSchema = z.object({ runId, batchesPerSecond: batchesPerSecondSchema }).strict();
/** Changes the base learning rate of the run from its next batch on (the schedule applies to it). */
export const setRequestSchema = z.object({ runId, learningRate: learningRateSchema }).strict();

/**
 * A step asked for with `train:step` is over: the run has trained up to `step` batches in all
 * (in epoch `epoch`, from 0) and is paused again. Its batch and epoch events, and a plane
 * frame of the network as it now is, come before this one.
 */
export interface SteppedEvent {
  type: 'stepped';
  runId: string;
  unit: StepUnit;
  step: number;
  epoch: number;
}
