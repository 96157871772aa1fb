/**
 * What training reports: the loss and the task's own metrics (engine/train/taskHead.ts
 * says which: accuracy for classes, MAE and R² for values, MSE for reconstructions), per
 * batch and per epoch. Curves, results and saved histories take whatever is here rather
 * than two fixed numbers.
 */
export const METRIC_NAMES = ['accuracy', 'mae', 'r2', 'mse'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The loss and the task's metrics over some samples; only the task's metrics are present. */
export interface Measures {
  readonly loss: number;
  readonly accuracy?: number;
  readonly mae?: number;
  readonly r2?: number;
  readonly mse?: number;
}

export interface EpochMetrics {
  readonly epoch: number;
  readonly seconds: number;
  /**
   * Averaged over the epoch's batches as they were trained, while the weights changed (and
   * with dropout on): a running average, not comparable with validation.
   */
  readonly running: Measures;
  /**
   * Measured after the epoch in inference mode, like validation, on the same `trainCount`
   * training samples every epoch: comparable with validation. Null in histories saved
   * before it was measured.
   */
  readonly train: Measures | null;
  readonly trainCount: number;
  readonly val: Measures | null;
}

const isNum = (v: unknown): v is number => typeof v === 'number';

function measuresOf(o: Record<string, unknown>): Measures | null {
  if (!isNum(o.loss)) return null;
  const m: { -readonly [K in keyof Measures]: Measures[K] } = { loss: o.loss };
  for (const k of METRIC_NAMES) if (isNum(o[k])) m[k] = o[k];
  return m;
}

/**
 * An epoch of a saved history, as this version reads it: today's shape, or the one
 * saved before metrics were per task (`trainLoss`, `trainAccuracy`, `valLoss`,
 * `valAccuracy`, `measuredTrain…`). Null for anything else.
 */
export function readEpochMetrics(raw: unknown): EpochMetrics | null {
  if (raw === null || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (!isNum(o.epoch) || !isNum(o.seconds)) return null;
  if (o.running && typeof o.running === 'object') {
    const running = measuresOf(o.running as Record<string, unknown>);
    if (!running) return null;
    const sub = (v: unknown) => (v && typeof v === 'object' ? measuresOf(v as Record<string, unknown>) : null);
    return { epoch: o.epoch, seconds: o.seconds, running, train: sub(o.train), trainCount: isNum(o.trainCount) ? o.trainCount : 0, val: sub(o.val) };
  }
  if (!isNum(o.trainLoss)) return null;
  const old = (loss: unknown, accuracy: unknown): Measures | null =>
    isNum(loss) ? (isNum(accuracy) ? { loss, accuracy } : { loss }) : null;
  return {
    epoch: o.epoch, seconds: o.seconds,
    running: old(o.trainLoss, o.trainAccuracy)!,
    train: old(o.measuredTrainLoss, o.measuredTrainAccuracy),
    trainCount: isNum(o.measuredTrainCount) ? o.measuredTrainCount : 0,
    val: old(o.valLoss, o.valAccuracy),
  };
}
