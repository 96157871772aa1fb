/**
 * The compute kernels every layer runs on, behind one interface so that a network can use
 * either the scalar TypeScript implementation (`jsKernels`, the reference, runs anywhere)
 * or the WebAssembly SIMD one (engine/wasm/wasmKernels.ts), chosen once per network.
 *
 * Buffers come from the backend (`floats`, `ints`): with WebAssembly they are views into
 * the module's linear memory, so kernels run on them in place. Every kernel also accepts
 * ordinary arrays (it then copies them in and out), so callers never need to care.
 */
import { gemm, gemmTransA, gemmTransB } from './gemm';
import type { ConvGeometry } from '../layers/im2col';
import { sigmoidForward, tanhForward } from '../layers/activations';
import { col2im, im2col } from '../layers/im2col';
import type { PoolGeometry } from '../layers/poolGeometry';
import { gatherInputs, type SampleSet } from '../data/dataset';

/**
 * Helper threads for a backend, created outside the engine core (engine/node/threads.ts
 * spawns Node worker threads). `count` is the total number of threads that share the
 * work, the calling thread included.
 */
export interface KernelThreads {
  readonly count: number;
  /**
   * Starts `count − 1` helper threads, each running `source` (the text of a function of one
   * argument) with its own copy of `data` (structured-cloned: it holds a WebAssembly module
   * and shared memory) plus `index` (1 … count − 1). The returned `stop` ends them.
   */
  start(source: string, data: Readonly<Record<string, unknown>>): { stop(): void };
}

export interface Kernels {
  /** 'js' (scalar TypeScript) or 'wasm-simd'. */
  readonly name: 'js' | 'wasm-simd';
  /** Threads the kernels currently run on (1 without helpers). */
  readonly threadCount: number;
  /** A zero-filled float buffer the kernels work on in place. */
  floats(n: number): Float32Array;
  /** A zero-filled int buffer (max-pooling winners). */
  ints(n: number): Int32Array;

  /** C[M,N] (+)= A[M,K] · B[K,N]; without accumulation a `bias` `[N]` starts every row (C = bias + A·B). */
  gemm(
    A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate?: boolean, bias?: Float32Array | null,
  ): void;
  /** C[M,N] (+)= A[K,M]ᵀ · B[K,N]. */
  gemmTransA(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate?: boolean): void;
  /** C[M,N] (+)= A[M,K] · B[N,K]ᵀ. */
  gemmTransB(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate?: boolean): void;
  /**
   * C[M,N] = (X > 0) ⊙ (A[M,K] · B[N,K]ᵀ), X `[M,N]`: the input gradient of a layer whose
   * input X is a ReLU's output, the ReLU's backward fused in (C is 0 where X ≤ 0 or NaN).
   */
  gemmTransBMasked(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, X: Float32Array): void;

  /** y[r, :] = bias for every row r < rows (y is `[rows, n]`). */
  biasRows(bias: Float32Array, y: Float32Array, rows: number, n: number): void;
  /** db[j] += Σ_r dy[r, j]. */
  biasGrad(dy: Float32Array, db: Float32Array, rows: number, n: number): void;
  /** y = x > 0 ? x : 0 over n values. */
  relu(x: Float32Array, y: Float32Array, n: number): void;
  /** dx = y > 0 ? dy : 0 over n values. */
  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void;
  /** y = tanh(x) over n values, as tanhF32 (engine/layers/activations.ts; SIMD: bit-identical to it). */
  tanh(x: Float32Array, y: Float32Array, n: number): void;
  /** y = σ(x) over n values, as the sigmoid activation (engine/layers/activations.ts; SIMD: within 2 ulp of it). */
  sigmoid(x: Float32Array, y: Float32Array, n: number): void;

