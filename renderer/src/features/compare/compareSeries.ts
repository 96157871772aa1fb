/**
 * What a comparison draws and tabulates of each run, from its history record or from the
 * run under way: its settings (for the differences), its timeline (for the x axes), its
 * loss function (runs on different losses get different panels), the batch-level loss
 * (smoothed as the Train tab smooths it) and the per-epoch metric, and its final results.
 */
import type { OpenedRun, RunSummary } from '../../../../electron/ipc/contract';
import {
  METRIC_NAMES, epochEndAt, stepAt, timelineOf,
  type CompareAxis, type ComparedSettings, type EpochMetrics, type MetricName, type RunEnding, type RunTimeline,
} from '$engine';
import { ema, smoothingFor } from '../training/smoothing';

export interface Point {
  x: number;
  y: number;
}

export interface ComparedRun {
  /** The record's id, or 'live' for the run under way. */
  key: string;
  settings: ComparedSettings;
  timeline: RunTimeline;
  lossName: string;
  batchLoss: { steps: readonly number[]; loss: readonly number[] };
  history: readonly EpochMetrics[];
  /** The metric its task reports first (accuracy, R², MSE); null: only a loss. */
  metric: MetricName | null;
  final: RunSummary['final'];
  ending: RunEnding | 'running';
  epochsDone: number;
  seconds: number;
}

/** Metrics where more is better; the others (errors, losses) are better lower. */
export const HIGHER_IS_BETTER: ReadonlySet<string> = new Set(['accuracy', 'r2']);

export function comparedOf(run: OpenedRun): ComparedRun {
  const metric = run.summary.final?.metric ?? firstMetric(run.history);
  return {
    key: run.summary.id,
    settings: { hyperparams: run.hyperparams, learningRateSet: run.learningRateSet, spec: run.spec, dataset: { name: run.summary.dataset.name, choice: run.dataset } },
    timeline: timelineOf({ batchesPerEpoch: run.batchesPerEpoch, trainCount: run.data.trainCount, history: run.history }),
    lossName: run.hyperparams.loss,
    batchLoss: run.batchLoss,
    history: run.history,
    metric,
    final: run.summary.final,
    ending: run.summary.ending,
    epochsDone: run.summary.epochsDone,
    seconds: run.summary.seconds,
  };
}

/** What the run under way has sent so far, as a compared run (its per-batch loss as x in epochs, from the live curves). */
export function liveCompared(live: {
  settings: ComparedSettings; lossName: string; batchesPerEpoch: number; trainCount: number;
  history: readonly EpochMetrics[]; lossPoints: readonly Point[]; metrics: readonly MetricName[];
}): ComparedRun {
  const bpe = Math.max(1, live.batchesPerEpoch);
  return {
    key: 'live', settings: live.settings, lossName: live.lossName,
    timeline: timelineOf({ batchesPerEpoch: bpe, trainCount: live.trainCount, history: live.history }),
    batchLoss: { steps: live.lossPoints.map((p) => p.x * bpe), loss: live.lossPoints.map((p) => p.y) },
    history: live.history, metric: live.metrics[0] ?? firstMetric(live.history),
    final: null, ending: 'running', epochsDone: live.history.length, seconds: live.history.reduce((s, e) => s + e.seconds, 0),
  };
}

/** The batch-level loss against `axis`, smoothed (a batch of 1 is noise otherwise); points not yet placeable dropped. */
export function lossPoints(run: ComparedRun, axis: CompareAxis): Point[] {
  const finite = run.batchLoss.steps.map((s, i) => ({ s, y: run.batchLoss.loss[i]! })).filter((p) => Number.isFinite(p.y));
  const smooth = ema(finite.map((p) => p.y), smoothingFor(run.timeline.batchesPerEpoch));
  const points: Point[] = [];
  finite.forEach((p, i) => {
    const x = stepAt(axis, p.s, run.timeline);
    if (x !== null) points.push({ x, y: smooth[i]! });
  });
  return points;
}

/** The metric after each epoch against `axis`: on validation when the run held some out, else on the training samples. */
export function metricPoints(run: ComparedRun, metric: MetricName, axis: CompareAxis): Point[] {
  const points: Point[] = [];
  for (const e of [...run.history].sort((a, b) => a.epoch - b.epoch)) {
    const y = e.val?.[metric] ?? e.train?.[metric] ?? e.running[metric];
    const x = epochEndAt(axis, e.epoch, run.timeline);
    if (y !== undefined && Number.isFinite(y) && x !== null) points.push({ x, y });
  }
  return points;
}

/** The index of the best of `values` (ties: the first), or null when fewer than two can be ranked. */
export function bestIndex(values: readonly (number | null)[], higherIsBetter: boolean): number | null {
  let best: number | null = null;
  let ranked = 0;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    ranked++;
    if (best === null || (higherIsBetter ? v > values[best]! : v < values[best]!)) best = i;
  });
  return ranked >= 2 ? best : null;
}

function firstMetric(history: readonly EpochMetrics[]): MetricName | null {
  return METRIC_NAMES.find((m) => history.some((e) => e.running[m] !== undefined || e.val?.[m] !== undefined)) ?? null;
}

/** One colour per compared run (up to 8), readable on the light and the dark theme and apart for most colour visions. */
export const RUN_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'] as const;
