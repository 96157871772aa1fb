/**
 * Matrix products on row-major Float32Array matrices — the kernels every Dense and
 * Conv2D layer spends its time in.
 *
 * Three forms cover forward and both backward products without ever materialising a
 * transpose:
 *   gemm       C[M,N] (+)= A[M,K] · B[K,N]      forward:          y = x · W
 *   gemmTransA C[M,N] (+)= A[K,M]ᵀ · B[K,N]     weight gradient:  dW += xᵀ · dy
 *   gemmTransB C[M,N] (+)= A[M,K] · B[N,K]ᵀ     input gradient:   dx = dy · Wᵀ
 *
 * Each computes a 4×4 block of C in sixteen local accumulators (register blocking) and
 * walks K in panels of KC so the slice of B in use stays in cache. `accumulate` adds
 * into C instead of overwriting it (gradients accumulate across calls).
 */

const KC = 256;

export function gemm(
  A: Float32Array, B: Float32Array, C: Float32Array,
  M: number, K: number, N: number, accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const k1 = Math.min(K, k0 + KC);
    let i = 0;
    for (; i + 4 <= M; i += 4) {
      const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
      const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let k = k0, b = k0 * N + j; k < k1; k++, b += N) {
          const b0 = B[b]!, b1 = B[b + 1]!, b2 = B[b + 2]!, b3 = B[b + 3]!;
          const x0 = A[a0 + k]!, x1 = A[a1 + k]!, x2 = A[a2 + k]!, x3 = A[a3 + k]!;
          s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
          s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
          s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
          s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
        }
        C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
        C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
        C[c2 + j] += s20; C[c2 + j + 1] += s21; C[c2 + j + 2] += s22; C[c2 + j + 3] += s23;
        C[c3 + j] += s30; C[c3 + j + 1] += s31; C[c3 + j + 2] += s32; C[c3 + j + 3] += s33;
      }
      for (; j < N; j++) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = k0; k < k1; k++) {
          const b = B[k * N + j]!;
          s0 += A[a0 + k]! * b; s1 += A[a1 + k]! * b; s2 += A[a2 + k]! * b; s3 += A[a3 + k]! * b;
        }
        C[c0 + j] += s0; C[c1 + j] += s1; C[c2 + j] += s2; C[c3 + j] += s3;
      }
    }
    for (; i < M; i++) {
      const a = i * K, c = i * N;
      for (let k = k0; k < k1; k++) {
        const x = A[a + k]!;
        if (x === 0) continue;
        const b = k * N;
        for (let j = 0; j < N; j++) C[c + j] += x * B[b + j]!;
      }
    }
  }
}

export function gemmTransA(
  A: Float32Array, B: Float32Array, C: Float32Array,
  M: number, K: number, N: number, accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const k1 = Math.min(K, k0 + KC);
    let i = 0;
    for (; i + 4 <= M; i += 4) {
      const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let k = k0, a = k0 * M + i, b = k0 * N + j; k < k1; k++, a += M, b += N) {
          const b0 = B[b]!, b1 = B[b + 1]!, b2 = B[b + 2]!, b3 = B[b + 3]!;
          const x0 = A[a]!, x1 = A[a + 1]!, x2 = A[a + 2]!, x3 = A[a + 3]!;
          s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
          s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
          s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
          s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
        }
        C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
        C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
        C[c2 + j] += s20; C[c2 + j + 1] += s21; C[c2 + j + 2] += s22; C[c2 + j + 3] += s23;
        C[c3 + j] += s30; C[c3 + j + 1] += s31; C[c3 + j + 2] += s32; C[c3 + j + 3] += s33;
      }
      for (; j < N; j++) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = k0; k < k1; k++) {
          const b = B[k * N + j]!, a = k * M + i;
          s0 += A[a]! * b; s1 += A[a + 1]! * b; s2 += A[a + 2]! * b; s3 += A[a + 3]! * b;
        }
        C[c0 + j] += s0; C[c1 + j] += s1; C[c2 + j] += s2; C[c3 + j] += s3;
      }
    }
    for (; i < M; i++) {
      const c = i * N;
      for (let k = k0; k < k1; k++) {
        const x = A[k * M + i]!;
        if (x === 0) continue;
        const b = k * N;
        for (let j = 0; j < N; j++) C[c + j] += x * B[b + j]!;
      }
    }
  }
}

export function gemmTransB(
  A: Float32Array, B: Float32Array, C: Float32Array,
  M: number, K: number, N: number, accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  let i = 0;
  for (; i + 2 <= M; i += 2) {
    const a0 = i * K, a1 = a0 + K;
    const c0 = i * N, c1 = c0 + N;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k]!, x1 = A[a1 + k]!;
        const y0 = B[b0 + k]!, y1 = B[b1 + k]!, y2 = B[b2 + k]!, y3 = B[b3 + k]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
    }
    for (; j < N; j++) {
      const b = j * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) {
        const y = B[b + k]!;
        s0 += A[a0 + k]! * y; s1 += A[a1 + k]! * y;
      }
      C[c0 + j] += s0; C[c1 + j] += s1;
    }
  }
  for (; i < M; i++) {
    const a = i * K, c = i * N;
    for (let j = 0; j < N; j++) {
      const b = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a + k]! * B[b + k]!;
      C[c + j] += s;
    }
  }
}

/** Straightforward triple loop in float64: the reference the fast kernels are tested against. */
export function gemmReference(
  A: Float32Array, B: Float32Array, C: Float32Array,
  M: number, K: number, N: number,
  opts: { transA?: boolean; transB?: boolean; accumulate?: boolean } = {},
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = opts.transA ? A[k * M + i]! : A[i * K + k]!;
        const b = opts.transB ? B[j * K + k]! : B[k * N + j]!;
        s += a * b;
      }
      C[i * N + j] = (opts.accumulate ? C[i * N + j]! : 0) + s;
    }
  }
}
