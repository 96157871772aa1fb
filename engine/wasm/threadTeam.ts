/**
 * Runs WebAssembly kernels on several threads that share one WebAssembly memory.
 *
 * The calling thread and `count − 1` helpers each instantiate the same module on the same
 * shared memory. A job (a kernel and its arguments) is cut into chunks — disjoint parts
 * of its output — and every thread, the caller included, claims chunks one at a time
 * until none are left. Up to 16 chunks, the claims are bits of one word and thread t
 * first claims its own chunks (t, t + count, …), then takes what is left, last first:
 * so the same thread keeps doing the same share of a weight matrix — its forward slice,
 * its gradient rows, its update — and the matrix's cache lines stay in that core's cache
 * instead of moving between cores on every batch. More chunks are claimed in order from
 * a counter. A helper that is asleep or descheduled
 * (the machine is busy, the UI is drawing) therefore never holds the caller up: the
 * caller simply does the remaining chunks itself, and waits only for chunks a helper has
 * already started. Since every chunk computes its outputs with the same arithmetic
 * whoever runs it, results never depend on the threads.
 *
 * Control block (int32 slots in the shared memory): SEQ is bumped for every job (helpers
 * wait on it); CLAIM holds the job's 16-bit tag and, below it, the claimed chunks' bits
 * (or, over 16 chunks, the next chunk to claim); DONE counts
 * finished chunks. Waiting is a short spin, then `Atomics.wait`, so idle helpers sleep.
 *
 * Helpers are started by a `KernelThreads` (engine/node/threads.ts on Node), which runs
 * KERNEL_WORKER_SOURCE below: plain JavaScript, so it needs no loader or bundler.
 */
import type { KernelThreads } from '../core/kernels';

const SEQ = 0, OP = 1, CHUNKS = 2, NARGS = 3, READY = 4, DONE = 5, FAILED = 6, CLAIM = 7;
/** The control block: 16 int32 slots, then up to 24 float64 arguments. */
export const CONTROL_BYTES = 64 + 24 * 8;
/**
 * Spin iterations before sleeping: about 5 ms on the benchmark machine. A helper woken from
 * Atomics.wait comes back late (tens of microseconds or more in a virtual machine), and
 * the caller then does that job alone: with a spin of a tenth of this, mlp's epoch varied
 * from 156,000 to 193,000 samples/s between runs; with this one, 188,000–194,000.
 */
const SPIN = 1_000_000;
/** No chunk finished for this long: a helper has died. */
const STALL_MS = 30_000;
/** Jobs of up to this many chunks are claimed by bits, each thread its own chunks first. */
const MASK_CHUNKS = 16;

/**
 * The helper thread's program: `function (data)`, data = { module, memory, control, ops,
 * index, count, spin }. Kernels are called as fn(...args, chunk, chunks, threadIndex).
 */
export const KERNEL_WORKER_SOURCE = `function kernelWorker(data) {
  const { module, memory, control, ops, index, count, spin } = data;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const fns = ops.map((name) => instance.exports[name]);
  const i32 = new Int32Array(memory.buffer, control, 16);
  const f64 = new Float64Array(memory.buffer, control + 64, 24);
  const args = [];
  let seen = Atomics.load(i32, ${SEQ});
  Atomics.add(i32, ${READY}, 1);
  for (;;) {
    let s = Atomics.load(i32, ${SEQ}), n = 0;
    while (s === seen) {
      if (++n > spin) {
        Atomics.wait(i32, ${SEQ}, seen);
        n = 0;
      }
      s = Atomics.load(i32, ${SEQ});
    }
    seen = s;
    const tag = s & 0xffff;
    const first = Atomics.load(i32, ${CLAIM});
    if ((first >>> 16) !== tag) continue;
    if (i32[${OP}] < 0) return;
    const chunks = i32[${CHUNKS}];
    if (chunks <= ${MASK_CHUNKS}) {
      // Own chunks first, then the others' from their end (their owners start at the front).
      let over = false;
      for (let c = index; c < chunks && !over; c += count) {
        const got = claimBit(c);
        if (got < 0) over = true;
        else if (got > 0) runChunk(c, chunks);
      }
      for (let c = chunks - 1; c >= 0 && !over; c--) {
        const got = claimBit(c);
        if (got < 0) over = true;
        else if (got > 0) runChunk(c, chunks);
      }
      continue;
    }
    for (;;) {
      const claim = Atomics.load(i32, ${CLAIM});
      if ((claim >>> 16) !== tag) break;
      const chunk = claim & 0xffff;
      if (chunk >= chunks) break;
      if (Atomics.compareExchange(i32, ${CLAIM}, claim, claim + 1) !== claim) continue;
      runChunk(chunk, chunks);
    }
  }

  /** 1: claimed chunk c; 0: someone else had it; −1: the job is over. */
  function claimBit(c) {
    const bit = 1 << c;
    for (;;) {
      const claim = Atomics.load(i32, ${CLAIM});
      if ((claim >>> 16) !== (seen & 0xffff)) return -1;
      if ((claim & bit) !== 0) return 0;
      if (Atomics.compareExchange(i32, ${CLAIM}, claim, claim | bit) === claim) return 1;
    }
  }

  // The job cannot finish (nor another be posted) before a claimed chunk is done: its
  // kernel and arguments are stable until then.
  function runChunk(chunk, chunks) {
    try {
      const nargs = i32[${NARGS}];
      args.length = 0;
      for (let k = 0; k < nargs; k++) args.push(f64[k]);
      args.push(chunk, chunks, index);
      fns[i32[${OP}]].apply(null, args);
    } catch (e) {
      Atomics.store(i32, ${FAILED}, 1);
    }
    Atomics.add(i32, ${DONE}, 1);
    Atomics.notify(i32, ${DONE});
  }
}`;

