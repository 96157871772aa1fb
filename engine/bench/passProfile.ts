/**
 * Where an epoch's time goes (`npm run bench -- --profile`): every op's forward and backward
 * pass, and every kernel call by name and shape, timed around the call. A kernel call is
 * synchronous (helper threads included: the caller waits for every chunk), so the time
 * around it is the time it cost the run. What no op or kernel accounts for — shuffling,
 * the per-batch event, the training metric — is the rest of the loop.
 *
 * The timers cost about a microsecond per call (two clock reads); the workloads' calls
 * take 10–1,000 µs, so the profile's epoch is a few per cent slower than a plain one and
 * its own epoch time is reported beside the figures, never instead of the plain bench's.
 */
import { nowMs } from '../core/clock';
import type { Kernels } from '../core/kernels';
import type { Network } from '../model/network';

export interface ProfileRow {
  /** `Dense[1] forward`, or a kernel with its shape: `gemm 64×784×100`. */
  what: string;
  calls: number;
  ms: number;
}

export interface PassProfile {
  /** The profiled batch loop's own time (slower than a plain run's by the timers' cost). */
  loopMs: number;
  /** Per op and pass, in network order (forward, then backward). */
  passes: ProfileRow[];
  /** Per kernel and shape, most expensive first. */
  kernels: ProfileRow[];
}

/** Products are named by their M×K×N; other kernels by their name alone. */
const SHAPED = new Set(['gemm', 'gemmTransA', 'gemmTransB']);

class Tally {
  private readonly rows = new Map<string, ProfileRow>();
  /** Set when the timed loop starts and cleared when it ends: set-up and the after-epoch measurement are not the loop's. */
  on = false;
  add(what: string, ms: number): void {
    if (!this.on) return;
    const row = this.rows.get(what);
    if (row) {
      row.calls++;
      row.ms += ms;
    } else this.rows.set(what, { what, calls: 1, ms });
  }
  list(): ProfileRow[] {
    return [...this.rows.values()].map((r) => ({ ...r, ms: Math.round(r.ms * 100) / 100 }));
  }
}

/**
 * Kernels that time every call into `tally`. The calls run on the real backend object
 * (`this` is the target), so its private state is untouched.
 */
function timedKernels(kernels: Kernels, tally: Tally): Kernels {
  // One wrapper per method, made once: the timers should cost a call as little as they can.
  const wrappers = new Map<string, unknown>();
  return new Proxy(kernels, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let wrapper = wrappers.get(key);
      if (!wrapper) {
        const fn = value as (...args: unknown[]) => unknown;
        wrapper = key === 'floats' || key === 'ints' ? fn.bind(target) : (...args: unknown[]) => {
          const t = nowMs();
          const result = fn.apply(target, args);
          tally.add(SHAPED.has(key) ? `${key} ${args[3]}×${args[4]}×${args[5]}` : key, nowMs() - t);
          return result;
        };
        wrappers.set(key, wrapper);
      }
      return wrapper;
    },
  });
}

/**
 * Times `network`'s ops from now on. Call before training, with the kernels the network
 * was built on wrapped by {@link profiledKernels} (ops keep the kernels they were built with).
 */
export function profileNetwork(network: Network, tally: Tally): void {
  network.layers.forEach((layer, li) => {
    for (const op of layer.ops) {
      const name = `${layer.name}${layer.ops.length > 1 ? `/${op.constructor.name}` : ''}`;
      const forward = op.forward.bind(op), backward = op.backward.bind(op);
      op.forward = (x, batch, opts) => {
        const t = nowMs();
        const y = forward(x, batch, opts);
        tally.add(`${li} ${name} forward`, nowMs() - t);
        return y;
      };
      op.backward = (dOut, freshGrads) => {
        const t = nowMs();
        const dx = backward(dOut, freshGrads);
        tally.add(`${li} ${name} backward`, nowMs() - t);
        return dx;
      };
    }
  });
}

/** A profiler: the kernels to build the network on, then `attach(network)` and `result()`. */
export function passProfiler(kernels: Kernels): {
  kernels: Kernels; attach(network: Network): void; start(): void; stop(): void; result(loopMs: number): PassProfile;
} {
  const kernelTally = new Tally(), passTally = new Tally();
  return {
    start: () => (kernelTally.on = passTally.on = true),
    stop: () => (kernelTally.on = passTally.on = false),
    kernels: timedKernels(kernels, kernelTally),
    attach: (network) => profileNetwork(network, passTally),
    result: (loopMs) => {
      const passes = passTally.list();
      const order = (r: ProfileRow) => Number(r.what.split(' ')[0]) * 2 + (r.what.endsWith('backward') ? 1 : 0);
      // Forward passes in network order, then backward in the order they run (last layer first).
      passes.sort((a, b) => {
        const fa = a.what.endsWith('forward'), fb = b.what.endsWith('forward');
        if (fa !== fb) return fa ? -1 : 1;
        return fa ? order(a) - order(b) : order(b) - order(a);
      });
      return { loopMs: Math.round(loopMs), passes, kernels: kernelTally.list().sort((a, b) => b.ms - a.ms) };
    },
  };
}
