import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng';
import { DEFAULT_NOISE, generateToy, surfaceValue, TOY_KINDS, type ToyKind } from './generators';

const make = (kind: ToyKind, seed: number, count = 400, noise?: number) =>
  generateToy(kind, { count, ...(noise === undefined ? {} : { noise }) }, new Rng(seed));

describe('2-D toy datasets', () => {
  it('are the same for the same seed and differ for another', () => {
    for (const kind of TOY_KINDS) {
      const a = make(kind, 7), b = make(kind, 7), c = make(kind, 8);
      expect(Array.from(a.points), kind).toEqual(Array.from(b.points));
      expect(Array.from(a.points), kind).not.toEqual(Array.from(c.points));
    }
  });

  it('give every class its share and finite points in the view', () => {
    for (const kind of TOY_KINDS) {
      const d = make(kind, 1, 301);
      expect(d.count).toBe(301);
      expect(d.points.length).toBe(602);
      for (const v of d.points) expect(Math.abs(v), kind).toBeLessThan(2.5);
      if (kind === 'surface') {
        expect(d.labels).toBeNull();
        expect(d.values!.length).toBe(301);
        continue;
      }
      const counts = new Array(d.classes).fill(0);
      for (const l of d.labels!) counts[l]++;
      for (const n of counts) expect(Math.abs(n - 301 / d.classes), kind).toBeLessThanOrEqual(1);
    }
  });

  it('draw the shapes they are named for (no jitter)', () => {
    const circles = make('circles', 3, 200, 0);
    for (let i = 0; i < 200; i++) {
      const r = Math.hypot(circles.points[2 * i]!, circles.points[2 * i + 1]!);
      expect(r).toBeCloseTo(circles.labels![i] === 0 ? 1 : 0.5, 5);
    }
    const xor = make('xor', 3, 200, 0);
    for (let i = 0; i < 200; i++) {
      const same = Math.sign(xor.points[2 * i]!) === Math.sign(xor.points[2 * i + 1]!);
      expect(same).toBe(xor.labels![i] === 0);
    }
    const blobs = make('blobs', 3, 200, 0);
    for (let i = 0; i < 200; i++) expect(blobs.points[2 * i]! > 0).toBe(blobs.labels![i] === 1);
    const surface = make('surface', 3, 50, 0);
    for (let i = 0; i < 50; i++) {
      expect(surface.values![i]).toBeCloseTo(surfaceValue(surface.points[2 * i]!, surface.points[2 * i + 1]!), 5);
    }
  });

  it('makes a 3-arm spiral with 3 classes', () => {
    const d = generateToy('spiral', { count: 300, arms: 3 }, new Rng(1));
    expect(d.classes).toBe(3);
    expect(new Set(d.labels).size).toBe(3);
  });

  it('uses the default jitter when none is given and refuses a bad count', () => {
    expect(Array.from(make('moons', 5).points)).toEqual(Array.from(make('moons', 5, 400, DEFAULT_NOISE.moons).points));
    expect(() => generateToy('moons', { count: 0 }, new Rng(1))).toThrow(RangeError);
  });
});
