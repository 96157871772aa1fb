import type { Loss } from './loss';

/** L1, per sample: mean_j |y_j − t_j|. Gradient sign(y − t) / width (0 where equal). */
export const meanAbsoluteError: Loss = {
  name: 'mean_absolute_error',
  fuses: null,
  compute(output, targets, batch, width, dOutput, scale) {
    let total = 0;
    const n = batch * width, inv = 1 / width;
    for (let i = 0; i < n; i++) {
      const d = output[i]! - targets[i]!;
      total += Math.abs(d) * inv;
      if (dOutput) dOutput[i] = d > 0 ? scale * inv : d < 0 ? -scale * inv : 0;
    }
    return total;
  },
};
