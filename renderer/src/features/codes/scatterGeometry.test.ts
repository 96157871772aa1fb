import { describe, expect, it } from 'vitest';
import { nearestPoint, scatterFrame, toCanvas } from './scatterGeometry';

describe('scatter geometry', () => {
  it('fits the points in the canvas with one scale for both axes, y upwards', () => {
    const points = Float32Array.from([0, 0, 10, 0, 10, 5]);
    const f = scatterFrame(points, 224, 224);
    expect(f.scale).toBeCloseTo(20);
    const [x0, y0] = toCanvas(f, 0, 0), [x1, y1] = toCanvas(f, 10, 5);
    expect(x0).toBeCloseTo(12);
    expect(x1).toBeCloseTo(212);
    expect(y1).toBeLessThan(y0);
    expect((y0 + y1) / 2).toBeCloseTo(112);
  });

  it('finds the nearest point within the radius only', () => {
    const points = Float32Array.from([0, 0, 10, 0, 10, 5]);
    const f = scatterFrame(points, 224, 224);
    const [x, y] = toCanvas(f, 10, 5);
    expect(nearestPoint(points, f, x + 3, y - 2)).toBe(2);
    expect(nearestPoint(points, f, x + 30, y)).toBe(-1);
  });

  it('survives a single point or non-finite positions', () => {
    const f = scatterFrame(Float32Array.from([3, 3, NaN, 1]), 100, 100);
    expect(Number.isFinite(f.scale)).toBe(true);
    expect(toCanvas(f, 3, 3).every(Number.isFinite)).toBe(true);
  });
});
