/**
 * UMAP of codes with umap-js (Apache-2.0, PAIR's port): nearest neighbours by NN-descent,
 * then its optimisation epoch by epoch (`initializeFit`, `step`), fed our generator as its
 * random function so the picture follows from the seed.
 */
import { UMAP } from 'umap-js';
import type { Rng } from '../core/rng';
import type { ProgressiveEmbedding } from './embedding';

export interface UmapOptions {
  /** Neighbours each point's fuzzy neighbourhood spans (default 15; fewer than the points). */
  readonly neighbors?: number;
  /** How tightly points may pack in the picture (default 0.1). */
  readonly minDist?: number;
  /** Optimisation epochs (default: umap-js's choice, 500 for small sets, 200 for large). */
  readonly epochs?: number;
  readonly rng: Rng;
}

export function umapEmbedding(values: Float32Array, count: number, dim: number, opts: UmapOptions): ProgressiveEmbedding {
  if (count < 3) throw new RangeError('UMAP needs at least three codes');
  const rng = opts.rng;
  const umap = new UMAP({
    nComponents: 2, nNeighbors: Math.max(2, Math.min(opts.neighbors ?? 15, count - 1)), minDist: opts.minDist ?? 0.1,
    random: () => rng.next(), ...(opts.epochs ? { nEpochs: opts.epochs } : {}),
  });
  const totalSteps = umap.initializeFit(Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dim, (i + 1) * dim))));
  let stepsDone = 0;
  const positions = (): Float32Array => {
    const e = umap.getEmbedding();
    const out = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      out[2 * i] = e[i]![0]!;
      out[2 * i + 1] = e[i]![1]!;
    }
    return out;
  };
  return {
    method: 'umap', count, totalSteps,
    get stepsDone() {
      return stepsDone;
    },
    get done() {
      return stepsDone >= totalSteps;
    },
    step(n) {
      const end = Math.min(totalSteps, stepsDone + Math.max(0, Math.floor(n)));
      for (; stepsDone < end; stepsDone++) umap.step();
      return positions();
    },
    positions,
  };
}
