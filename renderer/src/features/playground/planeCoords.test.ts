import { describe, expect, it } from 'vitest';
import { isInside, moveCursor, nearestIndex, niceTicks, pixelsToPlane, pixelToPlane, planeToPixel, plotArea } from './planeCoords';

const bounds = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
const area = plotArea(340, { left: 30, right: 10, top: 10, bottom: 30 }); // a 300 × 300 plot

describe('plane ↔ pixel', () => {
  it('puts the plot inside the margins', () => {
    expect(area).toEqual({ left: 30, top: 10, width: 300, height: 300 });
    expect(plotArea(20, { left: 30, right: 10, top: 10, bottom: 30 }).width).toBe(0);
  });

  it('maps the corners and the centre, x₂ upwards', () => {
    expect(planeToPixel(area, bounds, -1.5, 1.5)).toEqual({ px: 30, py: 10 });
    expect(planeToPixel(area, bounds, 1.5, -1.5)).toEqual({ px: 330, py: 310 });
    expect(planeToPixel(area, bounds, 0, 0)).toEqual({ px: 180, py: 160 });
    expect(planeToPixel(area, bounds, 0.75, 0.75)).toEqual({ px: 255, py: 85 });
  });

  it('inverts exactly', () => {
    for (const [x1, x2] of [[0.3, -1.2], [-1.5, 1.5], [1.1, 0.7]] as const) {
      const { px, py } = planeToPixel(area, bounds, x1, x2);
      const back = pixelToPlane(area, bounds, px, py);
      expect(back.x1).toBeCloseTo(x1, 12);
      expect(back.x2).toBeCloseTo(x2, 12);
    }
  });

  it('tells inside from the margins and converts on-screen distances', () => {
    expect(isInside(area, 30, 10)).toBe(true);
    expect(isInside(area, 29, 100)).toBe(false);
    expect(isInside(area, 100, 311)).toBe(false);
    expect(pixelsToPlane(area, bounds, 10)).toBeCloseTo(0.1, 12);
  });
});

describe('niceTicks', () => {
  it('chooses round steps covering the range', () => {
    expect(niceTicks(-1.5, 1.5, 6)).toEqual({ values: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5], digits: 1 });
    expect(niceTicks(-1.5, 1.5, 3)).toEqual({ values: [-1, 0, 1], digits: 0 });
    expect(niceTicks(0, 0.3, 3)).toEqual({ values: [0, 0.1, 0.2, 0.3], digits: 1 });
    expect(niceTicks(-20, 60, 4)).toEqual({ values: [-20, 0, 20, 40, 60], digits: 0 });
  });

  it('gives nothing for an empty range', () => {
    expect(niceTicks(1, 1, 5).values).toEqual([]);
  });
});

describe('nearestIndex', () => {
  const points = [0, 0, 1, 1, 0.2, 0.1];

  it('finds the closest point within the radius', () => {
    expect(nearestIndex(points, 0.15, 0.1, 0.5)).toBe(2);
    expect(nearestIndex(points, 0.9, 0.9, 0.5)).toBe(1);
  });

  it('finds none beyond the radius or in an empty set', () => {
    expect(nearestIndex(points, -1, -1, 0.5)).toBe(-1);
    expect(nearestIndex([], 0, 0, 1)).toBe(-1);
  });
});

describe('moveCursor', () => {
  it('moves by a sixtieth of the plane, a tenth with Shift, x₂ up with ArrowUp', () => {
    expect(moveCursor({ x1: 0, x2: 0 }, 'ArrowRight', false, bounds)).toEqual({ x1: 0.05, x2: 0 });
    expect(moveCursor({ x1: 0, x2: 0 }, 'ArrowUp', true, bounds)).toEqual({ x1: 0, x2: expect.closeTo(0.3, 12) });
    expect(moveCursor({ x1: 0, x2: 0 }, 'ArrowDown', false, bounds)!.x2).toBeCloseTo(-0.05, 12);
  });

  it('stays inside the plane and ignores other keys', () => {
    expect(moveCursor({ x1: 1.49, x2: -1.5 }, 'ArrowRight', true, bounds)).toEqual({ x1: 1.5, x2: -1.5 });
    expect(moveCursor({ x1: 0, x2: -1.5 }, 'ArrowDown', false, bounds)).toEqual({ x1: 0, x2: -1.5 });
    expect(moveCursor({ x1: 0, x2: 0 }, 'Enter', false, bounds)).toBeNull();
  });
});