  /** x `[batch, inH, inW, C]` → cols `[batch·outH·outW, kh·kw·C]`. */
  im2col(x: Float32Array, batch: number, g: ConvGeometry, cols: Float32Array): void;
  /** The adjoint of im2col (overwrites dx). */
  col2im(dCols: Float32Array, batch: number, g: ConvGeometry, dx: Float32Array): void;
  /**
   * Optional: a convolution without the im2col matrix, y `[batch, outH, outW, filters]` =
   * conv(x, kernel `[kh·kw·C, filters]`) + bias, then max(·, 0) with `relu`. Returns false, doing nothing, where it
   * does not apply (padded convolutions); the caller then runs im2col + gemm, which is
   * also the reference it is tested against.
   */
  convForward?(
    x: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, bias: Float32Array | null, filters: number,
    y: Float32Array, relu?: boolean,
  ): boolean;
  /**
   * Optional: the convolution's backward products from the non-zero entries of dy alone,
   * dKernel += Σ windowᵀ · dy and, when dx is given, dx = the adjoint (overwritten); when
   * dBias is given, also dBias += Σ rows of dy, the same sums as biasGrad.
   * Returns false, doing nothing, where it does not apply or dy is not mostly zero; the
   * caller then runs biasGrad, im2col + gemmTransA and gemmTransB + col2im.
   */
  convBackwardSparse?(
    x: Float32Array, dy: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, filters: number,
    dKernel: Float32Array, dx: Float32Array | null, dBias?: Float32Array | null,
  ): boolean;
  /** y and the flat input index of each window's (first) maximum. */
  maxPool(x: Float32Array, batch: number, g: PoolGeometry, y: Float32Array, argmax: Int32Array): void;
  /**
   * dx = 0, then dx[argmax[o]] += dy[o] for the batch's outputs; with `x` (the pooling's
   * input, a ReLU's output) only where x at the winner is > 0: the ReLU's backward fused in.
   */
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, batch: number, g: PoolGeometry, dx: Float32Array, x?: Float32Array | null): void;

  /** Plain SGD: w −= lr · g. */
  sgdStep(w: Float32Array, g: Float32Array, lr: number, n: number): void;
  /** SGD with momentum μ: v ← μ·v + g, then w −= lr·v (Nesterov: w −= lr·(g + μ·v)). */
  momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, lr: number, mu: number, nesterov: boolean, n: number): void;
  /** Adam: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², w −= stepSize · m / (√v + ε). */
  /**
   * Binary cross-entropy from logits over n values: returns Σ ℓ(z, t), ℓ = max(z, 0) − z·t +
   * log(1 + e^−|z|), and when `dLogits` is given writes g·(σ(z) − t) into it. The scalar
   * version uses Math.exp and Math.log1p; the SIMD one polynomials within float rounding of them.
   */
  sigmoidCrossEntropy(logits: Float32Array, targets: Float32Array, n: number, dLogits: Float32Array | null, g: number): number;
  /**
   * Σ (f(vᵢ) − tᵢ)² over n values, f = σ when `sigmoid` (logits compared as the probabilities
   * they stand for), else the identity: a reconstruction's error. The scalar version sums in
   * float64 with Math.exp; the SIMD one in float32 blocks, then float64.
   */
  squaredError(values: Float32Array, targets: Float32Array, n: number, sigmoid: boolean): number;
  adamStep(
    w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
    stepSize: number, beta1: number, beta2: number, epsilon: number, n: number,
  ): void;
  /** out `[batch, perSample]` ← the samples at indices[from … from + batch): bytes as floats in [0, 1], floats as they are. */
  gatherInputs(set: SampleSet, perSample: number, indices: ArrayLike<number>, from: number, batch: number, out: Float32Array): void;
  /**
   * Optional: keep a set's input bytes (a run's training images) where the kernels work, so
   * that gatherInputs reads its batches from there; one set at a time, null to let go.
   * False when the backend could not (gathering then works as without).
   */
  pinInputs?(bytes: Uint8Array | null): boolean;

  /**
   * Runs the kernels on these helper threads from now on (null: this thread only).
   * Results are bit-identical whatever the number of threads.
   */
  useThreads(threads: KernelThreads | null): void;
}

