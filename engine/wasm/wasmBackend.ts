/**
 * What every kernel of the WebAssembly backend (wasmKernels.ts) runs on: the module
 * instantiated on the backend's own shared memory (wasmArena.ts), the scratch areas, the
 * helper threads (threadTeam.ts), and the two ways a kernel is run: split into chunks
 * across the threads (`run`) or as a sum whose partial sums are added in a fixed order
 * (`reduce`).
 */
import type { KernelThreads } from '../core/kernels';
import { PARALLEL_MIN_MACS, PARALLEL_MIN_VALUES } from './dispatch';
import { PinnedInputs } from './pinnedInputs';
import { CONTROL_BYTES, ThreadTeam } from './threadTeam';
import { WasmArena } from './wasmArena';
import { OP, OPS, type Exports, type K } from './wasmExports';
import { wasmApi } from './wasmModule';

export abstract class WasmBackend {
  protected readonly mem = new WasmArena();
  protected readonly pinned = new PinnedInputs(this.mem);
  protected readonly ex: Exports;
  protected scratch: number;
  private scratchSlots = 1;
  private team: ThreadTeam | null = null;
  /** Where reductions write their partial sums (float64), and how many fit. */
  private partials = 0;
  private partialSlots = 0;
  private sums: Float64Array | null = null;
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

  // --- plumbing ---------------------------------------------------------------------------

  /**
   * A sum over n values (loss, squared error): the kernel writes one float64 per block of
   * 256 values, and the last n mod 4 values' sum after them, in shares of whole blocks;
   * adding them here in order gives the same bits on any number of threads. Null, running
   * nothing, when there is no memory left for the partial sums.
   */
  protected reduce(op: number, fn: K, args: number[], n: number): number | null {
    const slots = (((n & ~3) + 255) >> 8) + 1;
    if (slots > this.partialSlots) {
      const p = this.mem.allocBytes(slots * 8);
      if (p < 0) return null; // the memory cannot grow: the caller falls back to the scalar kernel
      this.partials = p;
      this.partialSlots = slots;
    }
    args.push(this.partials);
    this.run(op, fn, args, n);
    // A view per memory buffer (growing the memory replaces it), not per call.
    if (this.sums?.buffer !== this.mem.heapF32.buffer || this.sums.byteOffset !== this.partials || this.sums.length < slots) {
      this.sums = new Float64Array(this.mem.heapF32.buffer, this.partials, this.partialSlots);
    }
    const sums = this.sums;
    let total = 0;
    for (let i = 0; i < slots; i++) total += sums[i]!;
    return total;
  }

  /**
   * Runs `fn` on this thread, or in chunks shared with the helper threads when the job is
   * big enough (`work`: multiply-adds for products, values touched otherwise).
   */
  protected run(op: number, fn: K, args: number[], work: number, chunksPerThread?: number): void {
    const team = this.team;
    const product = op === OP.gemm || op === OP.gemmTNSparse || op === OP.gemmNTSparse || op === OP.gemmNTMasked ||
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
