/**
 * Turns a drawing into what an MNIST network expects, the way MNIST itself was made
 * (LeCun et al.): the ink's bounding box is scaled to fit a 20×20 box, keeping its aspect
 * ratio, with area-averaged (anti-aliased) resampling; the result is placed in a 28×28
 * field so that its centre of mass lands on the centre (14, 14), shifting by the rounded
 * centre-of-mass offset. Grey levels are 0..1, ink = 1.
 *
 * Pure: no DOM. The input is the pad's ink, one value per pixel, row by row, at any size:
 * a Float32Array in 0..1 or a Uint8ClampedArray in 0..255 (e.g. a canvas's alpha channel,
 * see `inkFromRgba`).
 */

export const SIDE = 28;
export const BOX = 20;
/** Pixels fainter than this (0..1) do not count for the bounding box (stray anti-aliasing). */
export const INK_THRESHOLD = 0.1;

export type Ink = Float32Array | Uint8ClampedArray;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Preprocessed {
  /** 28×28 grey levels, row by row, 0..1. */
  pixels: Float32Array;
  /** True when there was no ink (then `pixels` is all zeros and nothing should be predicted). */
  empty: boolean;
  /** The ink's bounding box in the input, in input pixels. */
  box: Box | null;
  /** Size of the scaled digit before it is placed (its longer side is 20). */
  scaled: { width: number; height: number } | null;
  /** Where the scaled digit's top-left corner went in the 28×28 field. */
  offset: { x: number; y: number } | null;
}

/** The 784 grey levels for a drawing (all zeros when it is empty). */
export function preprocess(ink: Ink, width: number, height: number): Float32Array {
  return preprocessDigit(ink, width, height).pixels;
}

export function preprocessDigit(ink: Ink, width: number, height: number): Preprocessed {
  if (ink.length !== width * height) throw new RangeError(`Expected ${width}×${height} = ${width * height} values, got ${ink.length}.`);
  const scale = ink instanceof Uint8ClampedArray ? 1 / 255 : 1;
  const pixels = new Float32Array(SIDE * SIDE);
  const box = inkBox(ink, width, height, INK_THRESHOLD / scale);
  if (box === null) return { pixels, empty: true, box: null, scaled: null, offset: null };

  const factor = BOX / Math.max(box.width, box.height);
  const tw = Math.max(1, Math.min(BOX, Math.round(box.width * factor)));
  const th = Math.max(1, Math.min(BOX, Math.round(box.height * factor)));
  const small = resampleArea(ink, width, box, tw, th, scale);

  const com = centreOfMass(small, tw, th);
  if (com === null) return { pixels, empty: true, box: null, scaled: null, offset: null };
  const ox = Math.round(SIDE / 2 - com.x);
  const oy = Math.round(SIDE / 2 - com.y);
  for (let y = 0; y < th; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= SIDE) continue;
    for (let x = 0; x < tw; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= SIDE) continue;
      pixels[ty * SIDE + tx] = small[y * tw + x]!;
    }
  }
  return { pixels, empty: false, box, scaled: { width: tw, height: th }, offset: { x: ox, y: oy } };
}

/** Smallest box holding every pixel above `threshold` (in the input's own units); null if none. */
export function inkBox(ink: Ink, width: number, height: number, threshold: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (ink[row + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Centre of mass in pixel-index coordinates (pixel i at i); null for no mass. */
export function centreOfMass(values: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x]!;
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/** For each target cell along one axis: the source indices it covers and their weights (summing to 1). */
function areaWeights(sourceLength: number, targetLength: number): { index: number; weight: number }[][] {
  const step = sourceLength / targetLength;
  const cells: { index: number; weight: number }[][] = [];
  for (let t = 0; t < targetLength; t++) {
    const a = t * step;
    const b = (t + 1) * step;
    const cell: { index: number; weight: number }[] = [];
    for (let s = Math.floor(a); s < Math.min(sourceLength, Math.ceil(b)); s++) {
      const overlap = Math.min(s + 1, b) - Math.max(s, a);
      if (overlap > 1e-12) cell.push({ index: s, weight: overlap / step });
    }
    cells.push(cell);
  }
  return cells;
}

/** The box of `ink` resampled to tw×th by area averaging (separable box filter), in 0..1. */
function resampleArea(ink: Ink, width: number, box: Box, tw: number, th: number, scale: number): Float32Array {
  const cols = areaWeights(box.width, tw);
  const rows = areaWeights(box.height, th);
  // Horizontal pass: box.height rows × tw columns.
  const mid = new Float64Array(box.height * tw);
  for (let y = 0; y < box.height; y++) {
    const src = (box.y + y) * width + box.x;
    for (let x = 0; x < tw; x++) {
      let sum = 0;
      for (const { index, weight } of cols[x]!) sum += ink[src + index]! * weight;
      mid[y * tw + x] = sum * scale;
    }
  }
  // Vertical pass.
  const out = new Float32Array(tw * th);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      let sum = 0;
      for (const { index, weight } of rows[y]!) sum += mid[index * tw + x]! * weight;
      out[y * tw + x] = Math.min(1, Math.max(0, sum));
    }
  }
  return out;
}

/** A canvas's ink, from its RGBA bytes: the alpha channel (the pad draws on a transparent canvas). */
export function inkFromRgba(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3]!;
  return out;
}
