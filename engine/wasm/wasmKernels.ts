/**
 * The WebAssembly SIMD backend: the kernels of engine/wasm/assembly/kernels.ts running on
 * one shared WebAssembly memory per backend, where the network's parameters, gradients
 * and layer buffers live (`floats` hands out Float32Array views into it, so optimizers,
 * model files and tests see ordinary Float32Arrays).
 *
 * The memory is a growable *shared* memory: growing it never detaches the views already
 * handed out. Arrays from elsewhere are copied into a staging area and back, so every
 * kernel accepts any Float32Array; when the memory cannot grow (it is capped at 1 GiB)
 * the call falls back to the scalar kernels.
 *
 * `createWasmKernels()` returns null where WebAssembly SIMD, threads-style shared memory or
 * SharedArrayBuffer are missing; `Network` then uses the scalar kernels.
 */
import { jsKernels, type Kernels, type KernelThreads } from '../core/kernels';
import type { ImageSet } from '../data/imageSet';
import type { ConvGeometry } from '../layers/im2col';
import type { PoolGeometry } from '../layers/poolGeometry';
import { KERNELS_WASM_BASE64, KERNELS_WASM_FMA_BASE64, KERNELS_WASM_MAX_PAGES } from './kernelsWasm.generated';
import { CONTROL_BYTES, ThreadTeam } from './threadTeam';

// The WebAssembly API is typed locally: the engine's type-check has no DOM or Node types.
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}
type K = (...args: number[]) => void;
interface Exports {
  gemm: K; convForward: K; convWeightGradBlocked: K; convWeightGradSparse: K; convInputGrad: K; gemmTNSparse: K; gemmNTSparse: K; countNonzero: (p: number, n: number) => number;
  im2col: K; col2im: K; maxPool: K; maxPoolBackward: K;
  relu: K; reluBackward: K; biasRows: K; biasGrad: K;
  sgd: K; momentum: K; adam: K; bytesToFloats: K;
  SCRATCH_BYTES: { value: number };
  SPARSE_SCRATCH_FLOATS: { value: number };
}
/** Kernels a helper thread can run, by index. */
const OPS = [
  'gemm', 'gemmTNSparse', 'gemmNTSparse', 'convForward', 'convWeightGradBlocked', 'convWeightGradSparse', 'convInputGrad', 'im2col', 'col2im', 'maxPool', 'maxPoolBackward', 'relu', 'reluBackward', 'biasRows', 'biasGrad',
  'sgd', 'momentum', 'adam', 'bytesToFloats',
] as const;
const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as Record<(typeof OPS)[number], number>;

const PAGE = 65536;
const ALIGN = 64;
/** Work (multiply-adds or touched values) below which a kernel is not worth splitting across threads. */
const PARALLEL_MIN_MACS = 1 << 18;
const PARALLEL_MIN_VALUES = 1 << 15;
/**
 * Backward products whose sparse operand (dy) is mostly zero run on its non-zeros only
 * (assembly/gemmSparse.ts). Measured break-even densities: where the dense product's
 * inner dimension is short (≤ 32: a convolution's filters) it is slow and the sparse one
 * wins up to ~80 % non-zeros; on wide dense layers only below ~25 %. Below
 * SPARSE_MIN_MACS counting the non-zeros costs more than it saves.
 */
const SPARSE_MAX_DENSITY = 0.6;
const SPARSE_MAX_DENSITY_WIDE = 0.2;
const SPARSE_MIN_MACS = 1 << 16;
/** assembly/gemm.ts's ROW_SPARSE_MIN_N: products at least this wide may run row by row. */
const ROW_SPARSE_MIN_N = 64;

/** Compiled modules by variant: undefined = not tried yet, null = unsupported here. */
const compiled: { simd?: object | null; fma?: object | null } = {};

