import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../train/metrics';
import { epochEndAt, lossGroups, stepAt, timelineOf } from './runAxes';

const epoch = (i: number, seconds: number): EpochMetrics => ({ epoch: i, seconds, running: { loss: 1 }, train: null, trainCount: 0, val: null });

describe('the comparison axes', () => {
  // 1,000 samples per epoch in batches of 100: 10 updates an epoch; epochs of 2 s then 4 s.
  const run = timelineOf({ batchesPerEpoch: 10, trainCount: 1000, history: [epoch(1, 4), epoch(0, 2)] });

  it('places a batch on each axis: updates as counted, epochs and samples by the batches per epoch', () => {
    expect(stepAt('updates', 15, run)).toBe(15);
    expect(stepAt('epochs', 15, run)).toBe(1.5);
    expect(stepAt('samples', 15, run)).toBe(1500);
  });

  it('interpolates seconds within an epoch from the epochs\' own durations (summed), none for an epoch not finished', () => {
    expect(stepAt('seconds', 5, run)).toBe(1);
    expect(stepAt('seconds', 10, run)).toBe(2);
    expect(stepAt('seconds', 15, run)).toBe(4);
    expect(stepAt('seconds', 20, run)).toBe(6);
    expect(stepAt('seconds', 21, run)).toBeNull();
  });

  it('puts an epoch\'s end where its last batch ends', () => {
    expect(epochEndAt('epochs', 0, run)).toBe(1);
    expect(epochEndAt('updates', 1, run)).toBe(20);
    expect(epochEndAt('samples', 1, run)).toBe(2000);
    expect(epochEndAt('seconds', 1, run)).toBe(6);
  });

  it('keeps each run\'s own length: batch 1 and the whole set in one batch end at the same epoch, not at the same update', () => {
    const stochastic = timelineOf({ batchesPerEpoch: 1000, trainCount: 1000, history: [epoch(0, 3)] });
    const whole = timelineOf({ batchesPerEpoch: 1, trainCount: 1000, history: [epoch(0, 1)] });
    expect([epochEndAt('epochs', 0, stochastic), epochEndAt('epochs', 0, whole)]).toEqual([1, 1]);
    expect([epochEndAt('updates', 0, stochastic), epochEndAt('updates', 0, whole)]).toEqual([1000, 1]);
    expect([epochEndAt('samples', 0, stochastic), epochEndAt('samples', 0, whole)]).toEqual([1000, 1000]);
  });
});

describe('lossGroups', () => {
  it('never puts two losses on one axis: one group per loss, in order of first appearance', () => {
    const runs = [{ id: 'a', loss: 'mse' }, { id: 'b', loss: 'bce' }, { id: 'c', loss: 'mse' }];
    expect(lossGroups(runs, (r) => r.loss).map((g) => [g.loss, g.runs.map((r) => r.id)])).toEqual([['mse', ['a', 'c']], ['bce', ['b']]]);
  });
});
