import { ActivationLayer } from '../layers/activation';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import type { Layer } from '../layers/layer';
import { MaxPooling2D } from '../layers/maxPooling2d';

/**
 * Fuses each ReLU op into its neighbours where they can do its work for free: a Conv2D
 * before it applies max(·, 0) as it writes its output, and a MaxPooling2D after it routes
 * gradients only to inputs > 0. The ReLU op then passes values and gradients through,
 * saving two passes over a convolution's output, the largest tensors of a CNN. Results
 * are bit for bit those of the separate ops.
 *
 * A Dense after a ReLU computes its input gradient only where the ReLU let the value
 * through (dx = (x > 0) ⊙ dy·Wᵀ): the units the ReLU switched off cost nothing. That
 * product sums in another order than the full one, so it agrees with the separate ops
 * within float rounding (bit for bit on the scalar kernels). A Dense before a ReLU is
 * not fused: the ReLU's input z stays visible to the inside-the-network view.
 */
export function fuseRelus(ops: readonly Layer[]): void {
  for (let i = 1; i < ops.length; i++) {
    const act = ops[i];
    if (!(act instanceof ActivationLayer) || act.fn.name !== 'relu') continue;
    const before = ops[i - 1], after = ops[i + 1];
    if (before instanceof Conv2D) {
      before.fuseRelu = true;
      act.inputActivated = true;
    }
    if (after instanceof MaxPooling2D) {
      after.maskByInput = true;
      act.gradientMasked = true;
    } else if (after instanceof Dense && after.needsInputGrad) {
      after.maskInputGrad = true;
      act.gradientMasked = true;
    }
  }
}
