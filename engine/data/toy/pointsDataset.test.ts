import { describe, expect, it } from 'vitest';
import { pointsDataset, type PlanePointRow } from './pointsDataset';

const rows: PlanePointRow[] = Array.from({ length: 20 }, (_, i) => [i / 10, -i / 10, i % 2 === 0 ? 0 : 2]);

describe('pointsDataset', () => {
  it('keeps every point once, split by the seed, with the classes numbered as drawn', () => {
    const d = pointsDataset({ points: rows, seed: 3, testShare: 0.25 });
    expect(d.inputShape).toEqual([2]);
    expect(d.train.count + d.test.count).toBe(20);
    expect(d.test.count).toBe(5);
    expect(d.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2'] });
    const seen: string[] = [];
    for (const set of [d.train, d.test]) {
      for (let i = 0; i < set.count; i++) {
        const x1 = set.inputs[2 * i]!, x2 = set.inputs[2 * i + 1]!;
        const k = Math.round(x1 * 10);
        expect(x2).toBeCloseTo(-k / 10, 6);
        expect(set.labels![i]).toBe(k % 2 === 0 ? 0 : 2);
        seen.push(String(k));
      }
    }
    expect(new Set(seen).size).toBe(20);
    const again = pointsDataset({ points: rows, seed: 3, testShare: 0.25 });
    expect(Array.from(again.test.inputs)).toEqual(Array.from(d.test.inputs));
    expect(Array.from(pointsDataset({ points: rows, seed: 4, testShare: 0.25 }).test.inputs)).not.toEqual(Array.from(d.test.inputs));
  });

  it('refuses one class only, a class out of range and a non-finite coordinate', () => {
    expect(() => pointsDataset({ points: rows.map(([a, b]) => [a, b, 1] as const), seed: 1 })).toThrow(/two classes/);
    expect(() => pointsDataset({ points: [...rows, [0, 0, 6]], seed: 1 })).toThrow(/class 6/);
    expect(() => pointsDataset({ points: [...rows, [Number.NaN, 0, 1]], seed: 1 })).toThrow(/finite/);
  });
});
