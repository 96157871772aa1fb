import { describe, expect, it } from 'vitest';
import { LossTrailBuilder } from './lossTrail';

describe('LossTrailBuilder', () => {
  it('keeps every batch while there is room', () => {
    const b = new LossTrailBuilder(10);
    for (let s = 1; s <= 5; s++) b.push(s, 1 / s);
    expect(b.trail()).toEqual({ steps: [1, 2, 3, 4, 5], loss: [1, 0.5, 1 / 3, 0.25, 0.2] });
  });

  it('stays within its points on a long run, each point the mean of its batches', () => {
    const b = new LossTrailBuilder(8);
    for (let s = 1; s <= 1000; s++) b.push(s, 2 * s);
    const { steps, loss } = b.trail();
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(steps.length).toBeGreaterThanOrEqual(4);
    // loss = 2·step for every batch, so every mean keeps it: nothing was dropped or mis-weighted.
    steps.forEach((s, i) => expect(loss[i]).toBeCloseTo(2 * s, 9));
    expect(steps[0]).toBeLessThan(steps.at(-1)!);
    expect(steps.at(-1)).toBeGreaterThan(900);
  });

  it('skips a diverged batch', () => {
    const b = new LossTrailBuilder(8);
    b.push(1, 1);
    b.push(2, Number.NaN);
    b.push(3, Number.POSITIVE_INFINITY);
    expect(b.trail()).toEqual({ steps: [1], loss: [1] });
  });
});
