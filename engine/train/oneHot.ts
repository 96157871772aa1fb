/** targets `[batch, width]` ← one-hot of labels[indices[from + b]] for b < batch. */
export function oneHot(
  labels: Uint8Array, indices: ArrayLike<number>, from: number, batch: number, width: number, targets: Float32Array,
): void {
  targets.fill(0, 0, batch * width);
  for (let b = 0; b < batch; b++) targets[b * width + labels[indices[from + b]!]!] = 1;
}
