/**
 * Runs WebAssembly kernels on several threads that share one WebAssembly memory.
 *
 * The calling thread and `count − 1` helpers each instantiate the same module on the same
 * shared memory. A job (a kernel and its arguments) is cut into chunks — disjoint parts
 * of its output — and every thread, the caller included, claims chunks one at a time
 * from an atomic counter until none are left. A helper that is asleep or descheduled
 * (the machine is busy, the UI is drawing) therefore never holds the caller up: the
 * caller simply does the remaining chunks itself, and waits only for chunks a helper has
 * already started. Since every chunk computes its outputs with the same arithmetic
 * whoever runs it, results never depend on the threads.
 *
 * Control block (int32 slots in the shared memory): SEQ is bumped for every job (helpers
 * wait on it); CLAIM holds the job's 16-bit tag and the next chunk to claim; DONE counts
 * finished chunks. Waiting is a short spin, then `Atomics.wait`, so idle helpers sleep.
 *
 * Helpers are started by a `KernelThreads` (engine/node/threads.ts on Node), which runs
 * KERNEL_WORKER_SOURCE below: plain JavaScript, so it needs no loader or bundler.
 */
import type { KernelThreads } from '../core/kernels';

const SEQ = 0, OP = 1, CHUNKS = 2, NARGS = 3, READY = 4, DONE = 5, FAILED = 6, CLAIM = 7;
/** The control block: 16 int32 slots, then up to 24 float64 arguments. */
export const CONTROL_BYTES = 64 + 24 * 8;
/** Spin iterations before sleeping (some tens of microseconds). */
const SPIN = 100000;
/** No chunk finished for this long: a helper has died. */
const STALL_MS = 30_000;

/**
 * The helper thread's program: `function (data)`, data = { module, memory, control, ops,
 * index, spin }. Kernels are called as fn(...args, chunk, chunks, threadIndex).
 */
export const KERNEL_WORKER_SOURCE = `function kernelWorker(data) {
  const { module, memory, control, ops, index, spin } = data;
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
    for (;;) {
      const claim = Atomics.load(i32, ${CLAIM});
      if ((claim >>> 16) !== tag) break;
      if (i32[${OP}] < 0) return;
      const chunk = claim & 0xffff;
      if (chunk >= i32[${CHUNKS}]) break;
      if (Atomics.compareExchange(i32, ${CLAIM}, claim, claim + 1) !== claim) continue;
      // The job cannot finish (nor another be posted) before this chunk is done: its
      // kernel and arguments are stable from here on.
      const op = i32[${OP}], chunks = i32[${CHUNKS}];
      try {
        const nargs = i32[${NARGS}];
        args.length = 0;
        for (let k = 0; k < nargs; k++) args.push(f64[k]);
        args.push(chunk, chunks, index);
        fns[op].apply(null, args);
      } catch (e) {
        Atomics.store(i32, ${FAILED}, 1);
      }
      Atomics.add(i32, ${DONE}, 1);
      Atomics.notify(i32, ${DONE});
    }
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
    this.handle = threads.start(KERNEL_WORKER_SOURCE, { module, memory, control, ops, spin: SPIN });
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
    for (;;) {
      const claim = Atomics.load(i32, CLAIM);
      const chunk = claim & 0xffff;
      if (chunk >= chunks) break;
      if (Atomics.compareExchange(i32, CLAIM, claim, claim + 1) !== claim) continue;
      args[n] = chunk;
      try {
        fn.apply(null, args);
      } catch (e) {
        error ??= e;
      }
      Atomics.add(i32, DONE, 1);
    }
    this.join(chunks);
    if (error) throw error;
    if (i32[FAILED] !== 0) throw new Error('a kernel failed on a helper thread');
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
