/**
 * Exponential moving averages for the per-batch curves: the raw batch loss is noisy, the
 * smoothed line shows the trend. Debiased (as TensorBoard does) so the first values are
 * not dragged towards zero.
 */

/** One running EMA: `next(x)` folds in a value and returns the smoothed value so far. */
export class Ema {
  private value = 0;
  private weight = 0;

  /** `beta` in [0, 1): how much of the past each new value keeps (0 = no smoothing). */
  constructor(readonly beta: number) {
    if (!(beta >= 0 && beta < 1)) throw new RangeError(`EMA beta must be in [0, 1) (got ${beta}).`);
  }

  next(x: number): number {
    if (!Number.isFinite(x)) return this.current ?? x;
    this.value = this.beta * this.value + (1 - this.beta) * x;
    this.weight = this.beta * this.weight + (1 - this.beta);
    return this.value / this.weight;
  }

  /** The smoothed value so far, or null before the first value. */
  get current(): number | null {
    return this.weight > 0 ? this.value / this.weight : null;
  }
}

/** The smoothed series of `values` (same length). */
export function ema(values: readonly number[], beta: number): number[] {
  const e = new Ema(beta);
  return values.map((v) => e.next(v));
}

/**
 * How much to smooth, from the number of batches in an epoch: about a tenth of an epoch
 * of memory, between a light 0.6 (tiny runs) and a strong 0.98 (full MNIST, small batches).
 */
export function smoothingFor(batchesPerEpoch: number): number {
  if (!(batchesPerEpoch > 0)) return 0.9;
  return Math.min(0.98, Math.max(0.6, 1 - 10 / batchesPerEpoch));
}
