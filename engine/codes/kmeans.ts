/**
 * k-means on codes (or raw pixels), with ml-kmeans (MIT): k-means++ starts, Lloyd's
 * iterations, `restarts` independent runs keeping the one of lowest inertia (the sum of
 * squared distances of the samples to their centre), as scikit-learn's `n_init` does. Each
 * run's seed is drawn from the caller's generator, so the result follows from the run's
 * seed and nothing else (ml-kmeans seeds its own xsadd generator from it; never Math.random).
 */
import { kmeans as mlKmeans } from 'ml-kmeans';
import type { Rng } from '../core/rng';

export interface KMeansOptions {
  readonly k: number;
  /** Independent k-means++ runs; the lowest inertia wins (default 10). */
  readonly restarts?: number;
  readonly rng: Rng;
  /** Lloyd iterations per run at most (default 300, as scikit-learn). */
  readonly maxIterations?: number;
  /** After each run. */
  readonly onProgress?: (runsDone: number, runs: number) => void;
}

export interface Clustering {
  /** `[count]` cluster of each sample, 0 … k−1. */
  readonly clusters: Int32Array;
  /** `[k, dim]` centres. */
  readonly centroids: Float32Array;
  readonly inertia: number;
  readonly k: number;
}

export function kmeansClusters(points: Float32Array, count: number, dim: number, opts: KMeansOptions): Clustering {
  const { k } = opts;
  if (!(Number.isInteger(k) && k >= 1 && k <= count)) throw new RangeError(`k-means: k must be from 1 to the ${count} samples (got ${k})`);
  const rows = Array.from({ length: count }, (_, i) => Array.from(points.subarray(i * dim, (i + 1) * dim)));
  const runs = Math.max(1, opts.restarts ?? 10);
  let best: Clustering | null = null;
  for (let r = 0; r < runs; r++) {
    const result = mlKmeans(rows, k, { initialization: 'kmeans++', seed: opts.rng.nextUint32(), maxIterations: opts.maxIterations ?? 300, tolerance: 1e-6 });
    const clusters = Int32Array.from(result.clusters);
    const centroids = new Float32Array(k * dim);
    result.centroids.forEach((c, j) => centroids.set(c, j * dim));
    const inertia = inertiaOf(rows, clusters, result.centroids);
    if (!best || inertia < best.inertia) best = { clusters, centroids, inertia, k };
    opts.onProgress?.(r + 1, runs);
  }
  return best!;
}

function inertiaOf(rows: readonly number[][], clusters: Int32Array, centroids: readonly number[][]): number {
  let sum = 0;
  rows.forEach((row, i) => {
    const c = centroids[clusters[i]!]!;
    for (let d = 0; d < row.length; d++) sum += (row[d]! - c[d]!) ** 2;
  });
  return sum;
}
