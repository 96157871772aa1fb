import { describe, expect, it } from 'vitest';
import {
  binaryImage, classImage, divergingImage, divergingPosition, predictionImage, sequentialImage, valueRange,
  type RegionColors, type ScaleColors,
} from './boundaryImage';

const BG = [200, 100, 0] as const;
const RED = [250, 0, 0] as const;
const GREEN = [0, 250, 0] as const;
const BLUE = [0, 0, 250] as const;
const regions: RegionColors = { background: BG, classes: [RED, GREEN, BLUE], strength: 1 };
const scale: ScaleColors = { background: BG, low: BLUE, high: RED, strength: 1 };

const pixel = (rgba: Uint8ClampedArray, i: number) => Array.from(rgba.subarray(i * 4, i * 4 + 4));

describe('classImage', () => {
  it('colours each cell by its most probable class, from background at 1/K to the class colour at 1', () => {
    // 2×2 grid, 3 classes.
    const probs = new Float32Array([
      1, 0, 0, //   certain class 0
      1 / 3, 1 / 3, 1 / 3, // uniform: background (ties go to the first class)
      0, 0.2, 0.8, // class 2, confidence (0.8 − 1/3) / (2/3) = 0.7
      0.1, 0.6, 0.3, // class 1, confidence (0.6 − 1/3) / (2/3) = 0.4
    ]);
    const rgba = classImage(probs, 4, 3, regions);
    expect(rgba).toHaveLength(16);
    expect(pixel(rgba, 0)).toEqual([250, 0, 0, 255]);
    expect(pixel(rgba, 1)).toEqual([200, 100, 0, 255]);
    // 200 + (0 − 200)·0.7 = 60, 100 − 70 = 30, 0 + 250·0.7 = 175
    expect(pixel(rgba, 2)).toEqual([60, 30, 175, 255]);
    // 200 − 80 = 120, 100 + 150·0.4 = 160, 0
    expect(pixel(rgba, 3)).toEqual([120, 160, 0, 255]);
  });

  it('stops at `strength` of the class colour, so points stay visible on their region', () => {
    const rgba = classImage(new Float32Array([0, 1]), 1, 2, { ...regions, strength: 0.5 });
    // 200 + (0 − 200)·0.5 = 100, 100 + 150·0.5 = 175
    expect(pixel(rgba, 0)).toEqual([100, 175, 0, 255]);
  });

  it('fills the buffer it is given when it has the right size', () => {
    const out = new Uint8ClampedArray(8);
    const rgba = classImage(new Float32Array([1, 0, 0, 1]), 2, 2, regions, out);
    expect(rgba).toBe(out);
    expect(Array.from(out)).toEqual([250, 0, 0, 255, 0, 250, 0, 255]);
    expect(classImage(new Float32Array([1, 0]), 1, 2, regions, out)).not.toBe(out);
  });
});

describe('binaryImage', () => {
  it('splits at p = 0.5 and uses |p − 0.5| as the confidence', () => {
    const rgba = binaryImage(new Float32Array([0, 0.5, 0.9, 0.3]), 4, regions);
    expect(pixel(rgba, 0)).toEqual([250, 0, 0, 255]); // certain class 0
    expect(pixel(rgba, 1)).toEqual([200, 100, 0, 255]); // undecided: background
    // class 1 at 0.8: 200 − 160 = 40, 100 + 120 = 220
    expect(pixel(rgba, 2)).toEqual([40, 220, 0, 255]);
    // class 0 at 0.4: 200 + 20 = 220, 100 − 40 = 60
    expect(pixel(rgba, 3)).toEqual([220, 60, 0, 255]);
  });
});

describe('value scales', () => {
  it('places values on a diverging scale around mid-range, clamped at the ends', () => {
    const range = { min: -2, max: 6 };
    expect(divergingPosition(2, range)).toBe(0);
    expect(divergingPosition(6, range)).toBe(1);
    expect(divergingPosition(-1, range)).toBe(-0.75);
    expect(divergingPosition(100, range)).toBe(1);
    expect(divergingPosition(3, { min: 1, max: 1 })).toBe(0);
  });

  it('draws low values in the low colour, high in the high colour, the middle as background', () => {
    const rgba = divergingImage(new Float32Array([9, -2, 2, 4, 6]), 1, 4, { min: -2, max: 6 }, scale);
    expect(pixel(rgba, 0)).toEqual([0, 0, 250, 255]);
    expect(pixel(rgba, 1)).toEqual([200, 100, 0, 255]);
    // +0.5: 200 + 50·0.5 = 225, 100 − 50 = 50, 0
    expect(pixel(rgba, 2)).toEqual([225, 50, 0, 255]);
    expect(pixel(rgba, 3)).toEqual([250, 0, 0, 255]);
  });

  it('draws a sequential scale from the background to the high colour', () => {
    const rgba = sequentialImage(new Float32Array([0, 0.25, 1, -3]), 0, 4, { min: 0, max: 1 }, scale);
    expect(pixel(rgba, 0)).toEqual([200, 100, 0, 255]);
    // 200 + 50·0.25 = 212.5 → 212 (Uint8ClampedArray rounds half to even), 100 − 25 = 75
    expect(pixel(rgba, 1)).toEqual([212, 75, 0, 255]);
    expect(pixel(rgba, 2)).toEqual([250, 0, 0, 255]);
    expect(pixel(rgba, 3)).toEqual([200, 100, 0, 255]);
  });

  it('finds the range of a slice, and a zero range when there is nothing finite', () => {
    expect(valueRange([5, -1, 3, 10], 1, 2)).toEqual({ min: -1, max: 3 });
    expect(valueRange([])).toEqual({ min: 0, max: 0 });
  });
});

describe('predictionImage', () => {
  const colors = { ...regions, ...scale };

  it('gives a regression grid its own range as the legend unless one is fixed', () => {
    const values = new Float32Array([0, 1, 2, 4]);
    const own = predictionImage({ kind: 'regression', resolution: 2, values }, colors);
    expect(own.legend).toEqual({ min: 0, max: 4 });
    expect(pixel(own.rgba, 0)).toEqual([0, 0, 250, 255]);
    const fixed = predictionImage({ kind: 'regression', resolution: 2, values, range: { min: -4, max: 4 } }, colors);
    expect(fixed.legend).toEqual({ min: -4, max: 4 });
    expect(pixel(fixed.rgba, 0)).toEqual([200, 100, 0, 255]);
  });

  it('has no legend for classes and binary grids', () => {
    expect(predictionImage({ kind: 'binary', resolution: 1, values: new Float32Array([1]) }, colors).legend).toBeNull();
    const grid = { kind: 'classes' as const, resolution: 1, classes: 2, values: new Float32Array([0.2, 0.8]) };
    expect(predictionImage(grid, colors).legend).toBeNull();
  });
});
