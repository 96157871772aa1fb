/** Index of the largest of `values[offset … offset+width)`; the first one on ties. The one argmax of the app. */
export function argmax(values: ArrayLike<number>, offset = 0, width = values.length - offset): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (values[offset + j]! > values[offset + best]!) best = j;
  return best;
}
