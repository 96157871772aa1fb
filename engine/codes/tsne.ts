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
import { progressive, type ProgressiveEmbedding } from './embedding';

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

export class SeededTsne extends TSNE {
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
    // One pass over the pairs. With q = 1/(1 + d²) and Z = Σ q, the gradient splits into an
    // attractive part Σ p·q·(yi − yj) and a repulsive one Σ q²·(yi − yj) / Z: Z is not needed
    // until the end, so each pair's distance and kernel are computed once.
    const ax = new Float64Array(N), ay = new Float64Array(N), rx = new Float64Array(N), ry = new Float64Array(N);
    let Z = 0, pLogQ = 0;
    for (let i = 0; i < N; i++) {
      const xi = y[2 * i]!, yi = y[2 * i + 1]!, row = i * N;
      let axi = 0, ayi = 0, rxi = 0, ryi = 0;
      for (let j = i + 1; j < N; j++) {
        const ex = xi - y[2 * j]!, ey = yi - y[2 * j + 1]!;
        const q = 1 / (1 + ex * ex + ey * ey), p = P[row + j]!;
        Z += q;
        const pq = p * q, qq = q * q;
        axi += pq * ex;
        ayi += pq * ey;
        rxi += qq * ex;
        ryi += qq * ey;
        ax[j] -= pq * ex;
        ay[j] -= pq * ey;
        rx[j] -= qq * ex;
        ry[j] -= qq * ey;
        if (this.wantCost) pLogQ += p * Math.log(q);
      }
      ax[i] += axi;
      ay[i] += ayi;
      rx[i] += rxi;
      ry[i] += ryi;
    }
    // Both orders of each pair: Z and the library's sums run over i ≠ j; P is symmetric.
    Z *= 2;
    const gx = new Float64Array(N), gy = new Float64Array(N), invZ = 1 / Z;
    for (let i = 0; i < N; i++) {
      gx[i] = 4 * (pmul * ax[i]! - rx[i]! * invZ);
      gy[i] = 4 * (pmul * ay[i]! - ry[i]! * invZ);
    }
    // KL's non-constant part, −Σ p log(q/Z), over both orders of each pair.
    const cost = this.wantCost ? -2 * pLogQ + Math.log(Z) * 2 * sumUpper(P, N) : 0;
    const grad: number[][] = new Array(N);
    for (let i = 0; i < N; i++) grad[i] = [gx[i]!, gy[i]!];
    return { cost, grad };
  }
}

function sumUpper(P: Float64Array, N: number): number {
  let s = 0;
  for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) s += P[i * N + j]!;
  return s;
}

export function tsneEmbedding(values: Float32Array, count: number, dim: number, opts: TsneOptions): ProgressiveEmbedding {
  if (count < 2) throw new RangeError('t-SNE needs at least two codes');
  if (count > MAX_TSNE_POINTS) throw new RangeError(`t-SNE takes at most ${MAX_TSNE_POINTS} codes (got ${count})`);
  const perplexity = Math.max(1, Math.min(opts.perplexity ?? 30, (count - 1) / 3));
  const totalSteps = opts.iterations ?? 1000;
  const tsne = new SeededTsne({ perplexity, dim: 2, epsilon: opts.learningRate ?? 10 }, opts.rng);
  tsne.initDataRaw(Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dim, (i + 1) * dim))));
  return progressive('tsne', count, totalSteps, () => { tsne.step(); }, () => tsne.getSolution() as number[][]);
}
