import type { Rng } from '../core/rng';
import type { Layer } from '../layers/layer';
import type { Loss } from '../losses/loss';

/**
 * Numeric gradient checks: the analytic gradient from backward against central
 * differences (f(v + ε) − f(v − ε)) / 2ε, for a sample of input and parameter entries.
 *
 * A layer is reduced to the scalar f(x) = Σ forward(x) ⊙ R for a fixed random R, whose
 * gradient with respect to the output is R itself, so backward(R) must equal ∂f/∂x.
 * f is summed in float64 to keep the float32 rounding of the outputs from swamping
 * the difference.
 */
export interface GradCheckOptions {
  /** Finite-difference step; linear layers tolerate a large one, smooth non-linear ones want ~1e-2. */
  eps?: number;
  /** Largest tolerated |analytic − numeric| / max(|analytic|, |numeric|, floor). */
  tolerance?: number;
  /** Denominator floor, so near-zero gradients compare absolutely. */
  floor?: number;
  /** Entries checked per tensor (a random sample when the tensor is larger). */
  samples?: number;
  /** Called before every forward, e.g. to replay the same dropout mask. */
  beforeForward?: () => void;
}

export interface GradCheckEntry {
  readonly tensor: string;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
  readonly relError: number;
}

export interface GradCheckResult {
  readonly ok: boolean;
  readonly maxRelError: number;
  readonly worst: GradCheckEntry | null;
  readonly checked: number;
}

export function checkLayerGradients(
  layer: Layer, x: Float32Array, batch: number, rng: Rng, opts: GradCheckOptions = {},
): GradCheckResult {
  const o = withDefaults(opts);
  const outLen = batch * layer.outputShape.reduce((a, b) => a * b, 1);
  const R = new Float32Array(outLen);
  for (let i = 0; i < outLen; i++) R[i] = rng.uniform(-1, 1);
  const f = (): number => {
    o.beforeForward?.();
    const y = layer.forward(x, batch, { training: true });
    let s = 0;
    for (let i = 0; i < outLen; i++) s += y[i]! * R[i]!;
    return s;
  };

  for (const p of layer.params) p.grad.fill(0);
  o.beforeForward?.();
  layer.forward(x, batch, { training: true });
  const dx = layer.backward(R).slice();
  const analytic = new Map<string, Float32Array>([['input', dx]]);
  const targets = new Map<string, Float32Array>([['input', x]]);
  for (const p of layer.params) {
    analytic.set(p.name, p.grad.slice());
    targets.set(p.name, p.value);
  }
  return compare(targets, analytic, f, rng, o);
}

/** Checks a loss's gradient with respect to the network output. */
export function checkLossGradients(
  loss: Loss, output: Float32Array, targets: Float32Array, batch: number, width: number, rng: Rng,
  opts: GradCheckOptions = {},
): GradCheckResult {
  const o = withDefaults(opts);
  const dOut = new Float32Array(output.length);
  loss.compute(output, targets, batch, width, dOut, 1);
  const f = () => loss.compute(output, targets, batch, width, null, 1);
  return compare(new Map([['output', output]]), new Map([['output', dOut]]), f, rng, o);
}

type Resolved = Required<Omit<GradCheckOptions, 'beforeForward'>> & Pick<GradCheckOptions, 'beforeForward'>;

function withDefaults(opts: GradCheckOptions): Resolved {
  return { eps: 1e-2, tolerance: 2e-2, floor: 1e-2, samples: 60, ...opts };
}

function compare(
  values: Map<string, Float32Array>, analytic: Map<string, Float32Array>, f: () => number, rng: Rng, o: Resolved,
): GradCheckResult {
  let worst: GradCheckEntry | null = null;
  let checked = 0;
  for (const [tensor, v] of values) {
    const a = analytic.get(tensor)!;
    for (const index of sampleIndices(v.length, o.samples, rng)) {
      const saved = v[index]!;
      v[index] = saved + o.eps;
      const plus = f();
      v[index] = saved - o.eps;
      const minus = f();
      v[index] = saved;
      // The step actually taken, after float32 rounding of saved ± eps.
      const step = Math.fround(saved + o.eps) - Math.fround(saved - o.eps);
      const numeric = (plus - minus) / step;
      const an = a[index]!;
      const relError = Math.abs(an - numeric) / Math.max(Math.abs(an), Math.abs(numeric), o.floor);
      checked++;
      if (!worst || relError > worst.relError) worst = { tensor, index, analytic: an, numeric, relError };
    }
  }
  const maxRelError = worst?.relError ?? 0;
  return { ok: maxRelError <= o.tolerance, maxRelError, worst, checked };
}

function sampleIndices(n: number, k: number, rng: Rng): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  const picked = new Set<number>();
  while (picked.size < k) picked.add(rng.int(n));
  return [...picked];
}
