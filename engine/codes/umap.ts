/**
 * UMAP of codes with umap-js (Apache-2.0, PAIR's port): nearest neighbours by NN-descent,
 * then its optimisation epoch by epoch (`initializeFit`, `step`), fed our generator as its
 * random function so the picture follows from the seed.
 */
import { UMAP } from 'umap-js';
import type { Rng } from '../core/rng';
import { progressive, type ProgressiveEmbedding } from './embedding';

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
  return progressive('umap', count, totalSteps, () => { umap.step(); }, () => umap.getEmbedding());
}
