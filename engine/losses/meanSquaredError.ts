import type { Loss } from './loss';

/** Per sample: mean_j (y_j − t_j)², as Keras's mean_squared_error. Gradient 2 (y − t) / width. */
export const meanSquaredError: Loss = {
  name: 'mean_squared_error',
  fuses: null,
  compute(output, targets, batch, width, dOutput, scale) {
    let total = 0;
    const n = batch * width, inv = 1 / width;
    for (let i = 0; i < n; i++) {
      const d = output[i]! - targets[i]!;
      total += d * d * inv;
      if (dOutput) dOutput[i] = scale * 2 * d * inv;
    }
    return total;
  },
};
