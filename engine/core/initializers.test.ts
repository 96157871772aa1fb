import { describe, expect, it } from 'vitest';
import { INITIALIZERS, initialize, initializerScale } from './initializers';
import { Rng } from './rng';

describe('initializers', () => {
  it('draw within the range they state, filling it (uniform) or with the stated σ (normal, truncated at 2σ)', () => {
    const fanIn = 100, fanOut = 10;
    for (const name of INITIALIZERS) {
      const values = new Float32Array(20000);
      initialize(name, values, fanIn, fanOut, new Rng(7));
      const scale = initializerScale(name, fanIn, fanOut);
      const max = Math.max(...values.map(Math.abs));
      if (scale === null) {
        expect(max, name).toBe(0);
      } else if (scale.symbol === 'limit') {
        expect(max, name).toBeLessThanOrEqual(scale.value);
        expect(max, name).toBeGreaterThan(0.99 * scale.value);
      } else {
        const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
        expect(Math.abs(std / scale.value - 1), name).toBeLessThan(0.03);
        expect(max, name).toBeLessThanOrEqual((2 * scale.value) / 0.87962566103423978 + 1e-6);
      }
    }
  });

  it('pytorch_uniform is PyTorch\'s default for nn.Linear: U(±1/√fan_in)', () => {
    expect(initializerScale('pytorch_uniform', 784, 100)).toEqual({ symbol: 'limit', value: 1 / 28 });
    expect(initializerScale('he_uniform', 784, 100)!.value).toBeCloseTo(Math.sqrt(6) / 28, 12);
  });
});
