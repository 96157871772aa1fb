import type { TensorSummary, TraceTensor } from './trace';

/**
 * A tensor as the trace carries it: every value when there are at most `maxValues`, else
 * its summary, and for an image-shaped tensor the first channels' maps that fit in the cap
 * (a conv net's gradient maps stay pictures rather than becoming one number each).
 */
export function traceTensor(shape: readonly number[], data: ArrayLike<number>, maxValues: number): TraceTensor {
  const n = data.length;
  const t: TraceTensor = { shape: [...shape], values: n <= maxValues ? Array.from(data) : null, summary: summarize(data) };
  if (t.values === null && shape.length === 3) {
    const [h, w, c] = shape as [number, number, number];
    const perMap = h * w;
    const count = Math.min(c, Math.floor(maxValues / perMap));
    if (count > 0) {
      t.maps = Array.from({ length: count }, (_, ch) => {
        const map = new Array<number>(perMap);
        // Channels last: channel ch of pixel p is at p·c + ch.
        for (let p = 0; p < perMap; p++) map[p] = data[p * c + ch]!;
        return map;
      });
    }
  }
  return t;
}

/** Count, extremes, mean and Euclidean norm, in float64. */
export function summarize(data: ArrayLike<number>): TensorSummary {
  const n = data.length;
  if (n === 0) return { count: 0, min: 0, max: 0, mean: 0, norm: 0 };
  let min = Infinity, max = -Infinity, sum = 0, sq = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sq += v * v;
  }
  return { count: n, min, max, mean: sum / n, norm: Math.sqrt(sq) };
}
