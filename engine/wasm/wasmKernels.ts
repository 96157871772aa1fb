/**
 * The WebAssembly SIMD backend: the kernels of engine/wasm/assembly/ running on one shared
 * WebAssembly memory per backend (wasmArena.ts), where the network's parameters, gradients
 * and layer buffers live: `floats` hands out Float32Array views into it, so optimizers,
 * model files and tests see ordinary Float32Arrays. Arrays from elsewhere are staged in and
 * out, so every kernel accepts any Float32Array; when the memory cannot grow (it is capped
 * at 1 GiB) a call falls back to the scalar kernels. `createWasmKernels()` returns null where
 * WebAssembly SIMD, shared memory or SharedArrayBuffer are missing (then: scalar kernels).
 */
import { jsKernels, type Kernels } from '../core/kernels';
import type { SampleSet } from '../data/dataset';
import type { ConvGeometry } from '../layers/im2col';
import type { PoolGeometry } from '../layers/poolGeometry';
import {
  convArgs, directArgs, K_SPLIT_MAX_OUTPUT, K_SPLIT_MIN_K, poolArgs, SPARSE_MAX_DENSITY, SPARSE_MIN_MACS, sparseDensityLimit, unpadded, weightGradForm,
} from './dispatch';
import { WasmBackend } from './wasmBackend';
import { kernelsModule } from './wasmModule';

import { OP, type K } from './wasmExports';

export { wasmKernelsSupported } from './wasmModule';

export interface WasmKernelsOptions {
  /**
   * Use relaxed SIMD's fused multiply-add in the matrix products where the runtime has it
   * (Electron, Chrome ≥ 114; Node 20 only with --experimental-wasm-relaxed-simd). Default true.
   */
  fma?: boolean;
}

/** A new WebAssembly SIMD backend with its own memory, or null where unsupported. */
export function createWasmKernels(opts: WasmKernelsOptions = {}): WasmKernels | null {
  const fma = opts.fma !== false ? kernelsModule('fma') : null;
  const module = fma ?? kernelsModule('simd');
  return module ? new WasmKernels(module, fma !== null) : null;
}

/** Shortest dot products (the layer's units) for which the masked input gradient computes only the kept elements. */
const MASKED_MIN_K = 32;

export class WasmKernels extends WasmBackend implements Kernels {
  readonly name = 'wasm-simd' as const;
  /** The partial products of a product split by K, and how many floats they have room for. */
  private kPartials = 0;
  private kPartialFloats = 0;

  // --- matrix products -------------------------------------------------------------------

  gemm(
    A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate = false,
    bias: Float32Array | null = null,
  ): void {
    this.product(0, A, B, C, M, K, N, accumulate, accumulate ? null : bias);
  }

  gemmTransA(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate = false): void {
    this.product(1, A, B, C, M, K, N, accumulate);
  }

  gemmTransB(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate = false): void {
    this.product(2, A, B, C, M, K, N, accumulate);
  }

  gemmTransBMasked(A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, X: Float32Array): void {
    if (M <= 0 || N <= 0) return;
    // Short dot products (a layer of a few units: mlp's 10) cost more by themselves than the
    // elements the mask saves: the full product, then the mask.
    if (K < MASKED_MIN_K) {
      this.gemmTransB(A, B, C, M, K, N);
      this.reluBackward(X, C, C, M * N);
      return;
    }
    const pA = this.mem.input(A, M * K), pB = this.mem.input(B, N * K), pX = this.mem.input(X, M * N), pC = this.mem.output(C, M * N, false);
    // The kept columns of a row are listed in the thread's scratch (N ints).
    if (pA < 0 || pB < 0 || pX < 0 || pC < 0 || N * 4 > this.ex.SCRATCH_BYTES.value) {
      this.mem.endStaging();
      return jsKernels.gemmTransBMasked(A, B, C, M, K, N, X);
    }
    this.run(OP.gemmNTMasked, this.ex.gemmNTMasked, [pA, pB, pC, pX, M, K, N, this.scratch], M * K * N);
    this.mem.finish(C, pC, M * N);
  }

