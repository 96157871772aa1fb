import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('gives the same stream for the same seed and different ones for different seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('draws uniforms in [0, 1) with the right mean, and normals with mean 0 and variance 1', () => {
    const rng = new Rng(1);
    let sum = 0, min = 1, max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    let s = 0, s2 = 0;
    for (let i = 0; i < 100_000; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / 100_000).toBeCloseTo(0, 1);
    expect(s2 / 100_000).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const a = Int32Array.from({ length: 100 }, (_, i) => i), b = a.slice();
    new Rng(3).shuffle(a);
    new Rng(3).shuffle(b);
    expect([...a]).toEqual([...b]);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...a]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
