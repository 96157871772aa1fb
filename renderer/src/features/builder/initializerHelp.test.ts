import { describe, expect, it } from 'vitest';
import { initialize, Rng } from '$engine';
import { fansOf, initializerScale } from './initializerHelp';

describe('initializer help', () => {
  it('counts fans as the engine does, for Dense and Conv2D', () => {
    expect(fansOf({ type: 'Dense', units: 128 }, [784])).toEqual({ fanIn: 784, fanOut: 128 });
    expect(fansOf({ type: 'Conv2D', filters: 8, kernel_size: 3 }, [28, 28, 1])).toEqual({ fanIn: 9, fanOut: 72 });
    expect(fansOf({ type: 'Conv2D', filters: 4, kernel_size: [3, 5] }, [12, 12, 6])).toEqual({ fanIn: 90, fanOut: 60 });
    expect(fansOf({ type: 'Flatten' }, [28, 28, 1])).toBeNull();
    expect(fansOf({ type: 'Dense', units: 10 }, null)).toBeNull();
  });

  it('gives the limit and σ the engine draws with', () => {
    const fans = { fanIn: 784, fanOut: 128 };
    expect(initializerScale('glorot_uniform', fans)).toEqual({ symbol: 'limit', value: Math.sqrt(6 / 912) });
    expect(initializerScale('he_normal', fans)).toEqual({ symbol: 'sigma', value: Math.sqrt(2 / 784) });
    expect(initializerScale('zeros', fans)).toBeNull();
    // The engine's draws stay inside the stated limit and have about the stated σ.
    const values = new Float32Array(20_000);
    initialize('glorot_uniform', values, 784, 128, new Rng(1));
    const limit = initializerScale('glorot_uniform', fans)!.value;
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit + 1e-7);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(limit * 0.99);
    initialize('he_normal', values, 784, 128, new Rng(2));
    const sd = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(sd).toBeCloseTo(initializerScale('he_normal', fans)!.value, 3);
  });
});
