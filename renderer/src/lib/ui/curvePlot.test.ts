import { describe, expect, it } from 'vitest';
import { clampRange, curvePath, valueRange } from './curvePlot';

describe('curve plot geometry', () => {
  it('spans the finite values with a margin, and includes the asked values', () => {
    const [lo, hi] = valueRange([[0, 1, Infinity], [0.5]], [-1]);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(1);
    expect(valueRange([[2, 2]])).toEqual([1.5, 2.5]);
  });

  it('draws the points inside the box and breaks the line where a value leaves it', () => {
    const box = { width: 100, height: 50, x: [0, 2] as const, y: [0, 1] as const };
    expect(curvePath(box, [0, 1, 2], [0, 1, 0.5])).toBe('M0.0 50.0L50.0 0.0L100.0 25.0');
    expect(curvePath(box, [0, 1, 2], [0, 5, 0.5])).toBe('M0.0 50.0M100.0 25.0');
  });

  it('cuts the range to the limits asked', () => {
    expect(clampRange([-50, 3], [-4, 4])).toEqual([-4, 3]);
    expect(clampRange([-1, 2])).toEqual([-1, 2]);
  });
});