  private product(
    form: 0 | 1 | 2, A: Float32Array, B: Float32Array, C: Float32Array, M: number, K: number, N: number, accumulate: boolean,
    bias: Float32Array | null = null,
  ): void {
    if (M <= 0 || N <= 0) return;
    const pA = this.mem.input(A, M * K), pB = this.mem.input(B, K * N), pC = this.mem.output(C, M * N, accumulate);
    const pBias = bias ? this.mem.input(bias, N) : 0;
    if (pA < 0 || pB < 0 || pC < 0 || pBias < 0) {
      this.mem.endStaging();
      if (form === 0) return jsKernels.gemm(A, B, C, M, K, N, accumulate, bias);
      return (form === 1 ? jsKernels.gemmTransA : jsKernels.gemmTransB)(A, B, C, M, K, N, accumulate);
    }
    const macs = M * K * N, acc = accumulate ? 1 : 0;
    if (form === 1 && this.sparse(pB, K * N, M * N, macs, N)) {
      this.run(OP.gemmTNSparse, this.ex.gemmTNSparse, [pA, pB, pC, M, K, N, acc, this.scratch], macs);
    } else if (form === 2 && this.sparse(pA, M * K, K * N + 2 * K + 4, macs, K)) {
      this.run(OP.gemmNTSparse, this.ex.gemmNTSparse, [pA, pB, pC, M, K, N, acc, this.scratch], macs);
    } else if (form === 0 && this.kSplit(M, K, N)) {
      // Two chunks a thread: with two threads, the K slices' rows are the rows that the
      // weight gradient's and the update's chunks of the same number cover.
      this.run(OP.gemm, this.ex.gemm, [form, pA, pB, pC, M, K, N, acc, pBias, this.kPartials, this.scratch], macs, 2);
      this.ex.addPartials(pC, this.kPartials, this.ex.K_PARTS.value - 1, M * N);
    } else {
      // Products that may run row by row (wide, A[M,K]) build each row's list of non-zeros
      // in every chunk that covers some of its columns: one chunk per thread, not several.
      // Weight gradients (TN, split by rows) in two chunks a thread, like the update.
      const rowWise = form !== 1 && N >= this.ex.ROW_SPARSE_MIN_N.value;
      this.run(OP.gemm, this.ex.gemm, [form, pA, pB, pC, M, K, N, acc, pBias, 0, this.scratch], macs, rowWise ? 1 : form === 1 ? 2 : undefined);
    }
    this.mem.finish(C, pC, M * N);
  }

  /**
   * Whether a forward product is split by K (dispatch.ts): by its shape only, so that it
   * sums the same way on any number of threads, and only if its partial products fit.
   */
  private kSplit(M: number, K: number, N: number): boolean {
    if (N < this.ex.ROW_SPARSE_MIN_N.value || K < K_SPLIT_MIN_K || K > this.ex.K_SPLIT_MAX.value || M * N > K_SPLIT_MAX_OUTPUT) return false;
    const floats = (this.ex.K_PARTS.value - 1) * M * N;
    if (floats > this.kPartialFloats) {
      const p = this.mem.allocBytes(floats * 4);
      if (p < 0) return false;
      this.kPartials = p;
      this.kPartialFloats = floats;
    }
    return true;
  }

  /**
   * Whether a backward product runs on the non-zeros of its operand at p (n values): big
   * enough, its scratch fits, and sparse enough (dispatch.ts). Data, not threads, decide.
   */
  private sparse(p: number, n: number, scratchFloats: number, macs: number, inner: number): boolean {
    if (macs < SPARSE_MIN_MACS || scratchFloats > this.ex.SPARSE_SCRATCH_FLOATS.value) return false;
    if (this.ex.countNonzero(p, n) > n * sparseDensityLimit(inner)) return false;
    this.sparseProducts++;
    return true;
  }

  // --- element-wise -----------------------------------------------------------------------

  biasRows(bias: Float32Array, y: Float32Array, rows: number, n: number): void {
    if (!this.staged(OP.biasRows, this.ex.biasRows, [[bias, n]], y, rows * n, false, [rows, n], rows * n)) jsKernels.biasRows(bias, y, rows, n);
  }

  biasGrad(dy: Float32Array, db: Float32Array, rows: number, n: number): void {
    // Split by groups of 4 columns (each column's sum keeps its order): needs 8 columns or more.
    if (!this.staged(OP.biasGrad, this.ex.biasGrad, [[dy, rows * n]], db, n, true, [rows, n], n >= 8 ? rows * n : 0)) jsKernels.biasGrad(dy, db, rows, n);
  }

  relu(x: Float32Array, y: Float32Array, n: number): void {
    if (!this.staged(OP.relu, this.ex.relu, [[x, n]], y, n, false, [n], n)) jsKernels.relu(x, y, n);
  }

  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void {
    if (!this.staged(OP.reluBackward, this.ex.reluBackward, [[y, n], [dy, n]], dx, n, false, [n], n)) jsKernels.reluBackward(y, dy, dx, n);
  }

