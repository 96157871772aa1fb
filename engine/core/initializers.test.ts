import { describe, expect, it } from 'vitest';
import { initialize, initializerSpread } from './initializers';
import { Rng } from './rng';

describe('initializerSpread', () => {
  it('gives the Keras formulas for the fans', () => {
    expect(initializerSpread('glorot_uniform', 784, 128)).toEqual({ kind: 'uniform', limit: Math.sqrt(6 / 912) });
    expect(initializerSpread('he_uniform', 784, 128)).toEqual({ kind: 'uniform', limit: Math.sqrt(6 / 784) });
    expect(initializerSpread('glorot_normal', 2, 2)).toEqual({ kind: 'normal', sigma: Math.sqrt(2 / 4) });
    expect(initializerSpread('he_normal', 8, 1)).toEqual({ kind: 'normal', sigma: 0.5 });
    expect(initializerSpread('zeros', 3, 3)).toEqual({ kind: 'zeros' });
  });

  it('is what initialize draws from: uniforms reach their limit and stay inside it', () => {
    const values = new Float32Array(5000);
    initialize('he_uniform', values, 6, 4, new Rng(3));
    const { limit } = initializerSpread('he_uniform', 6, 4) as { limit: number };
    const top = Math.max(...values.map(Math.abs));
    expect(top).toBeLessThanOrEqual(limit);
    expect(top).toBeGreaterThan(limit * 0.99);
  });
});
