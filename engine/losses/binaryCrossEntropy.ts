import type { Loss } from './loss';

/**
 * Binary cross-entropy per output unit, computed from logits z, stably:
 *   ℓ(z, t) = max(z, 0) − z·t + log(1 + e^−|z|)   (= −t log σ(z) − (1 − t) log(1 − σ(z)))
 * Per sample: mean_j ℓ. Gradient (σ(z) − t) / width.
 */
export const binaryCrossEntropy: Loss = {
  name: 'binary_crossentropy',
  fuses: 'sigmoid',
  compute(logits, targets, batch, width, dLogits, scale) {
    let total = 0;
    const n = batch * width, inv = 1 / width, g = scale * inv;
    // One exponential per value serves both the loss and σ(z): an autoencoder has 784 of them per image.
    for (let i = 0; i < n; i++) {
      const z = logits[i]!, t = targets[i]!, e = Math.exp(-Math.abs(z));
      total += (z > 0 ? z : 0) - z * t + Math.log1p(e);
      if (dLogits) {
        const s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        dLogits[i] = g * (s - t);
      }
    }
    return total * inv;
  },
};
