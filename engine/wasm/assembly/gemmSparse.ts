import { SCRATCH_BYTES } from './gemm';
import { axpy, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Products with a sparse operand: the backward products of layers followed by ReLU and
// max pooling. There the output gradient dy is mostly zeros (max pooling passes a
// gradient to one input in four, ReLU stops it wherever the unit was off), so
//   weight gradient  dW = xᵀ · dy   (form TN, sparse B)
//   input gradient   dx = dy · Wᵀ   (form NT, sparse A)
// are computed from the non-zero entries of dy alone, as sums of scaled rows. The
// caller (engine/wasm/wasmKernels.ts) counts the non-zeros and picks these kernels when
// dy is sparse enough for the product's shape (break-even densities measured there); the
// choice depends on the data alone, never on the number of threads.
//
// Every output element is summed over k in increasing order, from 0, with separate
// multiply and add (no FMA, also in the FMA build), by exactly one share; the sum is
// then added to C (accumulate) or stored. So the result is the same whatever the split.
// ---------------------------------------------------------------------------------------

/** Floats of a thread's scratch these kernels may use (the packed-B area of the dense products). */
export const SPARSE_SCRATCH_FLOATS: i32 = (SCRATCH_BYTES - 2048) >> 2;

/** How many of the n floats at p are not zero (±0 count as zero). */
export function countNonzero(p: usize, n: i32): i32 {
  const zero = f32x4.splat(0);
  let count = 0, i = 0;
  for (; i + 4 <= n; i += 4) {
    const m = i32x4.bitmask(f32x4.ne(v128.load(p + (<usize>i << 2)), zero));
    count += popcnt<i32>(m);
  }
  for (; i < n; i++) count += load<f32>(p + (<usize>i << 2)) != 0 ? 1 : 0;
  return count;
}

/**
 * C[M,N] (+)= A[K,M]ᵀ · B[K,N], skipping every k where B[k,j] = 0. Each share (columns
 * j when there are at least as many as shares, else rows m in fours) sums Cᵀ for its
 * block in the thread's scratch (needs M·N ≤ SPARSE_SCRATCH_FLOATS), then writes C.
 */
export function gemmTNSparse(
  pA: usize, pB: usize, pC: usize, M: i32, K: i32, N: i32, accumulate: i32,
  scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  let j0 = 0, j1 = N, m0 = 0, m1 = M;
  if (parts > 1) {
    if (N >= parts) {
      j0 = shareStart(N, 1, part, parts);
      j1 = shareStart(N, 1, part + 1, parts);
    } else {
      m0 = shareStart(M, 4, part, parts);
      m1 = shareStart(M, 4, part + 1, parts);
    }
  }
  if (j1 <= j0 || m1 <= m0) return;
  const width = m1 - m0, cols = j1 - j0;
  const rowBytes = <usize>width << 2;
  const acc = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  memory.fill(acc, 0, <usize>cols * rowBytes);
  const ldb = <usize>N << 2, lda = <usize>M << 2;
  let bRow = pB + (<usize>j0 << 2), aRow = pA + (<usize>m0 << 2);
  for (let k = 0; k < K; k++, bRow += ldb, aRow += lda) {
    for (let j = 0; j < cols; j++) {
      const b = load<f32>(bRow + (<usize>j << 2));
      if (b != 0) axpy(acc + <usize>j * rowBytes, b, aRow, width);
    }
  }
  for (let j = 0; j < cols; j++) {
    const src = acc + <usize>j * rowBytes;
    let c = pC + ((<usize>m0 * <usize>N + <usize>(j0 + j)) << 2);
    for (let m = 0; m < width; m++, c += ldb) {
      const s = load<f32>(src + (<usize>m << 2));
      store<f32>(c, accumulate != 0 ? load<f32>(c) + s : s);
    }
  }
}

/**
 * C[M,N] (+)= A[M,K] · B[N,K]ᵀ, skipping every k where A[i,k] = 0: row i of C is the sum
 * of the rows of Bᵀ at A's non-zero entries. Shares are rows i in fours. Each thread
 * first copies Bᵀ [K,N] into its scratch (needs K·N + 2K ≤ SPARSE_SCRATCH_FLOATS).
 */
export function gemmNTSparse(
  pA: usize, pB: usize, pC: usize, M: i32, K: i32, N: i32, accumulate: i32,
  scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const i0 = shareStart(M, 4, part, parts), i1 = shareStart(M, 4, part + 1, parts);
  if (i1 <= i0) return;
  const bt = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  const ldc = <usize>N << 2, lda = <usize>K << 2;
  // Bᵀ: row k holds B[0..N, k].
  for (let n = 0; n < N; n++) {
    const src = pB + <usize>n * lda;
    for (let k = 0; k < K; k++) store<f32>(bt + <usize>k * ldc + (<usize>n << 2), load<f32>(src + (<usize>k << 2)));
  }
  // This row's non-zero entries of A: (byte offset of the Bᵀ row, value) pairs.
  const list = bt + ((<usize>K * <usize>N * 4 + 15) & ~(<usize>15));
  for (let i = i0; i < i1; i++) {
    const aRow = pA + <usize>i * lda;
    let count = 0;
    for (let k = 0; k < K; k++) {
      const a = load<f32>(aRow + (<usize>k << 2));
      const at = list + (<usize>count << 3);
      store<u32>(at, <u32>(<usize>k * ldc));
      store<f32>(at, a, 4);
      count += a != 0 ? 1 : 0;
    }
    const cRow = pC + <usize>i * ldc;
    let j = 0;
    for (; j + 16 <= N; j += 16) {
      const jo = <usize>j << 2;
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      for (let t = 0; t < count; t++) {
        const at = list + (<usize>t << 3);
        const row = bt + <usize>load<u32>(at) + jo;
        const a = f32x4.splat(load<f32>(at, 4));
        s0 = f32x4.add(s0, f32x4.mul(a, v128.load(row)));
        s1 = f32x4.add(s1, f32x4.mul(a, v128.load(row, 16)));
        s2 = f32x4.add(s2, f32x4.mul(a, v128.load(row, 32)));
        s3 = f32x4.add(s3, f32x4.mul(a, v128.load(row, 48)));
      }
      const c = cRow + jo;
      if (accumulate != 0) {
        s0 = f32x4.add(v128.load(c), s0);
        s1 = f32x4.add(v128.load(c, 16), s1);
        s2 = f32x4.add(v128.load(c, 32), s2);
        s3 = f32x4.add(v128.load(c, 48), s3);
      }
      v128.store(c, s0);
      v128.store(c, s1, 16);
      v128.store(c, s2, 32);
      v128.store(c, s3, 48);
    }
    for (; j + 4 <= N; j += 4) {
      const jo = <usize>j << 2;
      let s = f32x4.splat(0);
      for (let t = 0; t < count; t++) {
        const at = list + (<usize>t << 3);
        s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(at, 4)), v128.load(bt + <usize>load<u32>(at) + jo)));
      }
      const c = cRow + jo;
      v128.store(c, accumulate != 0 ? f32x4.add(v128.load(c), s) : s);
    }
    for (; j < N; j++) {
      const jo = <usize>j << 2;
      let s: f32 = 0;
      for (let t = 0; t < count; t++) {
        const at = list + (<usize>t << 3);
        s += load<f32>(at, 4) * load<f32>(bt + <usize>load<u32>(at) + jo);
      }
      const c = cRow + jo;
      store<f32>(c, accumulate != 0 ? load<f32>(c) + s : s);
    }
  }
}
