import type { Kernels } from '../core/kernels';

/**
 * A loss compares the network output `[batch, width]` with targets `[batch, width]`
 * (one-hot class vectors for MNIST). `compute` returns the *sum* over the batch of the
 * per-sample losses and, when `dOutput` is given, writes scale · ∂(sum)/∂output into it;
 * the trainer passes scale = 1 / batchSize so micro-batches of one optimizer step add up
 * to the gradient of the mean.
 */
export interface Loss {
  readonly name: LossName;
  /**
   * The final activation this loss absorbs: with 'softmax' the network's softmax is
   * skipped in training and the loss takes the logits (log-sum-exp, gradient p − t).
   */
  readonly fuses: 'softmax' | 'sigmoid' | null;
  /** `kernels`: where the per-value work runs (the network's backend; scalar by default). */
  compute(
    output: Float32Array, targets: Float32Array, batch: number, width: number,
    dOutput: Float32Array | null, scale: number, kernels?: Kernels,
  ): number;
}

export const LOSSES = ['categorical_crossentropy', 'mean_squared_error', 'binary_crossentropy', 'mean_absolute_error'] as const;
export type LossName = (typeof LOSSES)[number];

export function isLossName(v: unknown): v is LossName {
  return typeof v === 'string' && (LOSSES as readonly string[]).includes(v);
}
