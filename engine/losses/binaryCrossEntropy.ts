import { jsKernels } from '../core/kernels';
import type { Loss } from './loss';

/**
 * Binary cross-entropy per output unit, computed from logits z, stably:
 *   ℓ(z, t) = max(z, 0) − z·t + log(1 + e^−|z|)   (= −t log σ(z) − (1 − t) log(1 − σ(z)))
 * Per sample: mean_j ℓ. Gradient (σ(z) − t) / width.
 */
export const binaryCrossEntropy: Loss = {
  name: 'binary_crossentropy',
  fuses: 'sigmoid',
  compute(logits, targets, batch, width, dLogits, scale, kernels = jsKernels) {
    const inv = 1 / width;
    return kernels.sigmoidCrossEntropy(logits, targets, batch * width, dLogits, scale * inv) * inv;
  },
};
