import { describe, expect, it } from 'vitest';
import { gemm, gemmReference, gemmTransA, gemmTransB } from './gemm';
import { Rng } from './rng';
import { randomArray } from '../testing/random';

// Sizes straddle the 4×4 register block and the 256-wide K panel, including primes.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [3, 5, 2], [4, 4, 4], [5, 9, 7], [8, 16, 12], [13, 300, 11], [64, 784, 10], [17, 257, 33], [2, 513, 6],
];

function close(actual: Float32Array, expected: Float32Array, K: number): void {
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-5 * Math.sqrt(K) * (1 + Math.abs(expected[i]!)));
  }
}

describe('gemm kernels against the float64 reference', () => {
  const rng = new Rng(7);
  for (const [M, K, N] of SHAPES) {
    it(`${M}×${K} · ${K}×${N}`, () => {
      const A = randomArray(M * K, rng), B = randomArray(K * N, rng);
      const expected = new Float32Array(M * N), C = randomArray(M * N, rng);
      gemmReference(A, B, expected, M, K, N);
      gemm(A, B, C, M, K, N);
      close(C, expected, K);
    });

    it(`transposed A and B, with accumulation: ${M}, ${K}, ${N}`, () => {
      const At = randomArray(K * M, rng), B = randomArray(K * N, rng), Bt = randomArray(N * K, rng), A = randomArray(M * K, rng);
      const start = randomArray(M * N, rng);
      const expectedA = start.slice(), gotA = start.slice();
      gemmReference(At, B, expectedA, M, K, N, { transA: true, accumulate: true });
      gemmTransA(At, B, gotA, M, K, N, true);
      close(gotA, expectedA, K);
      const expectedB = start.slice(), gotB = start.slice();
      gemmReference(A, Bt, expectedB, M, K, N, { transB: true, accumulate: true });
      gemmTransB(A, Bt, gotB, M, K, N, true);
      close(gotB, expectedB, K);
    });
  }

  it('leaves C beyond M×N untouched (buffers are often larger than the batch)', () => {
    const C = new Float32Array(20).fill(5);
    gemm(new Float32Array(4).fill(1), new Float32Array(4).fill(1), C, 2, 2, 2);
    expect([...C.subarray(0, 4)]).toEqual([2, 2, 2, 2]);
    expect([...C.subarray(4)]).toEqual(new Array(16).fill(5));
  });
});
