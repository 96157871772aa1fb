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

/** Rows of `[x, y]` as the libraries keep them, into the `[count, 2]` layout. */
function flatPositions(rows: readonly (readonly number[])[], count: number): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[2 * i] = rows[i]![0]!;
    out[2 * i + 1] = rows[i]![1]!;
  }
  return out;
}

/**
 * A library's step-by-step optimiser as a {@link ProgressiveEmbedding}: `advance` runs one
 * step (a t-SNE iteration, a UMAP epoch), `solution` gives the rows of positions now.
 */
export function progressive(
  method: ProgressiveEmbedding['method'], count: number, totalSteps: number,
  advance: () => void, solution: () => readonly (readonly number[])[],
): ProgressiveEmbedding {
  let stepsDone = 0;
  const positions = (): Float32Array => flatPositions(solution(), count);
  return {
    method, count, totalSteps,
    get stepsDone() {
      return stepsDone;
    },
    get done() {
      return stepsDone >= totalSteps;
    },
    step(n) {
      const end = Math.min(totalSteps, stepsDone + Math.max(0, Math.floor(n)));
      for (; stepsDone < end; stepsDone++) advance();
      return positions();
    },
    positions,
  };
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