  tanh(x: Float32Array, y: Float32Array, n: number): void {
    if (!this.staged(OP.tanh, this.ex.tanh, [[x, n]], y, n, false, [n], n)) jsKernels.tanh(x, y, n);
  }

  sigmoid(x: Float32Array, y: Float32Array, n: number): void {
    if (!this.staged(OP.sigmoid, this.ex.sigmoid, [[x, n]], y, n, false, [n], n)) jsKernels.sigmoid(x, y, n);
  }

  /** fn(inputs…, out, …rest) on the arrays' addresses (out read first if it accumulates); false, doing nothing, if they cannot be staged. */
  private staged(op: number, fn: K, inputs: [Float32Array, number][], out: Float32Array, outLen: number, accumulates: boolean, rest: number[], work: number): boolean {
    // One array for the call's arguments: these kernels run on every batch of every layer.
    const args: number[] = [];
    let staged = true;
    for (const [a, n] of inputs) {
      const p = this.mem.input(a, n);
      staged &&= p >= 0;
      args.push(p);
    }
    const pOut = this.mem.output(out, outLen, accumulates);
    if (!staged || pOut < 0) {
      this.mem.endStaging();
      return false;
    }
    args.push(pOut);
    for (const r of rest) args.push(r);
    this.run(op, fn, args, work);
    this.mem.finish(out, pOut, outLen);
    return true;
  }

  // --- convolution and pooling ------------------------------------------------------------

  im2col(x: Float32Array, batch: number, g: ConvGeometry, cols: Float32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * g.kh * g.kw * g.channels;
    const px = this.mem.input(x, inLen), pc = this.mem.output(cols, outLen, false);
    if (px < 0 || pc < 0) {
      this.mem.endStaging();
      return jsKernels.im2col(x, batch, g, cols);
    }
    this.run(OP.im2col, this.ex.im2col, convArgs(px, pc, batch, g), outLen);
    this.mem.finish(cols, pc, outLen);
  }

  convForward(
    x: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, bias: Float32Array | null, filters: number,
    y: Float32Array, relu = false,
  ): boolean {
    const patch = g.kh * g.kw * g.channels, panels8 = Math.ceil(filters / 8) * 8;
    if (!unpadded(g) || panels8 * (patch + 1) + 32 > this.ex.SPARSE_SCRATCH_FLOATS.value) return false;
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * filters;
    const px = this.mem.input(x, inLen), pw = this.mem.input(kernel, patch * filters), pb = bias ? this.mem.input(bias, filters) : 0;
    const py = this.mem.output(y, outLen, false);
    if (px < 0 || pw < 0 || pb < 0 || py < 0) {
      this.mem.endStaging();
      return false;
    }
    this.run(OP.convForward, this.ex.convForward, [px, pw, pb, py, ...directArgs(batch, g), filters, relu ? 1 : 0, this.scratch], outLen * patch);
    this.mem.finish(y, py, outLen);
    return true;
  }

  convBackwardSparse(
    x: Float32Array, dy: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, filters: number,
    dKernel: Float32Array, dx: Float32Array | null, dBias: Float32Array | null = null,
  ): boolean {
    const patch = g.kh * g.kw * g.channels, room = this.ex.SPARSE_SCRATCH_FLOATS.value, form = weightGradForm(g, filters, room);
    if (!unpadded(g) || filters * (patch + 2) > room || form === null) return false;
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * filters, blocked = form === 'blocked';
    // Without dx (a first layer) the blocked form keeps up with the products even on a dense dy: no count.
    const pdy = this.mem.input(dy, outLen), counted = !blocked || dx !== null;
    if (pdy < 0 || outLen * patch < SPARSE_MIN_MACS || (counted && this.ex.countNonzero(pdy, outLen) > outLen * SPARSE_MAX_DENSITY)) {
      this.mem.endStaging();
      return false;
    }
    const px = this.mem.input(x, inLen), pw = this.mem.input(kernel, patch * filters), pdk = this.mem.output(dKernel, patch * filters, true);
    const pdx = dx ? this.mem.output(dx, inLen, false) : 0, pdb = dBias ? this.mem.output(dBias, filters, true) : 0;
    if (px < 0 || pw < 0 || pdk < 0 || pdx < 0 || pdb < 0) {
      this.mem.endStaging();
      return false;
    }
    this.sparseProducts++;
    const args = directArgs(batch, g);
    // One chunk a thread for the blocked form: each chunk lists the non-zero positions once
    // (and the bias gradient is summed as it reads dy); the other form leaves it to biasGrad.
    if (blocked) this.run(OP.convWeightGradBlocked, this.ex.convWeightGradBlocked, [px, pdy, pdk, pdb, ...args, filters, this.scratch], outLen * patch, 1);
    else this.run(OP.convWeightGradSparse, this.ex.convWeightGradSparse, [px, pdy, pdk, ...args, filters, this.scratch], outLen * patch);
    if (!blocked && pdb) this.run(OP.biasGrad, this.ex.biasGrad, [pdy, pdb, outLen / filters, filters], filters >= 8 ? outLen : 0);
    if (dx) {
      this.run(OP.convInputGrad, this.ex.convInputGrad, [pdy, pw, pdx, ...args, filters, this.scratch], outLen * patch);
      this.mem.copyBack(dx, pdx, inLen);
    }
    if (dBias) this.mem.copyBack(dBias, pdb, filters);
    this.mem.finish(dKernel, pdk, patch * filters);
    return true;
  }

