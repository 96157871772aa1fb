/**
 * Prediction grids → RGBA pixels (one pixel per grid cell, for an ImageData that is then
 * scaled onto the plane). The grid arrives row-major from the top-left corner, y going
 * down, which is the image's own order, so cell i is pixel i.
 *
 * A cell's colour is the background blended towards its predicted class's colour by the
 * network's confidence: a cell the network is unsure about stays light (close to the
 * background), a confident one takes the class colour at `strength` — never full, so
 * that points drawn in full class colours stand out on their own region. Runs 15 times a
 * second during training: plain loops over typed arrays, no allocation when `out` is given.
 */
import type { Rgb } from './palette';

export interface ValueRange {
  min: number;
  max: number;
}

export type PredictionGrid =
  /** K probabilities per cell, cell-major: values[i * K + k]. */
  | { kind: 'classes'; resolution: number; classes: number; values: Float32Array }
  /** P(class 1) per cell. */
  | { kind: 'binary'; resolution: number; values: Float32Array }
  /** The predicted value per cell; `range` fixes the colour scale (else the grid's own). */
  | { kind: 'regression'; resolution: number; values: Float32Array; range?: ValueRange };

export interface RegionColors {
  background: Rgb;
  classes: readonly Rgb[];
  /** How far a fully confident cell goes towards its class colour (0..1). */
  strength: number;
}

export interface ScaleColors {
  background: Rgb;
  /** Colour of the range's low end (diverging scale only). */
  low: Rgb;
  high: Rgb;
  strength: number;
}

/** The blend used by regions and legends alike: background + (colour − background)·s. */
export function blend(background: Rgb, color: Rgb, s: number): Rgb {
  return [
    background[0] + (color[0] - background[0]) * s,
    background[1] + (color[1] - background[1]) * s,
    background[2] + (color[2] - background[2]) * s,
  ];
}

function output(cells: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  if (out && out.length === cells * 4) return out;
  return new Uint8ClampedArray(cells * 4);
}

/** Writes background + (c − background)·s at pixel `i` (Uint8ClampedArray rounds and clamps). */
function put(out: Uint8ClampedArray, i: number, bg: Rgb, c: Rgb, s: number): void {
  const o = i * 4;
  out[o] = bg[0] + (c[0] - bg[0]) * s;
  out[o + 1] = bg[1] + (c[1] - bg[1]) * s;
  out[o + 2] = bg[2] + (c[2] - bg[2]) * s;
  out[o + 3] = 255;
}

/** Colour minus background per class, flat [k·3 + channel]: the loops then do one multiply-add per channel. */
function deltas(colors: RegionColors, k: number): Float64Array {
  const d = new Float64Array(k * 3);
  for (let j = 0; j < k; j++) {
    const c = colors.classes[j % colors.classes.length]!;
    for (let ch = 0; ch < 3; ch++) d[j * 3 + ch] = c[ch]! - colors.background[ch]!;
  }
  return d;
}

/**
 * K-class probabilities → regions. Confidence runs from 1/K (a uniform guess: background)
 * to 1 (certain: class colour at full strength). The hot loop is written out by hand
 * (no helper calls, colours in locals): it is about twice as fast that way.
 */
export function classImage(probs: Float32Array, cells: number, k: number, colors: RegionColors, out?: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = output(cells, out);
  const strength = colors.strength;
  const floor = 1 / k;
  const gain = k > 1 ? strength / (1 - floor) : 0;
  const [b0, b1, b2] = colors.background;
  const d = deltas(colors, k);
  for (let i = 0, base = 0, o = 0; i < cells; i++, base += k, o += 4) {
    let best = 0;
    let pBest = probs[base]!;
    for (let j = 1; j < k; j++) {
      const p = probs[base + j]!;
      if (p > pBest) {
        pBest = p;
        best = j;
      }
    }
    let s = k > 1 ? (pBest - floor) * gain : strength;
    if (s < 0) s = 0;
    else if (s > strength) s = strength;
    const c = best * 3;
    rgba[o] = b0 + d[c]! * s;
    rgba[o + 1] = b1 + d[c + 1]! * s;
    rgba[o + 2] = b2 + d[c + 2]! * s;
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** P(class 1) → two regions split at 0.5; |p − 0.5| is the confidence. */
export function binaryImage(probs: Float32Array, cells: number, colors: RegionColors, out?: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = output(cells, out);
  const strength = colors.strength;
  const gain = 2 * strength;
  const [b0, b1, b2] = colors.background;
  const d = deltas(colors, 2);
  for (let i = 0, o = 0; i < cells; i++, o += 4) {
    const p = probs[i]!;
    let s = (p >= 0.5 ? p - 0.5 : 0.5 - p) * gain;
    if (s > strength) s = strength;
    const c = p >= 0.5 ? 3 : 0;
    rgba[o] = b0 + d[c]! * s;
    rgba[o + 1] = b1 + d[c + 1]! * s;
    rgba[o + 2] = b2 + d[c + 2]! * s;
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** Smallest and largest finite value of values[offset .. offset+length). */
export function valueRange(values: ArrayLike<number>, offset = 0, length = values.length - offset): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < offset + length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) && Number.isFinite(max) ? { min, max } : { min: 0, max: 0 };
}

/** Where v falls on a diverging scale: −1 at range.min, 0 mid-range, +1 at range.max. */
export function divergingPosition(v: number, range: ValueRange): number {
  const half = (range.max - range.min) / 2;
  if (!(half > 0)) return 0;
  const t = (v - (range.min + half)) / half;
  return t < -1 ? -1 : t > 1 ? 1 : t;
}

/** Values → diverging colours: low colour below mid-range, high above, background at the middle. */
export function divergingImage(
  values: Float32Array, offset: number, cells: number, range: ValueRange, colors: ScaleColors, out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const rgba = output(cells, out);
  const bg = colors.background;
  for (let i = 0; i < cells; i++) {
    const t = divergingPosition(values[offset + i]!, range);
    put(rgba, i, bg, t < 0 ? colors.low : colors.high, Math.abs(t) * colors.strength);
  }
  return rgba;
}

/** Values → sequential colours: background at range.min, high colour at range.max. */
export function sequentialImage(
  values: Float32Array, offset: number, cells: number, range: ValueRange, colors: ScaleColors, out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const rgba = output(cells, out);
  const bg = colors.background;
  const span = range.max - range.min;
  for (let i = 0; i < cells; i++) {
    const t = span > 0 ? (values[offset + i]! - range.min) / span : 0;
    put(rgba, i, bg, colors.high, (t < 0 ? 0 : t > 1 ? 1 : t) * colors.strength);
  }
  return rgba;
}

export interface PredictionImage {
  rgba: Uint8ClampedArray;
  /** The diverging scale's range, for the legend (regression only). */
  legend: ValueRange | null;
}

/** Any prediction grid → its image; `out` is reused when it has the right size. */
export function predictionImage(grid: PredictionGrid, colors: RegionColors & ScaleColors, out?: Uint8ClampedArray): PredictionImage {
  const cells = grid.resolution * grid.resolution;
  switch (grid.kind) {
    case 'classes':
      return { rgba: classImage(grid.values, cells, grid.classes, colors, out), legend: null };
    case 'binary':
      return { rgba: binaryImage(grid.values, cells, colors, out), legend: null };
    case 'regression': {
      const range = grid.range ?? valueRange(grid.values, 0, cells);
      return { rgba: divergingImage(grid.values, 0, cells, range, colors, out), legend: range };
    }
  }
}
