import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { checkLayerGradients } from '../testing/gradcheck';
import { separatedArray } from '../testing/random';
import { AveragePooling2D } from './averagePooling2d';
import { MaxPooling2D } from './maxPooling2d';
import type { PoolOptions } from './poolGeometry';
import { BACKENDS } from '../testing/backends';

const CASES: { input: [number, number, number]; opts: PoolOptions }[] = [
  { input: [4, 4, 1], opts: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
  { input: [5, 5, 2], opts: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
  { input: [5, 5, 2], opts: { poolSize: [2, 2], strides: [2, 2], padding: 'same' } },
  { input: [7, 6, 3], opts: { poolSize: [3, 3], strides: [2, 2], padding: 'valid' } },
  { input: [6, 7, 2], opts: { poolSize: [3, 2], strides: [1, 2], padding: 'same' } },
  { input: [3, 3, 1], opts: { poolSize: [3, 3], strides: [3, 3], padding: 'valid' } },
  // Channels a multiple of 4: the WebAssembly kernels' own 2×2 loops (an odd edge left uncovered).
  { input: [5, 7, 4], opts: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
  { input: [4, 6, 8], opts: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
];

for (const backend of BACKENDS) {
  describe(`MaxPooling2D and AveragePooling2D (${backend.name} kernels)`, () => {
    it('max-pools and average-pools a known 4×4 image', () => {
      const x = Float32Array.from({ length: 16 }, (_, i) => i);
      const opts = CASES[0]!.opts;
      expect([...new MaxPooling2D([4, 4, 1], opts, backend.make()).forward(x, 1, { training: false })]).toEqual([5, 7, 13, 15]);
      expect([...new AveragePooling2D([4, 4, 1], opts, backend.make()).forward(x, 1, { training: false })]).toEqual([2.5, 4.5, 10.5, 12.5]);
    });

    it("with 'same' padding averages only over real cells and never picks padding as a max", () => {
      const x = new Float32Array([-1, -2, -3, -4, -5, -6, -7, -8, -9]); // 3×3, all negative
      const opts: PoolOptions = { poolSize: [2, 2], strides: [2, 2], padding: 'same' };
      expect([...new MaxPooling2D([3, 3, 1], opts, backend.make()).forward(x, 1, { training: false })]).toEqual([-1, -3, -7, -9]);
      expect([...new AveragePooling2D([3, 3, 1], opts, backend.make()).forward(x, 1, { training: false })]).toEqual([-3, -4.5, -7.5, -9]);
    });

    for (const { input, opts } of CASES) {
      const label = `${input.join('×')}, pool ${opts.poolSize.join('×')}, strides ${opts.strides.join(',')}, ${opts.padding}`;
      for (const Pool of [MaxPooling2D, AveragePooling2D]) {
        it(`${Pool.name} passes the gradient check: ${label}`, () => {
          const rng = new Rng(3);
          const layer = new Pool(input, opts, backend.make());
          const x = separatedArray(2 * input[0] * input[1] * input[2], rng);
          const r = checkLayerGradients(layer, x, 2, rng, { eps: 0.01, samples: 200 });
          expect(r.ok, JSON.stringify(r.worst)).toBe(true);
        });
      }
    }
  });
}
