/**
 * Helper threads for the WebAssembly kernels on Node (and Electron's Node): plain
 * `worker_threads` running the engine's worker program on the backend's shared memory.
 *
 *   const threads = nodeKernelThreads();          // every core: os.availableParallelism()
 *   const threads = nodeKernelThreads(trainingThreadCount(null));  // the app's automatic count
 *   await train(network, data, config, rng, { threads });
 *
 * A count of 1 means no helpers (the training thread works alone). Helpers are unref'd:
 * they never keep a process alive, and they sleep (Atomics.wait) when there is no work.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KernelThreads } from '../core/kernels';

/** Every core the machine offers: the bench's and the CLI's default (the app's is `automaticThreadCount`). */
export function defaultThreadCount(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * The threads the app trains with when the user leaves the setting on automatic: on a
 * machine with more than two cores, one is left to the main process and the window so
 * charts and buttons stay responsive during a run; with one or two cores, keeping one
 * back would halve (or stop) training for little gain in smoothness. The bench and the
 * CLI have no window to keep responsive: they use `defaultThreadCount()`.
 */
export function automaticThreadCount(cores: number): number {
  const n = Number.isFinite(cores) ? Math.max(1, Math.floor(cores)) : 1;
  return n <= 2 ? n : n - 1;
}

/**
 * The threads a training run in the app uses: automatic when `requested` is null, else
 * the requested count clamped to 1..2×cores. More threads than cores only makes them
 * take turns; a little more is allowed (cores reported without hyper-threads, curious
 * students), but not 64 threads on a two-core laptop.
 */
export function trainingThreadCount(requested: number | null, cores = defaultThreadCount()): number {
  const n = Number.isFinite(cores) ? Math.max(1, Math.floor(cores)) : 1;
  if (requested === null || !Number.isFinite(requested)) return automaticThreadCount(n);
  return Math.min(2 * n, Math.max(1, Math.floor(requested)));
}

/** Node's helper threads, plus a way to wait until every one started has ended. */
export interface NodeKernelThreads extends KernelThreads {
  /**
   * Resolves once every helper started so far has exited. A thread that is itself a
   * worker (the app's training worker) must await this after its run before it may be
   * terminated: Node's main thread keeps a message port for every nested worker until
   * that worker's exit is reported, and a helper still exiting when its parent is
   * terminated is never reported, so its port would stay in the main process for good.
   */
  exited(): Promise<void>;
}

export function nodeKernelThreads(count = defaultThreadCount()): NodeKernelThreads {
  const total = Math.max(1, Math.floor(count));
  const exits = new Set<Promise<void>>();
  return {
    count: total,
    start(source, data) {
      const workers: Worker[] = [];
      for (let index = 1; index < total; index++) {
        const worker = new Worker(`const { workerData } = require('node:worker_threads');\n(${source})(workerData);`, {
          eval: true,
          workerData: { ...data, index },
        });
        // A helper that fails to start never reports ready: the kernels then run on the
        // training thread alone. The error is not worth crashing the process for.
        worker.on('error', () => {});
        worker.unref();
        const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        exits.add(exit);
        void exit.then(() => exits.delete(exit));
        workers.push(worker);
      }
      return {
        stop() {
          for (const w of workers) void w.terminate();
        },
      };
    },
    async exited() {
      while (exits.size > 0) await Promise.all([...exits]);
    },
  };
}
