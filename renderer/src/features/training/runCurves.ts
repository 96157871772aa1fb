/**
 * One run's curves, in chart coordinates: x in epochs (batch step ÷ batches per epoch,
 * so runs with different batch sizes line up), y the loss or one of the task's metrics
 * (accuracy, MAE, R², MSE: whichever the run reports), plus the learning rate of each
 * step. Plain objects, mutated in place as events arrive; the session bumps a revision and
 * the charts copy only what is new, once per frame.
 */
import { METRIC_NAMES, type EpochMetrics, type Measures, type MetricName } from '$engine';
import { BucketSeries, type Point } from './bucketSeries';
import { Ema, smoothingFor } from './smoothing';

/** What a curve chart plots: the loss or one of the task's metrics. */
export type Metric = 'loss' | MetricName;

export interface MetricCurves {
  /** Per batch, as measured (faint). */
  readonly raw: BucketSeries;
  /** Per batch, smoothed (EMA). */
  readonly smooth: BucketSeries;
  /** Per epoch, measured after it on a fixed subset of the training images (as validation is). */
  readonly train: Point[];
  /**
   * Per epoch, the running average over its batches: only for epochs without a measurement
   * (histories saved before there was one).
   */
  readonly trainRunning: Point[];
  /** Per epoch on the validation images (empty without a validation split). */
  readonly validation: Point[];
}

export class RunCurves {
  readonly loss: MetricCurves = curves();
  /** The learning rate of each step, as the schedule set it. */
  readonly learningRate = new BucketSeries();
  /** The smallest and largest learning rate seen (the chart goes logarithmic past a factor of 10). */
  learningRateLow = Number.POSITIVE_INFINITY;
  learningRateHigh = 0;
  batchesPerEpoch = 1;
  epochs = 1;
  private readonly byMetric = new Map<MetricName, MetricCurves>();
  private readonly emas = new Map<Metric, Ema>();
  private beta = 0.9;

  /** `number` counts runs in this window (1, 2, …), for the legend. */
  constructor(readonly number: number) {}

  /** From the 'started' event: the x scale, how much to smooth and the task's metrics (in chart order). */
  configure(batchesPerEpoch: number, epochs: number, metrics: readonly MetricName[] = []): void {
    this.batchesPerEpoch = Math.max(1, batchesPerEpoch);
    this.epochs = Math.max(1, epochs);
    this.beta = smoothingFor(this.batchesPerEpoch);
    this.emas.clear();
    for (const m of metrics) this.curvesOf(m);
  }

  /** The metrics this run has curves for: the task's, then any its history holds, in that order. */
  get metrics(): MetricName[] {
    return [...this.byMetric.keys()];
  }

  /** The curves of the loss or of a metric; null for a metric the run does not report. */
  of(metric: Metric): MetricCurves | null {
    return metric === 'loss' ? this.loss : (this.byMetric.get(metric) ?? null);
  }

  get hasData(): boolean {
    return this.loss.raw.points.length > 0 || this.loss.train.length > 0;
  }

  /** A 'batches' event's arrays: `steps` are 1-based batch numbers over the whole run. */
  addBatches(
    steps: readonly number[], loss: readonly number[],
    metrics: Partial<Record<MetricName, readonly number[]>> = {}, learningRate: readonly number[] = [],
  ): void {
    const present = METRIC_NAMES.filter((m) => metrics[m] !== undefined);
    for (let i = 0; i < steps.length; i++) {
      const x = steps[i]! / this.batchesPerEpoch;
      this.addBatch(this.loss, 'loss', x, loss[i]!);
      for (const m of present) this.addBatch(this.curvesOf(m), m, x, metrics[m]![i] ?? Number.NaN);
      const lr = learningRate[i];
      if (lr !== undefined && Number.isFinite(lr) && lr > 0) {
        this.learningRate.push(x, lr);
        this.learningRateLow = Math.min(this.learningRateLow, lr);
        this.learningRateHigh = Math.max(this.learningRateHigh, lr);
      }
    }
  }

  /** An epoch's metrics (epoch is 0-based; plotted at its end). */
  addEpoch(m: EpochMetrics): void {
    const x = m.epoch + 1;
    const put = (role: 'train' | 'trainRunning' | 'validation', measures: Measures) => {
      upsert(this.loss[role], x, measures.loss);
      for (const name of METRIC_NAMES) {
        const value = measures[name];
        if (value !== undefined) upsert(this.curvesOf(name)[role], x, value);
      }
    };
    if (m.train) put('train', m.train);
    else put('trainRunning', m.running);
    if (m.val) put('validation', m.val);
  }

  /** The final history of a finished run (in case an epoch event was missed). */
  setHistory(history: readonly EpochMetrics[]): void {
    for (const m of history) this.addEpoch(m);
  }

  private curvesOf(metric: MetricName): MetricCurves {
    let c = this.byMetric.get(metric);
    if (!c) this.byMetric.set(metric, (c = curves()));
    return c;
  }

  private addBatch(c: MetricCurves, metric: Metric, x: number, y: number): void {
    if (!Number.isFinite(y)) return;
    let ema = this.emas.get(metric);
    if (!ema) this.emas.set(metric, (ema = new Ema(this.beta)));
    c.raw.push(x, y);
    c.smooth.push(x, ema.next(y));
  }
}

function curves(): MetricCurves {
  return { raw: new BucketSeries(), smooth: new BucketSeries(), train: [], trainRunning: [], validation: [] };
}

function upsert(points: Point[], x: number, y: number): void {
  if (!Number.isFinite(y)) return;
  const i = points.findIndex((p) => p.x === x);
  if (i >= 0) points[i] = { x, y };
  else {
    points.push({ x, y });
    points.sort((a, b) => a.x - b.x);
  }
}
