import { describe, expect, it } from 'vitest';
import { byConfidence, cellBackground, cellShade, examplesFromTest, rowTotals } from './confusion';
import { example, testResult } from './testing/fakeApi';
import { formatDuration } from './format';

describe('confusion colour scale', () => {
  it('is empty for zero, grows with the share of the row, and needs light text only when dark', () => {
    expect(cellShade(0, 100, false)).toEqual({ mix: 0, strong: false, tone: 'mistake' });
    const small = cellShade(1, 100, false), big = cellShade(98, 100, true);
    expect(small.mix).toBeGreaterThan(0);
    expect(small.mix).toBeLessThan(big.mix);
    expect(big.mix).toBeLessThanOrEqual(88);
    expect(big).toMatchObject({ strong: true, tone: 'correct' });
    expect(small.strong).toBe(false);
  });

  it('is written in theme variables only, so it follows light and dark', () => {
    expect(cellBackground(cellShade(0, 10, true))).toBe('var(--surface)');
    expect(cellBackground(cellShade(10, 10, true))).toBe('color-mix(in srgb, var(--accent) 88%, var(--surface))');
    expect(cellBackground(cellShade(1, 4, false))).toBe('color-mix(in srgb, var(--danger) 48%, var(--surface))');
  });

  it('sums rows', () => {
    expect(rowTotals([[1, 2], [3, 4]])).toEqual([3, 7]);
  });
});

describe('cell examples', () => {
  it('sorts by confidence, most confident first, ties by index', () => {
    const sorted = byConfidence([example(3, 1, 1, 0.5), example(1, 1, 1, 0.9), example(2, 1, 1, 0.5)]);
    expect(sorted.map((e) => e.index)).toEqual([1, 2, 3]);
  });

  it('uses the misclassified list when it covers the cell, never for the diagonal', () => {
    const test = testResult();
    expect(examplesFromTest(test, 4, 9)!.map((e) => e.index)).toEqual([12, 13, 11]);
    expect(examplesFromTest(test, 3, 3)).toBeNull();
    const truncated = { ...test, misclassified: test.misclassified.slice(0, 2), misclassifiedCount: 5 };
    expect(examplesFromTest(truncated, 4, 9)).toBeNull(); // 2 of its 3 listed
    expect(examplesFromTest(truncated, 7, 1)).toBeNull();
  });
});

describe('durations', () => {
  it('reads naturally', () => {
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(0.64)).toBe('0.6 s');
    expect(formatDuration(2.25, (v, d) => v.toFixed(d).replace('.', ','))).toBe('2,3 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
