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
    const n = batch * width, inv = 1 / width;
    for (let i = 0; i < n; i++) {
      const z = logits[i]!, t = targets[i]!;
      total += (Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)))) * inv;
      if (dLogits) {
        const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        dLogits[i] = scale * (s - t) * inv;
      }
    }
    return total;
  },
};
