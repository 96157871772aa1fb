import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { randomArray } from '../testing/random';
import { corruptInputs, corruptionProblems, isCorrupting, readCorruption } from './corruption';

const image = () => randomArray(2 * 64, new Rng(1), 0, 1);

describe('input corruption', () => {
  it('is deterministic from the generator: same seed, same damage; another seed, another', () => {
    const c = { noise: 0.3, mask: 0.25 };
    const a = image(), b = image(), d = image();
    corruptInputs(a, 2, 64, c, new Rng(7));
    corruptInputs(b, 2, 64, c, new Rng(7));
    corruptInputs(d, 2, 64, c, new Rng(8));
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...d]);
  });

  it('adds Gaussian noise of the asked spread, kept in [0, 1]', () => {
    const n = 20_000, x = new Float32Array(n).fill(0.5);
    corruptInputs(x, 1, n, { noise: 0.1 }, new Rng(3));
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sd).toBeGreaterThan(0.095);
    expect(sd).toBeLessThan(0.105);
    const big = new Float32Array(1000).fill(0.9);
    corruptInputs(big, 1, 1000, { noise: 1 }, new Rng(3));
    expect(Math.min(...big)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...big)).toBeLessThanOrEqual(1);
    expect(big.filter((v) => v === 1).length).toBeGreaterThan(300);
  });

  it('binarises at the threshold, then masks the asked share of values to 0, only the first count samples', () => {
    const x = new Float32Array([0.2, 0.5, 0.49, 0.9, 0.3, 0.7]);
    corruptInputs(x, 2, 2, { binarize: 0.5 }, new Rng(1));
    expect([...x]).toEqual([0, 1, 0, 1, 0.30000001192092896, 0.699999988079071]);
    const n = 20_000, ones = new Float32Array(n).fill(1);
    corruptInputs(ones, 1, n, { mask: 0.3 }, new Rng(2));
    const zeros = ones.filter((v) => v === 0).length / n;
    expect(zeros).toBeGreaterThan(0.28);
    expect(zeros).toBeLessThan(0.32);
  });

  it('checks its settings and reads them back from a file, dropping what is wrong', () => {
    expect(corruptionProblems({ noise: 0.5, binarize: 0.5, mask: 0.5 })).toEqual([]);
    expect(corruptionProblems({ noise: -1, binarize: 1, mask: 1 }).map((m) => m.key)).toEqual(['train.corruptionNoise', 'train.corruptionBinarize', 'train.corruptionMask']);
    expect(isCorrupting({ noise: 0, mask: 0 })).toBe(false);
    expect(readCorruption({ noise: 0.2, extra: 'x' })).toEqual({ noise: 0.2 });
    expect(readCorruption({ noise: 5 })).toBeNull();
    expect(readCorruption('noise')).toBeNull();
  });
});
