import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { Dense } from './dense';
import { BACKENDS } from '../testing/backends';

for (const backend of BACKENDS) {
  describe(`Dense (${backend.name} kernels)`, () => {
    it('computes x · W + b', () => {
      const d = new Dense([2], 3, true, backend.make());
      d.kernel.value.set([1, 2, 3, 4, 5, 6]); // [[1,2,3],[4,5,6]]
      d.bias!.value.set([0.5, -1, 0]);
      const y = d.forward(new Float32Array([1, 1, 2, 0]), 2, { training: false });
      expect([...y]).toEqual([5.5, 6, 9, 2.5, 3, 6]);
    });

    for (const useBias of [true, false]) {
      for (const batch of [1, 5]) {
        it(`passes the gradient check (bias ${useBias}, batch ${batch})`, () => {
          const rng = new Rng(batch);
          const d = new Dense([7], 5, useBias, backend.make());
          d.kernel.value.set(randomArray(35, rng));
          if (d.bias) d.bias.value.set(randomArray(5, rng));
          const r = checkLayerGradients(d, randomArray(7 * batch, rng), batch, rng, { eps: 0.25 });
          expect(r.ok, JSON.stringify(r.worst)).toBe(true);
        });
      }
    }

    it('handles a smaller batch after a larger one (buffers are views)', () => {
      const rng = new Rng(3);
      const d = new Dense([4], 3, true, backend.make());
      d.kernel.value.set(randomArray(12, rng));
      const x = randomArray(8, rng);
      const full = d.forward(x, 2, { training: false }).slice(0, 3);
      const single = d.forward(x.subarray(0, 4), 1, { training: false });
      expect(single.length).toBe(3);
      expect([...single]).toEqual([...full]);
    });
  });
}
