import type { Loss } from './loss';

/**
 * Categorical cross-entropy computed from logits z, stably:
 *   loss = −Σ_j t_j log softmax(z)_j = Σ_j t_j (logΣexp(z) − z_j)
 * with logΣexp(z) = m + log Σ exp(z_j − m), m = max z, so nothing overflows.
 * Gradient: ∂loss/∂z_j = softmax(z)_j · Σt − t_j  (= p − t for one-hot targets).
 */
export const softmaxCrossEntropy: Loss = {
  name: 'categorical_crossentropy',
  fuses: 'softmax',
  compute(logits, targets, batch, width, dLogits, scale) {
    let total = 0;
    for (let r = 0; r < batch; r++) {
      const o = r * width;
      let max = -Infinity;
      for (let j = 0; j < width; j++) if (logits[o + j]! > max) max = logits[o + j]!;
      let sum = 0;
      for (let j = 0; j < width; j++) sum += Math.exp(logits[o + j]! - max);
      const logSumExp = max + Math.log(sum);
      let tSum = 0;
      for (let j = 0; j < width; j++) {
        const t = targets[o + j]!;
        if (t !== 0) total += t * (logSumExp - logits[o + j]!);
        tSum += t;
      }
      if (dLogits) {
        for (let j = 0; j < width; j++) {
          const p = Math.exp(logits[o + j]! - logSumExp);
          dLogits[o + j] = scale * (p * tSum - targets[o + j]!);
        }
      }
    }
    return total;
  },
};
