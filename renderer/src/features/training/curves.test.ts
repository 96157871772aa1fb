import { describe, expect, it } from 'vitest';
import { BucketSeries, syncPoints, type Point } from './bucketSeries';
import { RunCurves } from './runCurves';
import { Ema, ema, smoothingFor } from './smoothing';
import { readEpochMetrics } from '$engine';
import { regressionEpochMetrics } from './testing/fakeApi';

describe('EMA smoothing', () => {
  it('is debiased: a constant series stays constant from the first value', () => {
    expect(ema([2, 2, 2, 2], 0.9)).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 12)));
  });

  it('follows the textbook recurrence once debiased', () => {
    const beta = 0.5;
    // raw: 0.5·4 = 2 (÷0.5) → 4; then 0.5·2 + 0.5·0 = 1 (÷0.75) → 4/3; then 0.5·1 + 0.5·8 = 4.5 (÷0.875)
    expect(ema([4, 0, 8], beta)).toEqual([expect.closeTo(4, 12), expect.closeTo(4 / 3, 12), expect.closeTo(4.5 / 0.875, 12)]);
  });

  it('with beta 0 is the raw series; skips non-finite values', () => {
    expect(ema([1, 5, 3], 0)).toEqual([1, 5, 3]);
    const e = new Ema(0.9);
    expect(e.current).toBeNull();
    e.next(1);
    expect(e.next(Number.NaN)).toBe(1);
    expect(() => new Ema(1)).toThrow(RangeError);
  });

  it('smooths more when an epoch has more batches, within [0.6, 0.98]', () => {
    expect(smoothingFor(15)).toBe(0.6);
    expect(smoothingFor(100)).toBeCloseTo(0.9);
    expect(smoothingFor(938)).toBe(0.98);
  });
});

describe('BucketSeries', () => {
  it('keeps every value while there is room', () => {
    const s = new BucketSeries(4);
    [1, 2, 3, 4].forEach((v) => s.push(v, v * 10));
    expect(s.points).toEqual([{ x: 1, y: 10 }, { x: 2, y: 20 }, { x: 3, y: 30 }, { x: 4, y: 40 }]);
    expect(s.generation).toBe(0);
  });

  it('merges neighbours into means when full, and never holds more than maxPoints', () => {
    const s = new BucketSeries(4);
    for (let v = 1; v <= 100; v++) s.push(v, v);
    expect(s.points.length).toBeLessThanOrEqual(4);
    expect(s.generation).toBeGreaterThan(0);
    // Means of consecutive equal-size buckets: the whole series' mean is preserved.
    const n = s.points.length;
    expect(s.points[n - 1]!.x).toBeGreaterThan(s.points[0]!.x);
    const first = new BucketSeries(4);
    for (let v = 1; v <= 5; v++) first.push(v, v);
    expect(first.points).toEqual([{ x: 1.5, y: 1.5 }, { x: 3.5, y: 3.5 }, { x: 5, y: 5 }]);
    first.push(6, 6);
    expect(first.points).toEqual([{ x: 1.5, y: 1.5 }, { x: 3.5, y: 3.5 }, { x: 5.5, y: 5.5 }]);
  });

  it('copies only what is new into a chart’s array, all of it after a merge', () => {
    const s = new BucketSeries(4);
    const copy: Point[] = [];
    s.push(1, 1);
    s.push(2, 2);
    let gen = syncPoints(copy, s, -1);
    expect(copy).toEqual(s.points);
    s.push(3, 3);
    gen = syncPoints(copy, s, gen);
    expect(copy).toEqual(s.points);
    s.push(4, 4);
    s.push(5, 5); // merge
    gen = syncPoints(copy, s, gen);
    expect(copy).toEqual(s.points);
    expect(gen).toBe(s.generation);
  });
});

