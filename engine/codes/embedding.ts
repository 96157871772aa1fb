/**
 * A 2-D picture of codes computed step by step (t-SNE, UMAP), so a worker can post the
 * points as they move and stop between steps: the worker calls `step(n)` in a loop and
 * posts what it returns. The positions follow from the data, the settings and the seed.
 */
export interface ProgressiveEmbedding {
  readonly method: 'tsne' | 'umap';
  readonly count: number;
  /** Steps a full run takes (t-SNE iterations, UMAP epochs). */
  readonly totalSteps: number;
  readonly stepsDone: number;
  readonly done: boolean;
  /** Runs up to `n` more steps (never past `totalSteps`) and returns the positions. */
  step(n: number): Float32Array;
  /** `[count, 2]` positions now (a copy, safe to post to another thread). */
  positions(): Float32Array;
}

/** Runs an embedding to its end, reporting the positions every `every` steps (the CLI, the bench, tests). */
export function runEmbedding(
  e: ProgressiveEmbedding, every = 50, onProgress?: (positions: Float32Array, stepsDone: number, totalSteps: number) => void,
): Float32Array {
  while (!e.done) {
    const positions = e.step(every);
    onProgress?.(positions, e.stepsDone, e.totalSteps);
  }
  return e.positions();
}
