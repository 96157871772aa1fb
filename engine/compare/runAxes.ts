/**
 * The x axes a comparison can use, and where a run's points fall on each: epochs, samples
 * seen, weight updates (batches) or seconds. Batch 1 against the whole set in one batch
 * only makes sense against updates or seconds: one epoch is 55,000 updates for one and a
 * single update for the other. Each run keeps its own length on every axis.
 *
 * A run record holds all it takes: batches per epoch, the training samples per epoch and
 * each epoch's duration (`EpochMetrics.seconds` is the epoch's own, summed here).
 */
import type { EpochMetrics } from '../train/metrics';

export const COMPARE_AXES = ['epochs', 'samples', 'updates', 'seconds'] as const;
export type CompareAxis = (typeof COMPARE_AXES)[number];

/** What placing a run's points on an axis needs. */
export interface RunTimeline {
  batchesPerEpoch: number;
  /** Training samples per epoch (the fit set, validation excluded). */
  trainCount: number;
  /** Each finished epoch's own duration, in order. */
  epochSeconds: readonly number[];
}

export function timelineOf(run: { batchesPerEpoch: number; trainCount: number; history: readonly EpochMetrics[] }): RunTimeline {
  const epochs = [...run.history].sort((a, b) => a.epoch - b.epoch);
  return { batchesPerEpoch: Math.max(1, run.batchesPerEpoch), trainCount: run.trainCount, epochSeconds: epochs.map((e) => e.seconds) };
}

/**
 * Where the end of batch `step` (1-based over the whole run; a merged trail point's step
 * may be fractional) falls on `axis`. Seconds are interpolated within the epoch; null for
 * a step of an epoch whose duration is not known yet (the run under way's current epoch).
 */
export function stepAt(axis: CompareAxis, step: number, run: RunTimeline): number | null {
  const epochs = step / run.batchesPerEpoch;
  switch (axis) {
    case 'updates': return step;
    case 'epochs': return epochs;
    case 'samples': return epochs * run.trainCount;
    case 'seconds': return secondsAt(epochs, run.epochSeconds);
  }
}

/** Where the end of epoch `epoch` (0-based, as EpochMetrics counts) falls on `axis`. */
export function epochEndAt(axis: CompareAxis, epoch: number, run: RunTimeline): number | null {
  return stepAt(axis, (epoch + 1) * run.batchesPerEpoch, run);
}

function secondsAt(epochs: number, durations: readonly number[]): number | null {
  if (epochs <= 0) return 0;
  const k = Math.ceil(epochs) - 1;
  if (k >= durations.length) return null;
  let before = 0;
  for (let i = 0; i < k; i++) before += durations[i]!;
  return before + (epochs - k) * durations[k]!;
}

/**
 * Runs grouped by their loss function, in order of first appearance: runs trained on
 * different losses never share a loss axis (an MSE of 0.1 and a cross-entropy of 0.1 are
 * not the same thing), each group gets its own panel.
 */
export function lossGroups<T>(runs: readonly T[], lossOf: (run: T) => string): { loss: string; runs: T[] }[] {
  const groups: { loss: string; runs: T[] }[] = [];
  for (const run of runs) {
    const loss = lossOf(run);
    const group = groups.find((g) => g.loss === loss);
    if (group) group.runs.push(run);
    else groups.push({ loss, runs: [run] });
  }
  return groups;
}
