/**
 * What happens inside the network while it trains, per spec layer: how big each parameter
 * tensor's gradient is (vanishing gradients show there first), how its output values are
 * spread (saturated sigmoid/tanh units, dead ReLU units), how its weights are spread, and
 * how large a step the learning rate takes against the weights (lr·‖g‖ / ‖w‖).
 *
 * Everything is read from the network's own buffers during a real training batch: the
 * outputs as forward computes them (`NetworkForwardOptions.observe`), the gradients once
 * backward has added them up, the weights before the optimizer moves them. The trainer
 * measures only when asked (`TrainHooks.inside`), and at most as often as `InsideOptions`
 * allows, so a run nobody watches pays nothing and a watched one very little.
 */
import { nowMs } from '../core/clock';
import type { Param } from '../layers/layer';
import type { Network } from '../model/network';
import { layerKind } from '../model/registry';

/** How often, and how finely, the statistics are measured. */
export interface InsideOptions {
  /** Bars of every histogram (default 24). */
  readonly bins?: number;
  /** At most one measurement per this many batches (default 1). */
  readonly everyBatches?: number;
  /** At least this long between two measurements, in milliseconds (default 250: four a second). */
  readonly everyMs?: number;
}

export const DEFAULT_INSIDE_BINS = 24;
export const DEFAULT_INSIDE_EVERY_MS = 250;
/** An output within this share of its activation's range from one of its limits is saturated (1 %). */
export const SATURATION_MARGIN = 0.01;

/**
 * The activations whose outputs flatten out at both ends (their derivative tends to 0
 * there, so gradients through them vanish), with their range; and those that block (a
 * ReLU whose input is negative passes no gradient at all).
 */
const SATURATING: Readonly<Record<string, readonly [number, number]>> = { sigmoid: [0, 1], tanh: [-1, 1] };
const BLOCKING: ReadonlySet<string> = new Set(['relu']);

/** Counts of values in `bins` equal bars from `lo` to `hi` (values outside land in the end bars). */
export interface Histogram {
  readonly lo: number;
  readonly hi: number;
  readonly counts: number[];
}

export interface TensorInside {
  /** The weight's name in the model file (kernel, bias, gamma, beta). */
  readonly name: Param['name'];
  readonly size: number;
  /** ‖∂L/∂W‖₂ over the batch. */
  readonly gradNorm: number;
  readonly weightNorm: number;
  /** lr·‖∂L/∂W‖ / ‖W‖: the share of the weights plain gradient descent would change this batch; null while ‖W‖ = 0. */
  readonly updateRatio: number | null;
  readonly weights: Histogram;
}

export interface LayerInside {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  /** The activation the layer's output went through (null: none, or left to the loss). */
  readonly activation: string | null;
  /** Its output values over the batch (the first chunk of a batch split into chunks). */
  readonly output: Histogram;
  /** What went into its activation (z = W·x + b), over the values' own range; null when the activation is fused or absent. */
  readonly preActivation: Histogram | null;
  /** Share of output values within 1 % of a saturating activation's limits; null for other activations. */
  readonly saturated: number | null;
  /** Share of units a ReLU held at 0 for every sample of the batch; null for other activations. */
  readonly dead: number | null;
  readonly params: TensorInside[];
}

export interface InsideStats {
  /** Batches trained before this one, in all (the batch measured is number `step + 1`). */
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly layers: LayerInside[];
  /** Milliseconds this measurement added to the batch (what the statistics cost: the bench adds them up). */
  readonly costMs: number;
}

/** The histogram of `values[0..n)`: over [lo, hi] when given (an activation's range), else over the values' own range. */
export function histogram(values: Float32Array, n: number, bins: number, range?: readonly [number, number]): Histogram {
  if (range) return binned(values, n, bins, range[0], range[1]);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return binned(values, n, bins, lo, hi);
}

/** A weight tensor's histogram over its own range and its L2 norm, in two passes over it rather than three. */
export function weightStats(values: Float32Array, bins: number): { histogram: Histogram; norm: number } {
  let lo = Infinity, hi = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v * v;
  }
  return { histogram: binned(values, values.length, bins, lo, hi), norm: Math.sqrt(sum) };
}

function binned(values: Float32Array, n: number, bins: number, lo: number, hi: number): Histogram {
  if (!(lo <= hi)) lo = hi = 0; // nothing finite
  // A constant tensor (zero biases) still gets a bar of its own, centred on its value.
  if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
  const counts = new Int32Array(bins), last = bins - 1;
  const scale = bins / (hi - lo);
  for (let i = 0; i < n; i++) {
    const f = (values[i]! - lo) * scale;
    // Truncation is floor from 0 on; below 0, and NaN, land in the first bar.
    counts[f >= bins ? last : f > 0 ? f | 0 : 0]!++;
  }
  return { lo, hi, counts: Array.from(counts) };
}

/** ‖values‖₂, summed in double precision. */
export function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return Math.sqrt(sum);
}

