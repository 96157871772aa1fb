import { SCRATCH_BYTES } from './gemm';
import { madd, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// The input gradient of a layer whose input is a ReLU's output, with the ReLU's backward
// fused in: C[M,N] = (X > 0) ⊙ (A[M,K] · B[N,K]ᵀ), X [M,N] the layer's input. Only the
// elements the mask keeps are computed, each as a dot product of A's row i and B's row j
// (both contiguous: dy and the layer's weights), so the units a ReLU switched off (40 %
// and more in a trained MLP) cost nothing. Every kept element is summed the same way (four
// lanes over k, then (l0 + l1) + (l2 + l3), then the last K mod 4 terms), so results do
// not depend on the split; the order differs from the 4×8 product's, by float rounding.
// The scalar reference is jsKernels.gemmTransBMasked (the product, then the mask).
// ---------------------------------------------------------------------------------------

@inline function lanesSum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** Σ_k a[k]·b[k] for the last K mod 4 steps, added to s. */
@inline function tail(s: f32, a: usize, b: usize, k4: i32, K: i32): f32 {
  for (let k = k4; k < K; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(b + (<usize>k << 2));
  return s;
}

/** One kept element (the columns left over after the blocks of six), as the block computes it. */
@inline function dot1(a: usize, b: usize, k4: i32, K: i32): f32 {
  let c = f32x4.splat(0);
  for (let o: usize = 0; o < (<usize>k4 << 2); o += 16) c = madd(v128.load(a + o), v128.load(b + o), c);
  return tail(lanesSum(c), a, b, k4, K);
}

/** Share `part` of `parts` (rows of C). Scratch: the row's kept columns (N ints). */
export function gemmNTMasked(
  pA: usize, pB: usize, pC: usize, pX: usize, M: i32, K: i32, N: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const i0 = shareStart(M, 1, part, parts), i1 = shareStart(M, 1, part + 1, parts);
  const list = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  const kBytes = <usize>K << 2, nBytes = <usize>N << 2, k4 = K & ~3, k4Bytes = <usize>k4 << 2;
  const zero = f32x4.splat(0);
  for (let i = i0; i < i1; i++) {
    const a = pA + <usize>i * kBytes, c = pC + <usize>i * nBytes, x = pX + <usize>i * nBytes;
    // The kept columns (as byte offsets of B's rows), without a branch per value; C = 0 elsewhere.
    memory.fill(c, 0, nBytes);
    let n = 0, j = 0;
    for (; j + 4 <= N; j += 4) {
      const m = i32x4.bitmask(f32x4.gt(v128.load(x + (<usize>j << 2)), zero));
      if (m == 0) continue;
      store<i32>(list + (<usize>n << 2), j);
      n += m & 1;
      store<i32>(list + (<usize>n << 2), j + 1);
      n += (m >> 1) & 1;
      store<i32>(list + (<usize>n << 2), j + 2);
      n += (m >> 2) & 1;
      store<i32>(list + (<usize>n << 2), j + 3);
      n += (m >> 3) & 1;
    }
    for (; j < N; j++) {
      store<i32>(list + (<usize>n << 2), j);
      n += load<f32>(x + (<usize>j << 2)) > 0 ? 1 : 0;
    }
    // Six columns at a time: six accumulators with their loads fit V8's vector registers,
    // and six independent sums hide the add's latency.
    let t = 0;
    for (; t + 6 <= n; t += 6) {
      const l = list + (<usize>t << 2);
      const j0 = <usize>load<i32>(l), j1 = <usize>load<i32>(l, 4), j2 = <usize>load<i32>(l, 8);
      const j3 = <usize>load<i32>(l, 12), j4 = <usize>load<i32>(l, 16), j5 = <usize>load<i32>(l, 20);
      const b0 = pB + j0 * kBytes, b1 = pB + j1 * kBytes, b2 = pB + j2 * kBytes;
      const b3 = pB + j3 * kBytes, b4 = pB + j4 * kBytes, b5 = pB + j5 * kBytes;
      let c0 = zero, c1 = zero, c2 = zero, c3 = zero, c4 = zero, c5 = zero;
      for (let o: usize = 0; o < k4Bytes; o += 16) {
        const av = v128.load(a + o);
        c0 = madd(av, v128.load(b0 + o), c0);
        c1 = madd(av, v128.load(b1 + o), c1);
        c2 = madd(av, v128.load(b2 + o), c2);
        c3 = madd(av, v128.load(b3 + o), c3);
        c4 = madd(av, v128.load(b4 + o), c4);
        c5 = madd(av, v128.load(b5 + o), c5);
      }
      store<f32>(c + (j0 << 2), tail(lanesSum(c0), a, b0, k4, K));
      store<f32>(c + (j1 << 2), tail(lanesSum(c1), a, b1, k4, K));
      store<f32>(c + (j2 << 2), tail(lanesSum(c2), a, b2, k4, K));
      store<f32>(c + (j3 << 2), tail(lanesSum(c3), a, b3, k4, K));
      store<f32>(c + (j4 << 2), tail(lanesSum(c4), a, b4, k4, K));
      store<f32>(c + (j5 << 2), tail(lanesSum(c5), a, b5, k4, K));
    }
    for (; t < n; t++) {
      const jt = <usize>load<i32>(list + (<usize>t << 2));
      store<f32>(c + (jt << 2), dot1(a, pB + jt * kBytes, k4, K));
    }
  }
}