function decodeBase64(s: string): Uint8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | table[clean.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function wasmApi(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return api && typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' ? api : null;
}

/** A compiled kernels module, or null where this runtime cannot run it (no SIMD, relaxed SIMD or shared memory). */
function kernelsModule(variant: 'simd' | 'fma'): object | null {
  const have = compiled[variant];
  if (have !== undefined) return have;
  compiled[variant] = null;
  const api = wasmApi();
  if (!api) return null;
  try {
    const bytes = decodeBase64(variant === 'fma' ? KERNELS_WASM_FMA_BASE64 : KERNELS_WASM_BASE64);
    if (api.validate(bytes)) {
      const module = new api.Module(bytes);
      // Shared memory must also be constructible (it is not, e.g., in a page without cross-origin isolation).
      new api.Memory({ initial: 1, maximum: KERNELS_WASM_MAX_PAGES, shared: true });
      compiled[variant] = module;
    }
  } catch {
    compiled[variant] = null;
  }
  return compiled[variant];
}

/** Whether this runtime can run the WebAssembly SIMD kernels. */
export function wasmKernelsSupported(): boolean {
  return kernelsModule('simd') !== null;
}

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
  private readonly memory: WasmMemory;
  private readonly ex: Exports;
  /** The memory's current buffer, and earlier ones (views on them stay valid). */
  private buffer: ArrayBufferLike;
  private readonly oldBuffers: ArrayBufferLike[] = [];
  private heapF32: Float32Array;
  private heapI32: Int32Array;
  private heapU8: Uint8Array;
  private top: number;
  private scratch: number;
  private scratchSlots = 1;
  private stagePtr = 0;
  private stageCap = 0;
  private stageUsed = 0;
  private team: ThreadTeam | null = null;
  /** Split every kernel, however small, across the threads (tests use it to exercise the split). */
  splitAlways = false;
  /** Products that ran on the non-zeros of a sparse operand (tests and the profiler read it). */
  sparseProducts = 0;

  constructor(private readonly module: object, readonly fma = false) {
    const api = wasmApi()!;
    this.memory = new api.Memory({ initial: 16, maximum: KERNELS_WASM_MAX_PAGES, shared: true });
    const instance = new api.Instance(module, { env: { memory: this.memory } });
    this.ex = instance.exports as unknown as Exports;
    this.buffer = this.memory.buffer;
    this.heapF32 = new Float32Array(this.buffer);
    this.heapI32 = new Int32Array(this.buffer);
    this.heapU8 = new Uint8Array(this.buffer);
    // Address 0 stays unused.
    this.top = ALIGN;
    this.scratch = this.allocBytes(this.ex.SCRATCH_BYTES.value);
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
    return this.top;
  }

  floats(n: number): Float32Array {
    const p = this.allocBytes(n * 4);
    return p < 0 ? new Float32Array(n) : new Float32Array(this.buffer, p, n);
  }

  ints(n: number): Int32Array {
    const p = this.allocBytes(n * 4);
    return p < 0 ? new Int32Array(n) : new Int32Array(this.buffer, p, n);
  }

  useThreads(threads: KernelThreads | null): void {
    if (this.team) {
      this.team.stop();
      this.team = null;
    }
    if (!threads || threads.count <= 1) return;
    if (this.scratchSlots < threads.count) {
      const p = this.allocBytes(threads.count * this.ex.SCRATCH_BYTES.value);
      if (p < 0) return;
      this.scratch = p;
      this.scratchSlots = threads.count;
    }
    // A fresh control block per team: helpers of an earlier team that have not exited yet
    // can never see this team's jobs.
    const control = this.allocBytes(CONTROL_BYTES);
    if (control < 0) return;
    this.team = new ThreadTeam(threads, this.module, this.memory, control, OPS);
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
    const pA = this.input(A, M * K), pB = this.input(B, K * N), pC = this.output(C, M * N, accumulate);
    const pBias = bias ? this.input(bias, N) : 0;
    if (pA < 0 || pB < 0 || pC < 0 || pBias < 0) {
      this.endStaging();
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
      const rowWise = form !== 1 && N >= ROW_SPARSE_MIN_N;
      this.run(OP.gemm, this.ex.gemm, [form, pA, pB, pC, M, K, N, acc, pBias, this.scratch], macs, rowWise ? 1 : undefined);
    }
    this.finish(C, pC, M * N);
  }

  /**
   * Whether a backward product should run on the non-zeros of its operand at p (n values):
   * big enough, its scratch needs (floats) fit, and mostly zero (`inner`: the length of
   * the dense product's inner loop, which decides how fast that one is).
   * Depends on the data, never on the threads, so results stay thread-independent.
   */
  private sparse(p: number, n: number, scratchFloats: number, macs: number, inner: number): boolean {
    if (macs < SPARSE_MIN_MACS || scratchFloats > this.ex.SPARSE_SCRATCH_FLOATS.value) return false;
    if (this.ex.countNonzero(p, n) > n * (inner <= 32 ? SPARSE_MAX_DENSITY : SPARSE_MAX_DENSITY_WIDE)) return false;
    this.sparseProducts++;
    return true;
  }

  // --- element-wise -----------------------------------------------------------------------

  biasRows(bias: Float32Array, y: Float32Array, rows: number, n: number): void {
    const pb = this.input(bias, n), py = this.output(y, rows * n, false);
    if (pb < 0 || py < 0) {
      this.endStaging();
      return jsKernels.biasRows(bias, y, rows, n);
    }
    this.run(OP.biasRows, this.ex.biasRows, [pb, py, rows, n], rows * n);
    this.finish(y, py, rows * n);
  }

  biasGrad(dy: Float32Array, db: Float32Array, rows: number, n: number): void {
    const pdy = this.input(dy, rows * n), pdb = this.output(db, n, true);
    if (pdy < 0 || pdb < 0) {
      this.endStaging();
      return jsKernels.biasGrad(dy, db, rows, n);
    }
    // Split by groups of 4 columns (each column's sum keeps its order): needs 8 columns or more.
    this.run(OP.biasGrad, this.ex.biasGrad, [pdy, pdb, rows, n], n >= 8 ? rows * n : 0);
    this.finish(db, pdb, n);
  }

  relu(x: Float32Array, y: Float32Array, n: number): void {
    const px = this.input(x, n), py = this.output(y, n, false);
    if (px < 0 || py < 0) {
      this.endStaging();
      return jsKernels.relu(x, y, n);
    }
    this.run(OP.relu, this.ex.relu, [px, py, n], n);
    this.finish(y, py, n);
  }

  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void {
    const py = this.input(y, n), pdy = this.input(dy, n), pdx = this.output(dx, n, false);
    if (py < 0 || pdy < 0 || pdx < 0) {
      this.endStaging();
      return jsKernels.reluBackward(y, dy, dx, n);
    }
    this.run(OP.reluBackward, this.ex.reluBackward, [py, pdy, pdx, n], n);
    this.finish(dx, pdx, n);
  }

  // --- convolution and pooling ------------------------------------------------------------

  im2col(x: Float32Array, batch: number, g: ConvGeometry, cols: Float32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * g.kh * g.kw * g.channels;
    const px = this.input(x, inLen), pc = this.output(cols, outLen, false);
    if (px < 0 || pc < 0) {
      this.endStaging();
      return jsKernels.im2col(x, batch, g, cols);
    }
    this.run(OP.im2col, this.ex.im2col, convArgs(px, pc, batch, g), outLen);
    this.finish(cols, pc, outLen);
  }

  convForward(
    x: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, bias: Float32Array | null, filters: number,
    y: Float32Array, relu = false,
  ): boolean {
    const patch = g.kh * g.kw * g.channels, panels8 = Math.ceil(filters / 8) * 8;
    if (!unpadded(g) || panels8 * (patch + 1) + 32 > this.ex.SPARSE_SCRATCH_FLOATS.value) return false;
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * filters;
    const px = this.input(x, inLen), pw = this.input(kernel, patch * filters), pb = bias ? this.input(bias, filters) : 0;
    const py = this.output(y, outLen, false);
    if (px < 0 || pw < 0 || pb < 0 || py < 0) {
      this.endStaging();
      return false;
    }
    this.run(OP.convForward, this.ex.convForward, [px, pw, pb, py, ...directArgs(batch, g), filters, relu ? 1 : 0, this.scratch], outLen * patch);
    this.finish(y, py, outLen);
    return true;
  }

  convBackwardSparse(
    x: Float32Array, dy: Float32Array, batch: number, g: ConvGeometry, kernel: Float32Array, filters: number,
    dKernel: Float32Array, dx: Float32Array | null,
  ): boolean {
    const patch = g.kh * g.kw * g.channels;
    if (!unpadded(g) || filters * (patch + 2) > this.ex.SPARSE_SCRATCH_FLOATS.value) return false;
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * filters;
    const pdy = this.input(dy, outLen);
    if (pdy < 0 || outLen * patch < SPARSE_MIN_MACS || this.ex.countNonzero(pdy, outLen) > outLen * SPARSE_MAX_DENSITY) {
      this.endStaging();
      return false;
    }
    const px = this.input(x, inLen), pw = this.input(kernel, patch * filters), pdk = this.output(dKernel, patch * filters, true);
    const pdx = dx ? this.output(dx, inLen, false) : 0;
    if (px < 0 || pw < 0 || pdk < 0 || pdx < 0) {
      this.endStaging();
      return false;
    }
    this.sparseProducts++;
    const args = directArgs(batch, g);
    // Short kernel rows (few channels): 4 taps × 8 filters in registers; else per non-zero entry.
    const blocked = filters % 8 === 0 && g.kw * g.channels < 16;
    const op = blocked ? OP.convWeightGradBlocked : OP.convWeightGradSparse;
    this.run(op, blocked ? this.ex.convWeightGradBlocked : this.ex.convWeightGradSparse, [px, pdy, pdk, ...args, filters, this.scratch], outLen * patch);
    if (dx) {
      this.run(OP.convInputGrad, this.ex.convInputGrad, [pdy, pw, pdx, ...args, filters, this.scratch], outLen * patch);
      this.copyBack(dx, pdx, inLen);
    }
    this.finish(dKernel, pdk, patch * filters);
    return true;
  }

  col2im(dCols: Float32Array, batch: number, g: ConvGeometry, dx: Float32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, colLen = batch * g.outH * g.outW * g.kh * g.kw * g.channels;
    const pc = this.input(dCols, colLen), pdx = this.output(dx, inLen, false);
    if (pc < 0 || pdx < 0) {
      this.endStaging();
      return jsKernels.col2im(dCols, batch, g, dx);
    }
    this.run(OP.col2im, this.ex.col2im, convArgs(pc, pdx, batch, g), colLen);
    this.finish(dx, pdx, inLen);
  }

  maxPool(x: Float32Array, batch: number, g: PoolGeometry, y: Float32Array, argmax: Int32Array): void {
    const inLen = batch * g.inH * g.inW * g.channels, outLen = batch * g.outH * g.outW * g.channels;
    const px = this.input(x, inLen), py = this.output(y, outLen, false), pa = this.outputInts(argmax, outLen);
    if (px < 0 || py < 0 || pa < 0) {
      this.endStaging();
      return jsKernels.maxPool(x, batch, g, y, argmax);
    }
    this.run(OP.maxPool, this.ex.maxPool, [
      px, py, pa, batch, g.inH, g.inW, g.channels, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.outH, g.outW,
    ], inLen);
    if (!this.inMemory(argmax)) argmax.set(this.heapI32.subarray(pa >> 2, (pa >> 2) + outLen));
    this.finish(y, py, outLen);
  }

  maxPoolBackward(dy: Float32Array, argmax: Int32Array, batch: number, g: PoolGeometry, dx: Float32Array, x: Float32Array | null = null): void {
    const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
    const pdy = this.input(dy, batch * outSize), pa = this.inputInts(argmax, batch * outSize);
    const px = x ? this.input(x, batch * inSize) : 0;
    const pdx = this.output(dx, batch * inSize, false);
    if (pdy < 0 || pa < 0 || px < 0 || pdx < 0) {
      this.endStaging();
      return jsKernels.maxPoolBackward(dy, argmax, batch, g, dx, x);
    }
    this.run(OP.maxPoolBackward, this.ex.maxPoolBackward, [pdy, pa, pdx, px, batch, inSize, outSize], batch * inSize);
    this.finish(dx, pdx, batch * inSize);
  }

  // --- optimizer updates and inputs -------------------------------------------------------

  sgdStep(w: Float32Array, g: Float32Array, lr: number, n: number): void {
    const pg = this.input(g, n), pw = this.output(w, n, true);
    if (pg < 0 || pw < 0) {
      this.endStaging();
      return jsKernels.sgdStep(w, g, lr, n);
    }
    this.run(OP.sgd, this.ex.sgd, [pw, pg, lr, n], n);
    this.finish(w, pw, n);
  }

  momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, lr: number, mu: number, nesterov: boolean, n: number): void {
    const pg = this.input(g, n), pw = this.output(w, n, true), pv = this.output(v, n, true);
    if (pg < 0 || pw < 0 || pv < 0) {
      this.endStaging();
      return jsKernels.momentumStep(w, g, v, lr, mu, nesterov, n);
    }
    this.run(OP.momentum, this.ex.momentum, [pw, pg, pv, lr, mu, nesterov ? 1 : 0, n], n);
    this.copyBack(v, pv, n);
    this.finish(w, pw, n);
  }

  adamStep(
    w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
    stepSize: number, beta1: number, beta2: number, epsilon: number, n: number,
  ): void {
    const pg = this.input(g, n), pw = this.output(w, n, true), pm = this.output(m, n, true), pv = this.output(v, n, true);
    if (pg < 0 || pw < 0 || pm < 0 || pv < 0) {
      this.endStaging();
      return jsKernels.adamStep(w, g, m, v, stepSize, beta1, beta2, epsilon, n);
    }
    this.run(OP.adam, this.ex.adam, [pw, pg, pm, pv, stepSize, beta1, beta2, epsilon, n], n);
    this.copyBack(m, pm, n);
    this.copyBack(v, pv, n);
    this.finish(w, pw, n);
  }

  gatherImages(set: ImageSet, indices: ArrayLike<number>, from: number, batch: number, out: Float32Array): void {
    const px = set.rows * set.cols, n = batch * px;
    const pb = this.stage(Math.ceil(n / 4)), po = this.output(out, n, false);
    if (pb < 0 || po < 0) {
      this.endStaging();
      return jsKernels.gatherImages(set, indices, from, batch, out);
    }
    const heap = this.heapU8, images = set.images;
    for (let b = 0; b < batch; b++) {
      const src = indices[from + b]! * px;
      heap.set(images.subarray(src, src + px), pb + b * px);
    }
    this.run(OP.bytesToFloats, this.ex.bytesToFloats, [pb, po, 255, n], n);
    this.finish(out, po, n);
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

  /** Copies a staged result back into the caller's array (staging stays in use). */
  private copyBack(a: Float32Array, p: number, n: number): void {
    if (!this.inMemory(a)) a.set(this.heapF32.subarray(p >> 2, (p >> 2) + n));
  }

  private inMemory(a: ArrayBufferView): boolean {
    const b = a.buffer;
    return b === this.buffer || this.oldBuffers.includes(b);
  }

  /** Byte address of n values of `a` in the memory: its own, or a staged copy; −1 if neither fits. */
  private input(a: Float32Array, n: number): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0) this.heapF32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  private inputInts(a: Int32Array, n: number): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0) this.heapI32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  /** Like input, for a result; its current values are copied in only when the kernel reads them. */
  private output(a: Float32Array, n: number, readsIt: boolean): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0 && readsIt) this.heapF32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  private outputInts(a: Int32Array, n: number): number {
    return this.inMemory(a) ? a.byteOffset : this.stage(n);
  }

  /** Copies a staged result back into the caller's array and frees the staging area. */
  private finish(a: Float32Array, p: number, n: number): void {
    if (!this.inMemory(a)) a.set(this.heapF32.subarray(p >> 2, (p >> 2) + n));
    this.endStaging();
  }

  private endStaging(): void {
    this.stageUsed = 0;
  }

  private stage(n: number): number {
    const bytes = Math.ceil((n * 4) / ALIGN) * ALIGN;
    if (this.stageUsed + bytes > this.stageCap) {
      // A new, larger staging area. What this call staged so far stays where it is (the
      // memory is never reused), so its addresses remain valid.
      const cap = Math.max(2 * this.stageCap, bytes, 1 << 16);
      const p = this.allocBytes(cap);
      if (p < 0) return -1;
      this.stagePtr = p;
      this.stageCap = cap;
      this.stageUsed = 0;
    }
    const p = this.stagePtr + this.stageUsed;
    this.stageUsed += bytes;
    return p;
  }

  /** Bump allocation from the linear memory (zero-filled: memory is never reused); −1 when full. */
  private allocBytes(bytes: number): number {
    const p = this.top;
    const end = p + Math.ceil(Math.max(bytes, 1) / ALIGN) * ALIGN;
    const have = this.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      // Grow by at least a quarter, so that many small buffers do not grow it page by page.
      const want = Math.max(pages, Math.ceil(have / PAGE / 4));
      try {
        this.memory.grow(Math.min(want, KERNELS_WASM_MAX_PAGES - have / PAGE));
      } catch {
        try {
          this.memory.grow(pages);
        } catch {
          return -1;
        }
      }
      if (this.memory.buffer.byteLength < end) return -1;
      this.oldBuffers.push(this.buffer);
      this.buffer = this.memory.buffer;
      this.heapF32 = new Float32Array(this.buffer);
      this.heapI32 = new Int32Array(this.buffer);
      this.heapU8 = new Uint8Array(this.buffer);
    }
    this.top = end;
    return p;
  }
}

/** Whether the convolution reads no padding (the direct kernels handle only those). */
function unpadded(g: ConvGeometry): boolean {
  return g.padTop === 0 && g.padLeft === 0 && (g.outH - 1) * g.strideH + g.kh <= g.inH && (g.outW - 1) * g.strideW + g.kw <= g.inW;
}

function directArgs(batch: number, g: ConvGeometry): number[] {
  return [batch, g.inH, g.inW, g.channels, g.kh, g.kw, g.strideH, g.strideW, g.outH, g.outW];
}

function convArgs(from: number, to: number, batch: number, g: ConvGeometry): number[] {
  return [from, to, batch, g.inH, g.inW, g.channels, g.kh, g.kw, g.strideH, g.strideW, g.padTop, g.padLeft, g.outH, g.outW];
}