  col2im(dCols: Float32Array, batch: number, g: ConvGeometry, dx: Float32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, colLen = batch * g.outH * g.outW * g.kh * g.kw * g.channels;
    const pc = this.mem.input(dCols, colLen), pdx = this.mem.output(dx, inLen, false);
    if (pc < 0 || pdx < 0) {
      this.mem.endStaging();
      return jsKernels.col2im(dCols, batch, g, dx);
    }
    this.run(OP.col2im, this.ex.col2im, convArgs(pc, pdx, batch, g), colLen);
    this.mem.finish(dx, pdx, inLen);
  }

  maxPool(x: Float32Array, batch: number, g: PoolGeometry, y: Float32Array, argmax: Int32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * g.channels;
    const px = this.mem.input(x, inLen), py = this.mem.output(y, outLen, false), pa = this.mem.outputInts(argmax, outLen);
    if (px < 0 || py < 0 || pa < 0) {
      this.mem.endStaging();
      return jsKernels.maxPool(x, batch, g, y, argmax);
    }
    this.run(OP.maxPool, this.ex.maxPool, [px, py, pa, ...poolArgs(batch, g)], inLen);
    if (!this.mem.inMemory(argmax)) argmax.set(this.mem.heapI32.subarray(pa >> 2, (pa >> 2) + outLen));
    this.mem.finish(y, py, outLen);
  }

  maxPoolBackward(dy: Float32Array, argmax: Int32Array, batch: number, g: PoolGeometry, dx: Float32Array, x: Float32Array | null = null): void {
    const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
    const pdy = this.mem.input(dy, batch * outSize), pa = this.mem.inputInts(argmax, batch * outSize);
    const px = x ? this.mem.input(x, batch * inSize) : 0;
    const pdx = this.mem.output(dx, batch * inSize, false);
    if (pdy < 0 || pa < 0 || px < 0 || pdx < 0) {
      this.mem.endStaging();
      return jsKernels.maxPoolBackward(dy, argmax, batch, g, dx, x);
    }
    this.run(OP.maxPoolBackward, this.ex.maxPoolBackward, [pdy, pa, pdx, px, ...poolArgs(batch, g)], batch * inSize);
    this.mem.finish(dx, pdx, batch * inSize);
  }

  // --- optimizer updates and inputs -------------------------------------------------------

  sgdStep(w: Float32Array, g: Float32Array, lr: number, n: number): void {
    const pg = this.mem.input(g, n), pw = this.mem.output(w, n, true);
    if (pg < 0 || pw < 0) {
      this.mem.endStaging();
      return jsKernels.sgdStep(w, g, lr, n);
    }
    this.run(OP.sgd, this.ex.sgd, [pw, pg, lr, n], n);
    this.mem.finish(w, pw, n);
  }

  momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, lr: number, mu: number, nesterov: boolean, n: number): void {
    const pg = this.mem.input(g, n), pw = this.mem.output(w, n, true), pv = this.mem.output(v, n, true);
    if (pg < 0 || pw < 0 || pv < 0) {
      this.mem.endStaging();
      return jsKernels.momentumStep(w, g, v, lr, mu, nesterov, n);
    }
    this.run(OP.momentum, this.ex.momentum, [pw, pg, pv, lr, mu, nesterov ? 1 : 0, n], n);
    this.mem.copyBack(v, pv, n);
    this.mem.finish(w, pw, n);
  }

  sigmoidCrossEntropy(logits: Float32Array, targets: Float32Array, n: number, dLogits: Float32Array | null, g: number): number {
    const pz = this.mem.input(logits, n), pt = this.mem.input(targets, n), pd = dLogits ? this.mem.output(dLogits, n, false) : 0;
    if (pz < 0 || pt < 0 || pd < 0) {
      this.mem.endStaging();
      return jsKernels.sigmoidCrossEntropy(logits, targets, n, dLogits, g);
    }
    const total = this.reduce(OP.sigmoidCrossEntropy, this.ex.sigmoidCrossEntropy, [pz, pt, pd, n, g], n);
    if (total === null) {
      this.mem.endStaging();
      return jsKernels.sigmoidCrossEntropy(logits, targets, n, dLogits, g);
    }
    if (dLogits) this.mem.finish(dLogits, pd, n);
    else this.mem.endStaging();
    return total;
  }

  squaredError(values: Float32Array, targets: Float32Array, n: number, sigmoid: boolean): number {
    const pv = this.mem.input(values, n), pt = this.mem.input(targets, n);
    const total = pv < 0 || pt < 0 ? null : this.reduce(OP.squaredError, this.ex.squaredError, [pv, pt, n, sigmoid ? 1 : 0], n);
    this.mem.endStaging();
    return total ?? jsKernels.squaredError(values, targets, n, sigmoid);
  }

  adamStep(
    w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
    stepSize: number, beta1: number, beta2: number, epsilon: number, n: number,
  ): void {
    const pg = this.mem.input(g, n), pw = this.mem.output(w, n, true), pm = this.mem.output(m, n, true), pv = this.mem.output(v, n, true);
    if (pg < 0 || pw < 0 || pm < 0 || pv < 0) {
      this.mem.endStaging();
      return jsKernels.adamStep(w, g, m, v, stepSize, beta1, beta2, epsilon, n);
    }
    this.run(OP.adam, this.ex.adam, [pw, pg, pm, pv, stepSize, beta1, beta2, epsilon, n], n);
    this.mem.copyBack(m, pm, n);
    this.mem.copyBack(v, pv, n);
    this.mem.finish(w, pw, n);
  }

  pinInputs(bytes: Uint8Array | null): boolean {
    return this.pinned.pin(bytes);
  }

  gatherInputs(set: SampleSet, px: number, indices: ArrayLike<number>, from: number, batch: number, out: Float32Array): void {
    const images = set.inputs, n = batch * px;
    if (images instanceof Float32Array) return jsKernels.gatherInputs(set, px, indices, from, batch, out); // floats: a copy
    const pData = this.pinned.addressOf(images);
    if (pData >= 0) {
      const pIdx = this.pinned.indices(indices, from, batch), po = pIdx < 0 ? -1 : this.mem.output(out, n, false);
      if (po >= 0) {
        this.run(OP.gatherBytes, this.ex.gatherBytes, [pData, pIdx, batch, px, po, 255], n);
        this.mem.finish(out, po, n);
        return;
      }
      this.mem.endStaging();
    }
    const pb = this.mem.stage(Math.ceil(n / 4)), po = this.mem.output(out, n, false);
    if (pb < 0 || po < 0) {
      this.mem.endStaging();
      return jsKernels.gatherInputs(set, px, indices, from, batch, out);
    }
    const heap = this.mem.heapU8;
    for (let b = 0; b < batch; b++) {
      const src = indices[from + b]! * px;
      heap.set(images.subarray(src, src + px), pb + b * px);
    }
    this.run(OP.bytesToFloats, this.ex.bytesToFloats, [pb, po, 255, n], n);
    this.mem.finish(out, po, n);
  }

  // --- t-SNE ------------------------------------------------------------------------------

  /**
   * t-SNE's pass over all pairs (engine/codes/tsneForces.ts is the reference): out [n, 5].
   * The arrays must come from `floats` (the pass reads P, n² values, every iteration: it is
   * kept in this memory rather than staged each time).
   */
  tsneForces(xs: Float32Array, ys: Float32Array, P: Float32Array, out: Float32Array, n: number): void {
    for (const a of [xs, ys, P, out]) if (!this.mem.inMemory(a)) throw new RangeError('tsneForces: arrays must come from floats()');
    this.run(OP.tsneForces, this.ex.tsneForces, [xs.byteOffset, ys.byteOffset, P.byteOffset, out.byteOffset, n], n * n, 4);
  }
}
