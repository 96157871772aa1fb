import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { Dropout } from './dropout';
import { Flatten } from './flatten';

/** A generator that replays the same draws after every reset, so each forward uses one mask. */
function replaying(seed: number) {
  let rng = new Rng(seed);
  return { next: () => rng.next(), reset: () => (rng = new Rng(seed)) };
}

describe('Dropout', () => {
  it('passes the gradient check with a fixed mask', () => {
    const src = replaying(4);
    const layer = new Dropout([10], 0.4, src);
    const rng = new Rng(1);
    const r = checkLayerGradients(layer, randomArray(30, rng), 3, rng, { eps: 0.25, beforeForward: src.reset });
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('is the identity at inference, and keeps the mean in training', () => {
    const layer = new Dropout([1000], 0.3, new Rng(2));
    const x = new Float32Array(1000).fill(1);
    expect(layer.forward(x, 1, { training: false })).toBe(x);
    const y = layer.forward(x, 1, { training: true });
    const zeros = y.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(240);
    expect(zeros).toBeLessThan(360);
    expect(y.reduce((a, b) => a + b, 0) / 1000).toBeCloseTo(1, 0);
  });
});

describe('Flatten', () => {
  it('passes data and gradients through unchanged', () => {
    const rng = new Rng(1);
    const layer = new Flatten([2, 3, 2]);
    expect(layer.outputShape).toEqual([12]);
    const r = checkLayerGradients(layer, randomArray(24, rng), 2, rng, { eps: 0.5 });
    expect(r.ok).toBe(true);
  });
});
