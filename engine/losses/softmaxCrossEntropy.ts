import type { Loss } from './loss';

/**
 * Categorical cross-entropy computed from logits z, stably:
 *   loss = −Σ_j t_j log softmax(z)_j = Σ_j t_j (logΣexp(z) − z_j)
 * with logΣexp(z) = m + log Σ exp(z_j − m), m = max z, so nothing overflows.
 * Gradient: ∂loss/∂z_j = softmax(z)_j · Σt − t_j  (= p − t for one-hot targets).
 */
/** exp(z_j − max) of the row being computed: each exponential is taken once, for the sum and for p. */
let exps = new Float64Array(16);

export const softmaxCrossEntropy: Loss = {
  name: 'categorical_crossentropy',
  fuses: 'softmax',
  compute(logits, targets, batch, width, dLogits, scale) {
    if (exps.length < width) exps = new Float64Array(width);
    const e = exps;
    let total = 0;
    for (let r = 0; r < batch; r++) {
      const o = r * width;
      let max = -Infinity;
      for (let j = 0; j < width; j++) if (logits[o + j]! > max) max = logits[o + j]!;
      let sum = 0;
      for (let j = 0; j < width; j++) sum += e[j] = Math.exp(logits[o + j]! - max);
      const logSumExp = max + Math.log(sum);
      let tSum = 0;
      for (let j = 0; j < width; j++) {
        const t = targets[o + j]!;
        if (t !== 0) total += t * (logSumExp - logits[o + j]!);
        tSum += t;
      }
      if (dLogits) {
        const inv = 1 / sum;
        for (let j = 0; j < width; j++) dLogits[o + j] = scale * (e[j]! * inv * tSum - targets[o + j]!);
      }
    }
    return total;
  },
};
