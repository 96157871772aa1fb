import { describe, expect, it } from 'vitest';
import { centreOfMass, inkFromRgba, preprocess, preprocessDigit, SIDE } from './preprocess';

/** A w×h pad with `fill(x, y)` as ink (0..1). */
function pad(w: number, h: number, fill: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = fill(x, y);
  return out;
}

const rect = (x0: number, y0: number, x1: number, y1: number, v = 1) => (x: number, y: number) =>
  x >= x0 && x < x1 && y >= y0 && y < y1 ? v : 0;

/** The set of (row, col) cells above 0.5, as "r,c" strings, for exact placement checks. */
function inked(pixels: Float32Array): Set<string> {
  const s = new Set<string>();
  pixels.forEach((v, i) => v > 0.5 && s.add(`${Math.floor(i / SIDE)},${i % SIDE}`));
  return s;
}

function block(r0: number, r1: number, c0: number, c1: number): Set<string> {
  const s = new Set<string>();
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) s.add(`${r},${c}`);
  return s;
}

describe('preprocess', () => {
  it('gives 784 zeros, flagged empty, for a blank pad', () => {
    const r = preprocessDigit(new Float32Array(280 * 280), 280, 280);
    expect(r.pixels).toHaveLength(784);
    expect(r.empty).toBe(true);
    expect(r.box).toBeNull();
    expect(r.pixels.every((v) => v === 0)).toBe(true);
  });

  it('ignores faint specks below the ink threshold', () => {
    const r = preprocessDigit(pad(100, 100, rect(10, 10, 20, 20, 0.05)), 100, 100);
    expect(r.empty).toBe(true);
  });

  it('scales a filled 100×100 square to 20×20 of full ink, centred by mass', () => {
    const r = preprocessDigit(pad(280, 280, rect(30, 50, 130, 150)), 280, 280);
    expect(r.empty).toBe(false);
    expect(r.box).toEqual({ x: 30, y: 50, width: 100, height: 100 });
    expect(r.scaled).toEqual({ width: 20, height: 20 });
    // Centre of mass 9.5 → shift round(14 − 9.5) = 5: rows and columns 5..24.
    expect(r.offset).toEqual({ x: 5, y: 5 });
    expect(inked(r.pixels)).toEqual(block(5, 24, 5, 24));
    for (const v of r.pixels) expect(v === 0 || Math.abs(v - 1) < 1e-6).toBe(true);
    expect(r.pixels.reduce((a, b) => a + b, 0)).toBeCloseTo(400, 4);
    const com = centreOfMass(r.pixels, SIDE, SIDE)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps the aspect ratio of a vertical bar: 20 tall, 2 wide, at columns 14–15', () => {
    const r = preprocessDigit(pad(280, 280, rect(130, 40, 150, 240)), 280, 280);
    expect(r.box).toEqual({ x: 130, y: 40, width: 20, height: 200 });
    expect(r.scaled).toEqual({ width: 2, height: 20 });
    // Centre of mass (0.5, 9.5) → shift (round 13.5, round 4.5) = (14, 5).
    expect(r.offset).toEqual({ x: 14, y: 5 });
    expect(inked(r.pixels)).toEqual(block(5, 24, 14, 15));
    expect(r.pixels.reduce((a, b) => a + b, 0)).toBeCloseTo(40, 4);
  });

  it('puts the centre of mass, not the box centre, at the middle', () => {
    // An "L": a 10×100 bar plus a 100×10 foot. Its mass sits low and left of its box's centre.
    const ink = pad(200, 200, (x, y) => rect(20, 20, 30, 120)(x, y) || rect(20, 110, 120, 120)(x, y));
    const r = preprocessDigit(ink, 200, 200);
    expect(r.scaled).toEqual({ width: 20, height: 20 });
    const com = centreOfMass(r.pixels, SIDE, SIDE)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    // The scaled L is 2 cells thick; its corner cell sits bottom-left of the centre.
    const cornerRow = r.offset!.y + 19;
    const cornerCol = r.offset!.x;
    expect(r.pixels[cornerRow * SIDE + cornerCol]).toBeCloseTo(1, 6);
    expect(cornerRow).toBeGreaterThan(14);
    expect(cornerCol).toBeLessThan(14);
  });

  it('area-averages: halves become the mean of their source pixels', () => {
    // 40×40 box: left half ink 1, right half ink 0.5 → 20×20: left 10 columns 1, right 10 columns 0.5.
    const r = preprocessDigit(pad(40, 40, (x) => (x < 20 ? 1 : 0.5)), 40, 40);
    const { x: ox, y: oy } = r.offset!;
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) expect(r.pixels[(y + oy) * SIDE + x + ox]).toBeCloseTo(x < 10 ? 1 : 0.5, 6);
    }
  });

  it('weights partly covered source pixels by their overlap (30 → 20 columns)', () => {
    // Columns alternate 1, 0.5: target column 0 covers source 0 fully and half of source 1.
    const r = preprocessDigit(pad(30, 30, (x) => (x % 2 === 0 ? 1 : 0.5)), 30, 30);
    const { x: ox, y: oy } = r.offset!;
    const at = (x: number) => r.pixels[(oy + 5) * SIDE + ox + x]!;
    expect(at(0)).toBeCloseTo((1 * 1 + 0.5 * 0.5) / 1.5, 6);
    expect(at(1)).toBeCloseTo((0.5 * 0.5 + 1 * 1) / 1.5, 6);
    expect(Math.max(...r.pixels)).toBeLessThanOrEqual(1);
  });

  it('reads 0..255 bytes as 0..1 and works at any pad size', () => {
    const bytes = new Uint8ClampedArray(560 * 560);
    for (let y = 100; y < 300; y++) for (let x = 100; x < 300; x++) bytes[y * 560 + x] = 255;
    const fromBytes = preprocess(bytes, 560, 560);
    const fromFloats = preprocess(pad(280, 280, rect(50, 50, 150, 150)), 280, 280);
    expect(Array.from(fromBytes)).toEqual(Array.from(fromFloats));
  });

  it('scales a small dot up to the 20×20 box (as MNIST does)', () => {
    const r = preprocessDigit(pad(50, 50, rect(10, 10, 14, 14)), 50, 50);
    expect(r.scaled).toEqual({ width: 20, height: 20 });
    expect(inked(r.pixels)).toEqual(block(5, 24, 5, 24));
  });

  it('rejects an input whose length does not match its size', () => {
    expect(() => preprocess(new Float32Array(10), 4, 4)).toThrow(RangeError);
  });

  it('takes the alpha channel of RGBA bytes as ink', () => {
    const rgba = new Uint8ClampedArray([10, 20, 30, 0, 0, 0, 0, 255, 9, 9, 9, 128]);
    expect(Array.from(inkFromRgba(rgba, 3, 1))).toEqual([0, 255, 128]);
  });
});