/** Share of `values[0..n)` within SATURATION_MARGIN of the range's ends. */
export function saturatedShare(values: Float32Array, n: number, [lo, hi]: readonly [number, number]): number {
  if (n === 0) return 0;
  const margin = SATURATION_MARGIN * (hi - lo), low = lo + margin, high = hi - margin;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v <= low || v >= high) count++;
  }
  return count / n;
}

/** Share of the `perSample` units whose value is ≤ 0 for every one of the `batch` samples. */
export function deadShare(values: Float32Array, batch: number, perSample: number, alive: Uint8Array = new Uint8Array(perSample)): number {
  if (perSample === 0 || batch === 0) return 0;
  alive.fill(0, 0, perSample);
  for (let s = 0; s < batch; s++) {
    const row = s * perSample;
    for (let j = 0; j < perSample; j++) if (values[row + j]! > 0) alive[j] = 1;
  }
  let dead = 0;
  for (let j = 0; j < perSample; j++) if (alive[j] === 0) dead++;
  return dead / perSample;
}

/** A layer's activation as its kind reports it (the registry, not a list of types): null for layers that pass values on. */
function activationOf(network: Network, index: number): string | null {
  const spec = network.layers[index]!.spec;
  const effect = layerKind(spec.type).outputEffect?.(spec as never) ?? 'through';
  return effect === 'through' || effect.activation === 'linear' ? null : effect.activation;
}

type Observed = Pick<LayerInside, 'activation' | 'output' | 'preActivation' | 'saturated' | 'dead'>;

/**
 * Measures one network's statistics during its training run. `due` decides whether a
 * batch is measured; for one that is, forward is given `observe` (its first chunk only),
 * then `collect` reads the gradients and weights before the optimizer steps.
 */
export class InsideProbe {
  private readonly activations: (string | null)[];
  private readonly perSample: number[];
  private readonly alive: Uint8Array;
  private observed: (Observed | null)[];
  private bins = DEFAULT_INSIDE_BINS;
  private lastStep = -Infinity;
  private lastMs = -Infinity;
  /** Time spent observing outputs during the batch being measured. */
  private observeMs = 0;

  constructor(private readonly network: Network) {
    this.activations = network.layers.map((_, i) => activationOf(network, i));
    this.perSample = network.layers.map((l) => l.outputShape.reduce((a, b) => a * b, 1));
    this.alive = new Uint8Array(Math.max(0, ...this.perSample));
    this.observed = network.layers.map(() => null);
  }

  /** Whether batch `step` (counted from 0 over the run) is measured, given the options; remembers it if so. */
  due(step: number, nowMs: number, opts: InsideOptions): boolean {
    if (step - this.lastStep < Math.max(1, opts.everyBatches ?? 1)) return false;
    if (nowMs - this.lastMs < (opts.everyMs ?? DEFAULT_INSIDE_EVERY_MS)) return false;
    this.lastStep = step;
    this.lastMs = nowMs;
    this.bins = Math.max(2, Math.min(100, Math.round(opts.bins ?? DEFAULT_INSIDE_BINS)));
    return true;
  }

  /** `NetworkForwardOptions.observe`: the output statistics, taken before the next forward overwrites the buffer. */
  readonly observe = (layer: number, output: Float32Array, batch: number, activated: boolean, pre: Float32Array | null = null): void => {
    const t0 = nowMs();
    const activation = activated ? this.activations[layer]! : null;
    const n = batch * this.perSample[layer]!;
    const range = activation !== null ? SATURATING[activation] : undefined;
    this.observed[layer] = {
      activation,
      output: histogram(output, n, this.bins, range),
      preActivation: pre && activation !== null ? histogram(pre, n, this.bins) : null,
      saturated: range ? saturatedShare(output, n, range) : null,
      dead: activation !== null && BLOCKING.has(activation) ? deadShare(output, batch, this.perSample[layer]!, this.alive) : null,
    };
    this.observeMs += nowMs() - t0;
  };

  /** Every layer's statistics for the batch just through backward, at learning rate `lr`. */
  collect(step: number, epoch: number, batch: number, lr: number): InsideStats {
    const t0 = nowMs();
    const layers = this.network.layers.map((layer, index): LayerInside => {
      const seen = this.observed[index] ?? { activation: this.activations[index]!, output: histogram(new Float32Array(0), 0, this.bins), preActivation: null, saturated: null, dead: null };
      const params = layer.params.map((p): TensorInside => {
        const gradNorm = l2Norm(p.grad), { histogram: weights, norm: weightNorm } = weightStats(p.value, this.bins);
        return {
          name: p.name, size: p.value.length, gradNorm, weightNorm,
          updateRatio: weightNorm > 0 ? (lr * gradNorm) / weightNorm : null,
          weights,
        };
      });
      return { index, name: layer.name, type: layer.spec.type, ...seen, params };
    });
    this.observed = this.network.layers.map(() => null);
    const costMs = this.observeMs + nowMs() - t0;
    this.observeMs = 0;
    return { step, epoch, batch, learningRate: lr, layers, costMs };
  }
}
