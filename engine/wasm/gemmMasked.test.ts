/**
 * The masked input-gradient product (a ReLU's backward fused into the Dense after it):
 * C = (X > 0) ⊙ A·Bᵀ computed only where X > 0, against the scalar reference (the full
 * product, then the mask), on odd shapes, in memory and staged, and on 1 and 3 threads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { jsKernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { nodeKernelThreads } from '../node/threads';
import { randomArray } from '../testing/random';
import { createWasmKernels, wasmKernelsSupported, type WasmKernels } from './wasmKernels';

/** A ReLU's output: about 40 % zeros, plus the awkward values a mask must handle. */
function reluLike(n: number, rng: Rng): Float32Array {
  const x = randomArray(n, rng, -0.7, 1).map((v) => Math.max(v, 0));
  if (n > 8) {
    x[1] = -0;
    x[3] = NaN;
    x[5] = -1;
    x[7] = 1e-30;
  }
  return x;
}

function reference(A: Float32Array, B: Float32Array, M: number, K: number, N: number, X: Float32Array): Float32Array {
  const C = new Float32Array(M * N);
  jsKernels.gemmTransBMasked(A, B, C, M, K, N, X);
  return C;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 3, 5], [3, 5, 7], [4, 8, 6], [5, 9, 13], [17, 257, 33], [128, 256, 512], [64, 10, 128], [7, 1030, 11], [2, 4, 100],
];

describe.runIf(wasmKernelsSupported())('gemmTransBMasked (WebAssembly)', () => {
  const pools: { stop(): void }[] = [];
  afterAll(() => pools.forEach((p) => p.stop()));

  for (const [M, K, N] of SHAPES) {
    it(`${M}×${K}×${N}: the product where X > 0, 0 elsewhere, in memory and staged`, () => {
      const k = createWasmKernels({ fma: false })!;
      const r = new Rng(M * 7 + K * 3 + N);
      const A = randomArray(M * K, r), B = randomArray(N * K, r), X = reluLike(M * N, r);
      const expected = reference(A, B, M, K, N, X);
      for (const inMemory of [true, false]) {
        const place = (v: Float32Array) => (inMemory ? k.floats(v.length).fill(0).map((_, i) => v[i]!) : v.slice());
        const C = inMemory ? k.floats(M * N).fill(7) : new Float32Array(M * N).fill(7);
        k.gemmTransBMasked(place(A), place(B), C, M, K, N, place(X));
        for (let i = 0; i < C.length; i++) {
          const tol = 3e-6 * Math.sqrt(K + 1) * (1 + Math.abs(expected[i]!));
          if (!(Math.abs(C[i]! - expected[i]!) <= tol)) expect.fail(`element ${i} (inMemory ${inMemory}): ${C[i]} vs ${expected[i]}`);
          // Masked elements are exactly +0, as the ReLU's backward writes them.
          if (!(X[i]! > 0)) expect(Object.is(C[i], 0), `element ${i} masked`).toBe(true);
        }
      }
    });
  }

  it('gives the same bits on 1 and 3 threads', async () => {
    const results: Float32Array[][] = [];
    for (const count of [1, 3]) {
      const k = createWasmKernels()!;
      k.splitAlways = true;
      if (count > 1) await attach(k, count, pools);
      results.push(SHAPES.map(([M, K, N]) => {
        const r = new Rng(M + K + N);
        const A = k.floats(M * K), B = k.floats(N * K), X = k.floats(M * N), C = k.floats(M * N);
        A.set(randomArray(M * K, r));
        B.set(randomArray(N * K, r));
        X.set(reluLike(M * N, r));
        k.gemmTransBMasked(A, B, C, M, K, N, X);
        return C.slice();
      }));
      k.useThreads(null);
    }
    results[0]!.forEach((c, i) => expect(Buffer.from(results[1]![i]!.buffer).equals(Buffer.from(c.buffer)), `shape ${SHAPES[i]}`).toBe(true));
  });
});

async function attach(k: WasmKernels, count: number, pools: { stop(): void }[]): Promise<void> {
  k.useThreads(nodeKernelThreads(count));
  pools.push({ stop: () => k.useThreads(null) });
  for (let i = 0; i < 500 && !k.threadsReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(k.threadsReady).toBe(true);
}
