/**
 * t-SNE of codes with @keckelt/tsne (MIT; Karpathy's tsnejs in TypeScript): its
 * perplexity calibration and its optimiser (momentum, gains, early exaggeration), with two
 * changes made by subclassing rather than forking it. Its random start comes from our
 * generator instead of Math.random, so the picture follows from the seed; and its
 * cost-and-gradient pass is replaced by one over typed arrays that visits each pair once
 * and skips the cost unless asked (the library's allocates two N×N arrays and takes N² logs
 * at every iteration: 2,000 codes took 170 ms per iteration; this takes a few).
 *
 * Exact t-SNE keeps N×N matrices, so it is for a few thousand codes (MAX_TSNE_POINTS).
 * t-SNE keeps neighbours together but distorts distances and cluster sizes: the picture's
 * gaps and sizes mean little.
 */
import { TSNE } from '@keckelt/tsne';
import type { Rng } from '../core/rng';
import type { ProgressiveEmbedding } from './embedding';

/** Most codes one t-SNE takes: its P matrix alone is N² doubles (3,000 → 72 MB). */
export const MAX_TSNE_POINTS = 3000;

export interface TsneOptions {
  /** Roughly how many neighbours each point keeps close (default 30; at most a third of the points). */
  readonly perplexity?: number;
  /** Learning rate (the library's epsilon, default 10). */
  readonly learningRate?: number;
  /** Iterations of a full run (default 1,000). */
  readonly iterations?: number;
  readonly rng: Rng;
}

interface TsneInternals { N: number; P: Float64Array; iter: number; dim: number; Y: number[][] }

class SeededTsne extends TSNE {
  private rows = new Float64Array(0);
  wantCost = false;

  constructor(opt: object, private readonly rng: Rng) {
    super(opt);
  }

  override gaussRandom(): number {
    return this.rng.normal();
  }

  /** The library's gradient (same formula, same exaggeration), each pair visited once. */
  override costGrad(Y: number[][]): { cost: number; grad: number[][] } {
    const self = this as unknown as TsneInternals;
    const N = self.N, P = self.P, pmul = self.iter < 100 ? 4 : 1;
    if (this.rows.length !== 2 * N) this.rows = new Float64Array(2 * N);
    const y = this.rows;
    for (let i = 0; i < N; i++) {
      y[2 * i] = Y[i]![0]!;
      y[2 * i + 1] = Y[i]![1]!;
    }
    // Two passes over the pairs, the kernel q recomputed rather than stored: an N×N array costs more in memory traffic.
    let qsum = 0;
    for (let i = 0; i < N; i++) {
      const xi = y[2 * i]!, yi = y[2 * i + 1]!;
      for (let j = i + 1; j < N; j++) {
        const dx = xi - y[2 * j]!, dy = yi - y[2 * j + 1]!;
        qsum += 1 / (1 + dx * dx + dy * dy);
      }
    }
    qsum *= 2;
    const gx = new Float64Array(N), gy = new Float64Array(N), inv = 1 / qsum;
    let cost = 0;
    for (let i = 0; i < N; i++) {
      const xi = y[2 * i]!, yi = y[2 * i + 1]!, row = i * N;
      let gxi = 0, gyi = 0;
      for (let j = i + 1; j < N; j++) {
        const ex = xi - y[2 * j]!, ey = yi - y[2 * j + 1]!;
        const q = 1 / (1 + ex * ex + ey * ey), Q = q * inv;
        // P is symmetric: the pair's two terms of the library's sum are equal.
        const p = P[row + j]!;
        const m = 4 * (pmul * p - Q) * q;
        const dx = m * ex, dy = m * ey;
        gxi += dx;
        gyi += dy;
        gx[j] -= dx;
        gy[j] -= dy;
        if (this.wantCost) cost -= 2 * p * Math.log(Math.max(Q, 1e-100));
      }
      gx[i] += gxi;
      gy[i] += gyi;
    }
    const grad: number[][] = new Array(N);
    for (let i = 0; i < N; i++) grad[i] = [gx[i]!, gy[i]!];
    return { cost, grad };
  }
}

export function tsneEmbedding(values: Float32Array, count: number, dim: number, opts: TsneOptions): ProgressiveEmbedding {
  if (count < 2) throw new RangeError('t-SNE needs at least two codes');
  if (count > MAX_TSNE_POINTS) throw new RangeError(`t-SNE takes at most ${MAX_TSNE_POINTS} codes (got ${count})`);
  const perplexity = Math.max(1, Math.min(opts.perplexity ?? 30, (count - 1) / 3));
  const totalSteps = opts.iterations ?? 1000;
  const tsne = new SeededTsne({ perplexity, dim: 2, epsilon: opts.learningRate ?? 10 }, opts.rng);
  tsne.initDataRaw(Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dim, (i + 1) * dim))));
  let stepsDone = 0;
  const positions = (): Float32Array => {
    const Y = tsne.getSolution() as number[][];
    const out = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      out[2 * i] = Y[i]![0]!;
      out[2 * i + 1] = Y[i]![1]!;
    }
    return out;
  };
  return {
    method: 'tsne', count, totalSteps,
    get stepsDone() {
      return stepsDone;
    },
    get done() {
      return stepsDone >= totalSteps;
    },
    step(n) {
      const end = Math.min(totalSteps, stepsDone + Math.max(0, Math.floor(n)));
      for (; stepsDone < end; stepsDone++) tsne.step();
      return positions();
    },
    positions,
  };
}
