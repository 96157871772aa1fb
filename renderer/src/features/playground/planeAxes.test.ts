import { afterEach, describe, expect, it, vi } from 'vitest';
import { planePalette } from './palette';
import { drawAxes } from './planeAxes';
import { plotArea } from './planeCoords';

describe('drawAxes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the ticks with the given number format and names both axes', () => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const texts = vi.spyOn(ctx, 'fillText');
    const french = (v: number, digits: number) => v.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const bounds = { xMin: -1.5, xMax: 1.5, yMin: -1, yMax: 1 };
    drawAxes(ctx, plotArea(400, { left: 44, right: 10, top: 18, bottom: 36 }), bounds, 400, planePalette('light', false), french);
    const written = texts.mock.calls.map((c) => c[0]);
    expect(written.slice(0, 7)).toEqual(['-1,5', '-1,0', '-0,5', '0,0', '0,5', '1,0', '1,5']);
    expect(written).toContain('x₁');
    expect(written).toContain('x₂');
  });

  it('uses fewer ticks on a small plot', () => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const texts = vi.spyOn(ctx, 'fillText');
    const bounds = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
    drawAxes(ctx, plotArea(200, { left: 44, right: 10, top: 18, bottom: 36 }), bounds, 200, planePalette('dark', false), (v, d) => v.toFixed(d));
    expect(texts.mock.calls.map((c) => c[0])).toEqual(['-1', '0', '1', '-1', '0', '1', 'x₁', 'x₂']);
  });

  it('names the axes as asked (z₁ z₂ on a code plane)', () => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const texts = vi.spyOn(ctx, 'fillText');
    const bounds = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
    drawAxes(ctx, plotArea(200, { left: 44, right: 10, top: 18, bottom: 36 }), bounds, 200, planePalette('light', false), (v, d) => v.toFixed(d), ['z₁', 'z₂']);
    expect(texts.mock.calls.map((c) => c[0]).slice(-2)).toEqual(['z₁', 'z₂']);
  });
});
