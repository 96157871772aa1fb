/**
 * t-SNE of codes with @keckelt/tsne (MIT; Karpathy's tsnejs in TypeScript): its
 * perplexity calibration and its optimiser (momentum, gains, early exaggeration), with two
 * changes made by subclassing rather than forking it. Its random start comes from our
 * generator instead of Math.random, so the picture follows from the seed; and its
 * cost-and-gradient pass is replaced by one pass over the pairs in float32 (tsneForces.ts),
 * on WebAssembly SIMD where it runs, that skips the cost unless asked (the library's
 * allocates two N×N arrays and takes N² logs at every iteration: 2,000 codes took 170 ms per
 * iteration; the scalar pass takes 12 ms, the SIMD one a few).
 *
 * Exact t-SNE keeps N×N matrices, so it is for a few thousand codes (MAX_TSNE_POINTS).
 * t-SNE keeps neighbours together but distorts distances and cluster sizes: the picture's
 * gaps and sizes mean little.
 */
import { TSNE } from '@keckelt/tsne';
import type { Rng } from '../core/rng';
import type { KernelThreads } from '../core/kernels';
import { createWasmKernels, type WasmKernels } from '../wasm/wasmKernels';
import { progressive, type ProgressiveEmbedding } from './embedding';
import { tsneForcesJs, tsneGradient } from './tsneForces';

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
  /** The pass runs on WebAssembly SIMD where it can (default); 'js' forces the scalar pass. */
  readonly backend?: 'wasm' | 'js';
  /** Helper threads for the pass (the codes worker's; none by default). */
  readonly threads?: KernelThreads;
}

interface TsneInternals { N: number; P: Float64Array; iter: number }

export class SeededTsne extends TSNE {
  wantCost = false;
  private buffers: { xs: Float32Array; ys: Float32Array; P: Float32Array; sums: Float32Array } | null = null;

  /** `kernels`: the WebAssembly backend whose memory holds the pass's arrays (null: the scalar pass). */
  constructor(opt: object, private readonly rng: Rng, private readonly kernels: WasmKernels | null = null) {
    super(opt);
  }

  override gaussRandom(): number {
    return this.rng.normal();
  }

  /** The pass's arrays, P copied once as float32 (it is fixed after the perplexity calibration). */
  private arrays(N: number, P: Float64Array) {
    if (this.buffers && this.buffers.xs.length === N) return this.buffers;
    const k = this.kernels, floats = (n: number) => (k ? k.floats(n) : new Float32Array(n));
    this.buffers = { xs: floats(N), ys: floats(N), P: floats(N * N), sums: floats(5 * N) };
    // Far pairs' p (e^−β·d², in float64) would be float32 subnormals, which x86 computes on a
    // hundred times slower: codes of a trained network made the pass 10× slower. They weigh
    // nothing against Σp = 1, so they become 0.
    const P32 = this.buffers.P;
    for (let i = 0; i < P.length; i++) {
      const p = P[i]!;
      P32[i] = p < 1e-30 ? 0 : p;
    }
    return this.buffers;
  }

  /** The library's gradient (same formula, same exaggeration) from one pass over the pairs. */
  override costGrad(Y: number[][]): { cost: number; grad: number[][] } {
    const self = this as unknown as TsneInternals;
    const N = self.N, pmul = self.iter < 100 ? 4 : 1;
    const { xs, ys, P, sums } = this.arrays(N, self.P);
    for (let i = 0; i < N; i++) {
      xs[i] = Y[i]![0]!;
      ys[i] = Y[i]![1]!;
    }
    if (this.kernels) this.kernels.tsneForces(xs, ys, P, sums, N);
    else tsneForcesJs(xs, ys, P, sums, N);
    return { cost: this.wantCost ? klCost(xs, ys, self.P, N) : 0, grad: tsneGradient(sums, N, pmul) };
  }
}

/** KL's non-constant part, −Σ p·log(q/Z) over i ≠ j (tests and the library's `debugGrad`). */
function klCost(xs: Float32Array, ys: Float32Array, P: Float64Array, N: number): number {
  let Z = 0, pLogQ = 0, sumP = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (i === j) continue;
      const ex = xs[i]! - xs[j]!, ey = ys[i]! - ys[j]!, q = 1 / (1 + ex * ex + ey * ey), p = P[i * N + j]!;
      Z += q;
      pLogQ += p * Math.log(q);
      sumP += p;
    }
  }
  return -pLogQ + Math.log(Z) * sumP;
}

export function tsneEmbedding(values: Float32Array, count: number, dim: number, opts: TsneOptions): ProgressiveEmbedding {
  if (count < 2) throw new RangeError('t-SNE needs at least two codes');
  if (count > MAX_TSNE_POINTS) throw new RangeError(`t-SNE takes at most ${MAX_TSNE_POINTS} codes (got ${count})`);
  const perplexity = Math.max(1, Math.min(opts.perplexity ?? 30, (count - 1) / 3));
  const totalSteps = opts.iterations ?? 1000;
  const kernels = opts.backend === 'js' ? null : createWasmKernels();
  if (kernels && opts.threads) kernels.useThreads(opts.threads);
  const tsne = new SeededTsne({ perplexity, dim: 2, epsilon: opts.learningRate ?? 10 }, opts.rng, kernels);
  tsne.initDataRaw(Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dim, (i + 1) * dim))));
  return progressive('tsne', count, totalSteps, () => { tsne.step(); }, () => tsne.getSolution() as number[][]);
}
