/**
 * One run's curves, in chart coordinates: x in epochs (batch step ÷ batches per epoch,
 * so runs with different batch sizes line up), y the loss or the accuracy. Plain objects,
 * mutated in place as events arrive; the session bumps a revision and the charts copy
 * only what is new, once per frame.
 */
import type { EpochMetrics, Measures } from '../../../../engine/train/metrics';
import { BucketSeries, type Point } from './bucketSeries';
import { Ema, smoothingFor } from './smoothing';

export type Metric = 'loss' | 'accuracy';

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
  readonly accuracy: MetricCurves = curves();
  batchesPerEpoch = 1;
  epochs = 1;
  private lossEma = new Ema(0.9);
  private accuracyEma = new Ema(0.9);

  /** `number` counts runs in this window (1, 2, …), for the legend. */
  constructor(readonly number: number) {}

  /** From the 'started' event: the x scale and how much to smooth. */
  configure(batchesPerEpoch: number, epochs: number): void {
    this.batchesPerEpoch = Math.max(1, batchesPerEpoch);
    this.epochs = Math.max(1, epochs);
    const beta = smoothingFor(this.batchesPerEpoch);
    this.lossEma = new Ema(beta);
    this.accuracyEma = new Ema(beta);
  }

  get hasData(): boolean {
    return this.loss.raw.points.length > 0 || this.loss.train.length > 0;
  }

  /** A 'batches' event's arrays: `steps` are 1-based batch numbers over the whole run. */
  addBatches(steps: readonly number[], loss: readonly number[], accuracy: readonly number[] | undefined): void {
    for (let i = 0; i < steps.length; i++) {
      const x = steps[i]! / this.batchesPerEpoch;
      const l = loss[i]!, a = accuracy?.[i] ?? Number.NaN;
      if (Number.isFinite(l)) {
        this.loss.raw.push(x, l);
        this.loss.smooth.push(x, this.lossEma.next(l));
      }
      if (Number.isFinite(a)) {
        this.accuracy.raw.push(x, a);
        this.accuracy.smooth.push(x, this.accuracyEma.next(a));
      }
    }
  }

  /** An epoch's metrics (epoch is 0-based; plotted at its end). */
  addEpoch(m: EpochMetrics): void {
    const x = m.epoch + 1;
    const put = (points: { loss: Point[]; accuracy: Point[] }, measures: Measures) => {
      upsert(points.loss, x, measures.loss);
      if (measures.accuracy !== undefined) upsert(points.accuracy, x, measures.accuracy);
    };
    if (m.train) put({ loss: this.loss.train, accuracy: this.accuracy.train }, m.train);
    else put({ loss: this.loss.trainRunning, accuracy: this.accuracy.trainRunning }, m.running);
    if (m.val) put({ loss: this.loss.validation, accuracy: this.accuracy.validation }, m.val);
  }

  /** The final history of a finished run (in case an epoch event was missed). */
  setHistory(history: readonly EpochMetrics[]): void {
    for (const m of history) this.addEpoch(m);
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
