import { describe, expect, it } from 'vitest';
import { decadesOf, formatSize, layerColor } from './insideChart.svelte';

describe('formatSize', () => {
  it('writes sizes the language’s way, tiny and huge ones as powers of ten', () => {
    expect(formatSize('en', 0)).toBe('0');
    expect(formatSize('en', 0.00012)).toBe('0.00012');
    expect(formatSize('fr', 0.00012)).toBe('0,00012');
    expect(formatSize('fr', 3.6e-5)).toBe('3,6 × 10⁻⁵');
    expect(formatSize('en', 1e-7)).toBe('1 × 10⁻⁷');
    expect(formatSize('en', 9.96e-6)).toBe('1 × 10⁻⁵');
    expect(formatSize('en', 2.5e6)).toBe('2.5 × 10⁶');
    expect(formatSize('fr', -1.5)).toBe('-1,5');
  });

  it('colours the layers from the first series colour to the second', () => {
    const colors = { text: '', muted: '', border: '', surface: '', series: ['#000000', '#ff0000', '#000', '#000'] as [string, string, string, string] };
    expect([0, 1, 2].map((i) => layerColor(colors, i, 3))).toEqual(['rgb(0, 0, 0)', 'rgb(128, 0, 0)', 'rgb(255, 0, 0)']);
  });

  it('spans the log axis over whole decades around the data', () => {
    const line = (ys: number[]) => ({ index: 1, name: 'd', activation: null, grad: ys.map((y, x) => ({ x, y })), ratio: [] });
    expect(decadesOf([line([2.6e-4, 0.003]), line([0.3])], 'grad')).toEqual({ min: 1e-4, max: 1 });
    expect(decadesOf([line([1, 1])], 'grad')).toEqual({ min: 1, max: 10 });
    expect(decadesOf([line([0.5])], 'ratio')).toBeNull();
  });
});