export class ThreadTeam {
  readonly count: number;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly handle: { stop(): void };
  private isReady = false;
  private canWait = true;
  private seq = 0;

  constructor(
    threads: KernelThreads, module: unknown, memory: { readonly buffer: ArrayBufferLike }, control: number,
    ops: readonly string[],
  ) {
    this.count = threads.count;
    this.i32 = new Int32Array(memory.buffer, control, 16);
    this.f64 = new Float64Array(memory.buffer, control + 64, 24);
    this.handle = threads.start(KERNEL_WORKER_SOURCE, { module, memory, control, ops, count: threads.count, spin: SPIN });
  }

  /** Whether at least one helper is running (until then the caller does all the work). */
  ready(): boolean {
    if (!this.isReady) this.isReady = Atomics.load(this.i32, READY) > 0;
    return this.isReady;
  }

  /**
   * Runs `fn(...args, chunk, chunks, 0)` for every chunk < chunks, shared with the helpers
   * (which call the kernel numbered `op` with the same arguments).
   */
  run(op: number, fn: (...a: number[]) => void, args: number[], chunks: number): void {
    const i32 = this.i32, f64 = this.f64;
    const tag = (this.seq = (this.seq + 1) & 0xffff);
    // Close the claims first: a helper still looking at the previous job (with a claim word
    // it read earlier) must fail its compare-and-swap before anything of this job is written.
    Atomics.store(i32, CLAIM, (tag << 16) | 0xffff);
    for (let k = 0; k < args.length; k++) f64[k] = args[k]!;
    i32[OP] = op;
    i32[CHUNKS] = chunks;
    i32[NARGS] = args.length;
    Atomics.store(i32, DONE, 0);
    Atomics.store(i32, CLAIM, tag << 16);
    Atomics.store(i32, SEQ, tag);
    Atomics.notify(i32, SEQ);
    const n = args.length;
    args.push(0, chunks, 0);
    let error: unknown = null;
    const runChunk = (chunk: number): void => {
      args[n] = chunk;
      try {
        fn.apply(null, args);
      } catch (e) {
        error ??= e;
      }
      Atomics.add(i32, DONE, 1);
    };
    if (chunks <= MASK_CHUNKS) {
      // As the helpers do: this thread's own chunks (0, count, …), then the rest from the end.
      for (let c = 0; c < chunks; c += this.count) if (this.claimBit(tag, c)) runChunk(c);
      for (let c = chunks - 1; c >= 0; c--) if (this.claimBit(tag, c)) runChunk(c);
    } else {
      for (;;) {
        const claim = Atomics.load(i32, CLAIM);
        const chunk = claim & 0xffff;
        if (chunk >= chunks) break;
        if (Atomics.compareExchange(i32, CLAIM, claim, claim + 1) !== claim) continue;
        runChunk(chunk);
      }
    }
    this.join(chunks);
    if (error) throw error;
    if (i32[FAILED] !== 0) throw new Error('a kernel failed on a helper thread');
  }

  /** Claims chunk c of the job `tag` for this thread; false if another thread has it. */
  private claimBit(tag: number, c: number): boolean {
    const i32 = this.i32, bit = 1 << c;
    for (;;) {
      const claim = Atomics.load(i32, CLAIM);
      if ((claim >>> 16) !== tag || (claim & bit) !== 0) return false;
      if (Atomics.compareExchange(i32, CLAIM, claim, claim | bit) === claim) return true;
    }
  }

  /** Waits until every chunk is finished (only chunks helpers have started can be pending). */
  private join(chunks: number): void {
    const i32 = this.i32;
    let spins = 0, done: number, last = -1, since = Date.now();
    while ((done = Atomics.load(i32, DONE)) !== chunks) {
      if (++spins > SPIN) {
        spins = 0;
        if (this.canWait) {
          try {
            Atomics.wait(i32, DONE, done, 50);
          } catch {
            this.canWait = false; // a browser's main thread may not block: keep spinning
          }
        }
        // A helper that has stopped mid-chunk (killed from outside) would hang training for good.
        if (done !== last) {
          last = done;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          throw new Error('a helper thread stopped responding');
        }
      }
    }
  }

  stop(): void {
    const i32 = this.i32;
    const tag = (this.seq = (this.seq + 1) & 0xffff);
    i32[OP] = -1;
    Atomics.store(i32, CLAIM, tag << 16);
    Atomics.store(i32, SEQ, tag);
    Atomics.notify(i32, SEQ);
    this.handle.stop();
  }
}
