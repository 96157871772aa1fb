import { describe, expect, it } from 'vitest';
import { INITIALIZERS, initialize, initializerSpread } from './initializers';
import { Rng } from './rng';

describe('initializerSpread', () => {
  it('gives the Keras formulas for the fans, and PyTorch\'s default U(±1/√fan_in)', () => {
    expect(initializerSpread('glorot_uniform', 784, 128)).toEqual({ kind: 'uniform', limit: Math.sqrt(6 / 912) });
    expect(initializerSpread('he_uniform', 784, 128)).toEqual({ kind: 'uniform', limit: Math.sqrt(6 / 784) });
    expect(initializerSpread('pytorch_uniform', 784, 100)).toEqual({ kind: 'uniform', limit: 1 / 28 });
    expect(initializerSpread('glorot_normal', 2, 2)).toEqual({ kind: 'normal', sigma: Math.sqrt(2 / 4) });
    expect(initializerSpread('he_normal', 8, 1)).toEqual({ kind: 'normal', sigma: 0.5 });
    expect(initializerSpread('zeros', 3, 3)).toEqual({ kind: 'zeros' });
  });

  it('is what initialize draws from: uniforms fill their range, normals have their σ (truncated at 2σ)', () => {
    const fanIn = 100, fanOut = 10;
    for (const name of INITIALIZERS) {
      const values = new Float32Array(20000);
      initialize(name, values, fanIn, fanOut, new Rng(7));
      const spread = initializerSpread(name, fanIn, fanOut);
      const max = Math.max(...values.map(Math.abs));
      if (spread.kind === 'zeros') {
        expect(max, name).toBe(0);
      } else if (spread.kind === 'uniform') {
        expect(max, name).toBeLessThanOrEqual(spread.limit);
        expect(max, name).toBeGreaterThan(0.99 * spread.limit);
      } else {
        const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
        expect(Math.abs(std / spread.sigma - 1), name).toBeLessThan(0.03);
        expect(max, name).toBeLessThanOrEqual((2 * spread.sigma) / 0.87962566103423978 + 1e-6);
      }
    }
  });
});
