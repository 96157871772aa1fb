/**
 * Helper threads for the WebAssembly kernels on Node (and Electron's Node): plain
 * `worker_threads` running the engine's worker program on the backend's shared memory.
 *
 *   const threads = nodeKernelThreads();          // every core: os.availableParallelism()
 *   await train(network, data, config, rng, { threads });
 *
 * A count of 1 means no helpers (the training thread works alone). Helpers are unref'd:
 * they never keep a process alive, and they sleep (Atomics.wait) when there is no work.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KernelThreads } from '../core/kernels';

/** The number of threads training uses by default: every core the machine offers. */
export function defaultThreadCount(): number {
  return Math.max(1, os.availableParallelism());
}

export function nodeKernelThreads(count = defaultThreadCount()): KernelThreads {
  const total = Math.max(1, Math.floor(count));
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
        workers.push(worker);
      }
      return {
        stop() {
          for (const w of workers) void w.terminate();
        },
      };
    },
  };
}