describe('RunCurves', () => {
  it('puts batches at step ÷ batches per epoch and epochs at their end, smoothing the batch loss', () => {
    const c = new RunCurves(1);
    c.configure(4, 2, ['accuracy']);
    c.addBatches([1, 2, 3, 4], [4, 2, 2, 1], { accuracy: [0.1, 0.2, 0.3, 0.4] });
    expect(c.loss.raw.points.map((p) => p.x)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(c.loss.smooth.points[0]!.y).toBeCloseTo(4);
    expect(c.loss.smooth.points[3]!.y).toBeLessThan(4);
    expect(c.loss.smooth.points[3]!.y).toBeGreaterThan(1);
    const epoch = { epoch: 0, seconds: 1, running: { loss: 2.2, accuracy: 0.25 }, train: { loss: 1.9, accuracy: 0.35 }, trainCount: 500, val: { loss: 2, accuracy: 0.3 } };
    c.addEpoch(epoch);
    c.setHistory([epoch]);
    // The training points are the after-epoch measurement, comparable with validation.
    expect(c.loss.train).toEqual([{ x: 1, y: 1.9 }]);
    expect(c.of('accuracy')!.train).toEqual([{ x: 1, y: 0.35 }]);
    expect(c.loss.trainRunning).toEqual([]);
    expect(c.of('accuracy')!.validation).toEqual([{ x: 1, y: 0.3 }]);
    expect(c.hasData).toBe(true);
  });

  it('shows the running average, as such, only for an epoch without a measurement (an older history)', () => {
    const c = new RunCurves(1);
    // A history saved before training was measured after each epoch, read as the app reads saved histories.
    c.addEpoch(readEpochMetrics({ epoch: 0, trainLoss: 0.3, trainAccuracy: 0.5, valLoss: 0.4, valAccuracy: 0.45, seconds: 1 })!);
    expect(c.loss.train).toEqual([]);
    expect(c.loss.trainRunning).toEqual([{ x: 1, y: 0.3 }]);
  });

  it('keeps a regression run\'s MAE and R² curves, and no accuracy', () => {
    const c = new RunCurves(1);
    c.configure(10, 3, ['mae', 'r2']);
    c.addBatches([1, 2, 3], [0.9, 0.7, 0.5], { mae: [0.8, 0.6, 0.4], r2: [-0.5, 0.1, 0.3] });
    c.addEpoch(regressionEpochMetrics(0));
    expect(c.metrics).toEqual(['mae', 'r2']);
    expect(c.of('accuracy')).toBeNull();
    expect(c.of('mae')!.raw.points).toEqual([{ x: 0.1, y: 0.8 }, { x: 0.2, y: 0.6 }, { x: 0.3, y: 0.4 }]);
    // R² below 0 (worse than predicting the mean) is a value like any other.
    expect(c.of('r2')!.raw.points[0]).toEqual({ x: 0.1, y: -0.5 });
    expect(c.of('r2')!.smooth.points).toHaveLength(3);
    expect(c.of('mae')!.train).toEqual([{ x: 1, y: 0.5 }]);
    expect(c.of('r2')!.validation).toEqual([{ x: 1, y: 0.55 }]);
    // Each metric smooths on its own: the MAE's first smoothed value is its own first value.
    expect(c.of('mae')!.smooth.points[0]!.y).toBeCloseTo(0.8);
  });

  it('learns its metrics from a history when no \'started\' said them (a stopped or older run)', () => {
    const c = new RunCurves(1);
    c.setHistory([regressionEpochMetrics(0), regressionEpochMetrics(1)]);
    expect(c.metrics).toEqual(['mae', 'r2']);
    expect(c.of('mae')!.train.map((p) => p.x)).toEqual([1, 2]);
  });

  it('keeps the learning rate of every step: a step schedule shows its steps', () => {
    const c = new RunCurves(1);
    c.configure(4, 3);
    const steps = Array.from({ length: 12 }, (_, i) => i + 1);
    // Step schedule: ×0.1 every epoch of 4 batches.
    const rates = steps.map((s) => 0.1 * 0.1 ** Math.floor((s - 1) / 4));
    c.addBatches(steps, steps.map(() => 1), {}, rates);
    const pts = c.learningRate.points;
    expect(pts).toHaveLength(12);
    expect(pts.map((p) => p.x)).toEqual(steps.map((s) => s / 4));
    const levels = [...new Set(pts.map((p) => p.y.toPrecision(3)))];
    expect(levels).toEqual(['0.100', '0.0100', '0.00100']);
    // Flat within an epoch, a drop of ×10 between epochs.
    expect(pts[3]!.y).toBeCloseTo(0.1);
    expect(pts[4]!.y).toBeCloseTo(0.01);
    expect(c.learningRateLow).toBeCloseTo(0.001);
    expect(c.learningRateHigh).toBeCloseTo(0.1);
  });
});
