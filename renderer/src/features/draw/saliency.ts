/**
 * The saliency heat map's pixels: the drawing in grey, and over it |∂score/∂pixel| scaled by
 * its own maximum, from transparent to yellow through red ("hot"), so the pixels that would
 * change the answer most glow. Pure, for the canvas and for tests.
 */

/** RGBA `[side·side·4]`: grey digit, hot overlay of |gradient| / max|gradient|. */
export function saliencyPixels(gradient: ArrayLike<number>, digit: ArrayLike<number> | null, side: number): Uint8ClampedArray {
  const n = side * side, out = new Uint8ClampedArray(n * 4);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(gradient[i] ?? 0));
  for (let i = 0; i < n; i++) {
    const grey = 90 * Math.min(1, Math.max(0, digit?.[i] ?? 0));
    const s = max > 0 ? Math.abs(gradient[i] ?? 0) / max : 0;
    // Hot colour map: black → red (s ≤ ½) → yellow (s = 1), blended over the grey digit by s.
    const r = Math.min(1, 2 * s) * 255, g = Math.max(0, 2 * s - 1) * 255;
    out[4 * i] = grey + s * (r - grey);
    out[4 * i + 1] = grey + s * (g - grey);
    out[4 * i + 2] = grey * (1 - s);
    out[4 * i + 3] = 255;
  }
  return out;
}

/** The share of the total |gradient| that falls on the drawn strokes (pixels above ½): how much the answer rests on the ink. */
export function inkShare(gradient: ArrayLike<number>, digit: ArrayLike<number>): number {
  let onInk = 0, total = 0;
  for (let i = 0; i < gradient.length; i++) {
    const a = Math.abs(gradient[i]!);
    total += a;
    if ((digit[i] ?? 0) > 0.5) onInk += a;
  }
  return total > 0 ? onInk / total : 0;
}