/** The scalar TypeScript kernels: the reference implementation, and the fallback everywhere. */
export const jsKernels: Kernels = {
  name: 'js',
  threadCount: 1,
  floats: (n) => new Float32Array(n),
  ints: (n) => new Int32Array(n),
  gemm(A, B, C, M, K, N, accumulate = false, bias = null) {
    if (bias && !accumulate) {
      jsKernels.biasRows(bias, C, M, N);
      gemm(A, B, C, M, K, N, true);
    } else {
      gemm(A, B, C, M, K, N, accumulate);
    }
  },
  gemmTransA,
  gemmTransB,
  gemmTransBMasked(A, B, C, M, K, N, X) {
    gemmTransB(A, B, C, M, K, N);
    for (let i = 0; i < M * N; i++) if (!(X[i]! > 0)) C[i] = 0;
  },
  biasRows(bias, y, rows, n) {
    for (let r = 0; r < rows; r++) y.set(bias.subarray(0, n), r * n);
  },
  biasGrad(dy, db, rows, n) {
    for (let r = 0; r < rows; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) db[j] += dy[o + j]!;
    }
  },
  relu(x, y, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      y[i] = v > 0 ? v : 0;
    }
  },
  reluBackward(y, dy, dx, n) {
    for (let i = 0; i < n; i++) dx[i] = y[i]! > 0 ? dy[i]! : 0;
  },
  tanh: tanhForward,
  sigmoid: sigmoidForward,
  im2col,
  col2im,
  maxPool: maxPoolReference,
  maxPoolBackward(dy, argmax, batch, g, dx, x = null) {
    const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
    dx.fill(0, 0, batch * inSize);
    const n = batch * outSize;
    if (x) {
      for (let o = 0; o < n; o++) if (x[argmax[o]!]! > 0) dx[argmax[o]!] += dy[o]!;
    } else {
      for (let o = 0; o < n; o++) dx[argmax[o]!] += dy[o]!;
    }
  },
  sgdStep(w, g, lr, n) {
    for (let i = 0; i < n; i++) w[i] -= lr * g[i]!;
  },
  momentumStep(w, g, v, lr, mu, nesterov, n) {
    if (nesterov) {
      for (let i = 0; i < n; i++) {
        const vi = mu * v[i]! + g[i]!;
        v[i] = vi;
        w[i] -= lr * (g[i]! + mu * vi);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const vi = mu * v[i]! + g[i]!;
        v[i] = vi;
        w[i] -= lr * vi;
      }
    }
  },
  sigmoidCrossEntropy(logits, targets, n, dLogits, g) {
    let total = 0;
    // One exponential per value serves both the loss and σ(z): an autoencoder has 784 of them per image.
    for (let i = 0; i < n; i++) {
      const z = logits[i]!, t = targets[i]!, e = Math.exp(-Math.abs(z));
      total += (z > 0 ? z : 0) - z * t + Math.log1p(e);
      if (dLogits) dLogits[i] = g * ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t);
    }
    return total;
  },
  squaredError(values, targets, n, sigmoid) {
    let total = 0;
    if (sigmoid) {
      for (let i = 0; i < n; i++) {
        const z = values[i]!, e = Math.exp(-Math.abs(z));
        const d = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - targets[i]!;
        total += d * d;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const d = values[i]! - targets[i]!;
        total += d * d;
      }
    }
    return total;
  },
  adamStep(w, g, m, v, stepSize, b1, b2, eps, n) {
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      const mi = b1 * m[i]! + (1 - b1) * gi;
      const vi = b2 * v[i]! + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] -= (stepSize * mi) / (Math.sqrt(vi) + eps);
    }
  },
  gatherInputs,
  useThreads() {
    // The scalar kernels always run on the calling thread.
  },
};

/** Max pooling, channels last; padding never wins; the first maximum of a window wins. */
function maxPoolReference(x: Float32Array, batch: number, g: PoolGeometry, y: Float32Array, argmax: Int32Array): void {
  const { inH, inW, channels: C, ph, pw, sh, sw, padTop, padLeft, outH, outW } = g;
  const inSize = inH * inW * C;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const xb = b * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + ph, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + pw, inW);
        for (let c = 0; c < C; c++, o++) {
          let best = -Infinity, bestAt = xb + (y0 * inW + x0) * C + c;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0, i = xb + (iy * inW + x0) * C + c; ix < x1; ix++, i += C) {
              const v = x[i]!;
              if (v > best) {
                best = v;
                bestAt = i;
              }
            }
          }
          y[o] = best;
          argmax[o] = bestAt;
        }
      }
    }
  }
}
