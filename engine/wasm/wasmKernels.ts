/**
 * The WebAssembly SIMD backend: the kernels of engine/wasm/assembly/ running on one shared
 * WebAssembly memory per backend (wasmArena.ts), where the network's parameters, gradients
 * and layer buffers live: `floats` hands out Float32Array views into it, so optimizers,
 * model files and tests see ordinary Float32Arrays. Arrays from elsewhere are staged in and
 * out, so every kernel accepts any Float32Array; when the memory cannot grow (it is capped
 * at 1 GiB) a call falls back to the scalar kernels. `createWasmKernels()` returns null where
 * WebAssembly SIMD, shared memory or SharedArrayBuffer are missing (then: scalar kernels).
 */
import { jsKernels, type Kernels, type KernelThreads } from '../core/kernels';
import type { SampleSet } from '../data/dataset';
import type { ConvGeometry } from '../layers/im2col';
import type { PoolGeometry } from '../layers/poolGeometry';
import {
  convArgs, directArgs, PARALLEL_MIN_MACS, PARALLEL_MIN_VALUES, poolArgs, SPARSE_MAX_DENSITY, SPARSE_MIN_MACS,
  sparseDensityLimit, unpadded, weightGradForm,
} from './dispatch';
import { WasmArena } from './wasmArena';
import { kernelsModule, wasmApi } from './wasmModule';
import { CONTROL_BYTES, ThreadTeam } from './threadTeam';

import { OP, OPS, type Exports, type K } from './wasmExports';

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

export class WasmKernels implements Kernels {
  readonly name = 'wasm-simd' as const;
  private readonly mem = new WasmArena();
  private readonly ex: Exports;
  private scratch: number;
  private scratchSlots = 1;
  private team: ThreadTeam | null = null;
  /** Split every kernel, however small, across the threads (tests use it to exercise the split). */
  splitAlways = false;
  /** Products that ran on the non-zeros of a sparse operand (tests and the profiler read it). */
  sparseProducts = 0;

  constructor(private readonly module: object, readonly fma = false) {
    const instance = new (wasmApi()!.Instance)(module, { env: { memory: this.mem.memory } });
    this.ex = instance.exports as unknown as Exports;
    this.scratch = this.mem.allocBytes(this.ex.SCRATCH_BYTES.value);
  }

  get threadCount(): number {
    return this.team ? this.team.count : 1;
  }

  /** Whether helper threads are attached and running (until then, this thread does all the work). */
  get threadsReady(): boolean {
    return this.team !== null && this.team.ready();
  }

  /** Bytes of linear memory in use (parameters, buffers, scratch). */
  get memoryBytes(): number {
    return this.mem.memoryBytes;
  }

  floats(n: number): Float32Array {
    return this.mem.floats(n);
  }

  ints(n: number): Int32Array {
    return this.mem.ints(n);
  }

  useThreads(threads: KernelThreads | null): void {
    if (this.team) {
      this.team.stop();
      this.team = null;
    }
    if (!threads || threads.count <= 1) return;
    if (this.scratchSlots < threads.count) {
      const p = this.mem.allocBytes(threads.count * this.ex.SCRATCH_BYTES.value);
      if (p < 0) return;
      this.scratch = p;
      this.scratchSlots = threads.count;
    }
    // A fresh control block per team: helpers of an earlier team that have not exited yet
    // can never see this team's jobs.
    const control = this.mem.allocBytes(CONTROL_BYTES);
    if (control < 0) return;
    this.team = new ThreadTeam(threads, this.module, this.mem.memory, control, OPS);
  }

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
    } else {
      // Products that may run row by row (wide, A[M,K]) build each row's list of non-zeros
      // in every chunk that covers some of its columns: one chunk per thread, not several.
      const rowWise = form !== 1 && N >= this.ex.ROW_SPARSE_MIN_N.value;
      this.run(OP.gemm, this.ex.gemm, [form, pA, pB, pC, M, K, N, acc, pBias, this.scratch], macs, rowWise ? 1 : undefined);
    }
    this.mem.finish(C, pC, M * N);
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
    const pb = this.mem.input(bias, n), py = this.mem.output(y, rows * n, false);
    if (pb < 0 || py < 0) {
      this.mem.endStaging();
      return jsKernels.biasRows(bias, y, rows, n);
    }
    this.run(OP.biasRows, this.ex.biasRows, [pb, py, rows, n], rows * n);
    this.mem.finish(y, py, rows * n);
  }

  biasGrad(dy: Float32Array, db: Float32Array, rows: number, n: number): void {
    const pdy = this.mem.input(dy, rows * n), pdb = this.mem.output(db, n, true);
    if (pdy < 0 || pdb < 0) {
      this.mem.endStaging();
      return jsKernels.biasGrad(dy, db, rows, n);
    }
    // Split by groups of 4 columns (each column's sum keeps its order): needs 8 columns or more.
    this.run(OP.biasGrad, this.ex.biasGrad, [pdy, pdb, rows, n], n >= 8 ? rows * n : 0);
    this.mem.finish(db, pdb, n);
  }

  relu(x: Float32Array, y: Float32Array, n: number): void {
    const px = this.mem.input(x, n), py = this.mem.output(y, n, false);
    if (px < 0 || py < 0) {
      this.mem.endStaging();
      return jsKernels.relu(x, y, n);
    }
    this.run(OP.relu, this.ex.relu, [px, py, n], n);
    this.mem.finish(y, py, n);
  }

  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void {
    const py = this.mem.input(y, n), pdy = this.mem.input(dy, n), pdx = this.mem.output(dx, n, false);
    if (py < 0 || pdy < 0 || pdx < 0) {
      this.mem.endStaging();
      return jsKernels.reluBackward(y, dy, dx, n);
    }
    this.run(OP.reluBackward, this.ex.reluBackward, [py, pdy, pdx, n], n);
    this.mem.finish(dx, pdx, n);
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
    const total = this.ex.sigmoidCrossEntropy(pz, pt, pd, n, g);
    if (dLogits) this.mem.finish(dLogits, pd, n);
    else this.mem.endStaging();
    return total;
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

  gatherInputs(set: SampleSet, px: number, indices: ArrayLike<number>, from: number, batch: number, out: Float32Array): void {
    const images = set.inputs, n = batch * px;
    if (images instanceof Float32Array) return jsKernels.gatherInputs(set, px, indices, from, batch, out); // floats: a copy
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

  // --- plumbing ---------------------------------------------------------------------------

  /**
   * Runs `fn` on this thread, or in chunks shared with the helper threads when the job is
   * big enough (`work`: multiply-adds for products, values touched otherwise).
   */
  private run(op: number, fn: K, args: number[], work: number, chunksPerThread?: number): void {
    const team = this.team;
    const product = op === OP.gemm || op === OP.gemmTNSparse || op === OP.gemmNTSparse ||
      op === OP.convForward || op === OP.convWeightGradBlocked || op === OP.convWeightGradSparse || op === OP.convInputGrad;
    const big = this.splitAlways || (product ? work >= PARALLEL_MIN_MACS : work >= PARALLEL_MIN_VALUES);
    if (team === null || !big || !team.ready()) {
      args.push(0, 1, 0);
      fn.apply(null, args);
      return;
    }
    // More chunks than threads, so that a helper that is late or descheduled costs little.
    const perThread = chunksPerThread ?? (product && work >= 1 << 22 ? 4 : 2);
    team.run(op, fn, args, team.count * perThread);
  }
}
