import { TSNE } from '@keckelt/tsne';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { nodeKernelThreads } from '../node';
import { createWasmKernels } from '../wasm/wasmKernels';
import { SeededTsne } from './tsne';
import { tsneForcesJs } from './tsneForces';

describe('t-SNE', () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`our one-pass gradient is the library's, with and without early exaggeration (${backend})`, () => {
      const rng = new Rng(4);
      const data = Array.from({ length: 41 }, () => Array.from({ length: 5 }, () => rng.normal()));
      const kernels = backend === 'wasm' ? createWasmKernels() : null;
      if (backend === 'wasm') expect(kernels).not.toBeNull();
      const t = new SeededTsne({ perplexity: 8 }, new Rng(1), kernels);
      t.initDataRaw(data);
      const Y = Array.from({ length: 41 }, () => [rng.normal(), rng.normal()]);
      for (const iter of [0, 150]) {
        (t as unknown as { iter: number }).iter = iter;
        const ours = t.costGrad(Y).grad, theirs = TSNE.prototype.costGrad.call(t, Y).grad as number[][];
        const scale = Math.max(...theirs.flat().map(Math.abs));
        expect(scale).toBeGreaterThan(0);
        // float32 sums against the library's float64 ones.
        for (let i = 0; i < 41; i++) for (let d = 0; d < 2; d++) expect(Math.abs(ours[i]![d]! - theirs[i]![d]!) / scale).toBeLessThan(2e-5);
      }
      t.wantCost = true;
      const cost = t.costGrad(Y).cost, theirCost = TSNE.prototype.costGrad.call(t, Y).cost as number;
      expect(Math.abs(cost - theirCost) / Math.abs(theirCost)).toBeLessThan(1e-9);
    });
  }

  it('the WebAssembly pass matches the scalar one on odd sizes, bit-identical on 1 and 2 threads', async () => {
    for (const n of [1, 3, 4, 7, 130]) {
      const rng = new Rng(n);
      const k1 = createWasmKernels()!, k2 = createWasmKernels()!;
      k2.useThreads(nodeKernelThreads(2));
      for (let wait = 0; !k2.threadsReady && wait < 200; wait++) await new Promise((r) => setTimeout(r, 10));
      expect(k2.threadsReady).toBe(true);
      k2.splitAlways = true;
      const fill = (k: typeof k1, len: number, f: (i: number) => number) => {
        const a = k.floats(len);
        for (let i = 0; i < len; i++) a[i] = f(i);
        return a;
      };
      const xs = Float32Array.from({ length: n }, () => 3 * rng.normal()), ys = Float32Array.from({ length: n }, () => 3 * rng.normal());
      const P = Float32Array.from({ length: n * n }, () => rng.next() / (n * n));
      const ref = new Float32Array(5 * n);
      tsneForcesJs(xs, ys, P, ref, n);
      const outs = [k1, k2].map((k) => {
        const out = k.floats(5 * n);
        k.tsneForces(fill(k, n, (i) => xs[i]!), fill(k, n, (i) => ys[i]!), fill(k, n * n, (i) => P[i]!), out, n);
        return out.slice();
      });
      k2.useThreads(null);
      expect(outs[1]).toEqual(outs[0]);
      for (let i = 0; i < 5 * n; i++) expect(Math.abs(outs[0]![i]! - ref[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref[i]!)));
      if (n === 1) expect(Array.from(outs[0]!)).toEqual([0, 0, 0, 0, 1]);
    }
  });

  it('the pass refuses arrays outside its memory rather than stage n² values every iteration', () => {
    const k = createWasmKernels()!;
    expect(() => k.tsneForces(new Float32Array(2), k.floats(2), k.floats(4), k.floats(10), 2)).toThrow(/floats\(\)/);
  });
});
