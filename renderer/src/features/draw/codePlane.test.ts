import { describe, expect, it } from 'vitest';
import { codePlaneBounds, codePoints, DEFAULT_CODE_BOUNDS, presentLabels } from './codePlane';

describe('codePlane', () => {
  it('frames the codes with a tenth of their span on each side', () => {
    const b = codePlaneBounds({ dim: 2, count: 3, codes: [-0.5, 0, 0.5, 1, 0, 2] });
    expect(b.xMin).toBeCloseTo(-0.6);
    expect(b.xMax).toBeCloseTo(0.6);
    expect(b.yMin).toBeCloseTo(-0.2);
    expect(b.yMax).toBeCloseTo(2.2);
  });

  it('keeps a square around codes all in one place, skips non-finite ones, and falls back without codes', () => {
    const b = codePlaneBounds({ dim: 2, count: 2, codes: [0.3, 0.3, Number.NaN, 5] });
    expect(b.xMin).toBeCloseTo(0.18);
    expect(b.xMax).toBeCloseTo(0.42);
    expect(codePlaneBounds(null)).toEqual(DEFAULT_CODE_BOUNDS);
    expect(codePlaneBounds({ dim: 3, count: 1, codes: [1, 2, 3] })).toEqual(DEFAULT_CODE_BOUNDS);
  });

  it('turns codes into labelled points and lists the digits present', () => {
    const p = codePoints({ codes: [1, 2, 3, 4], labels: [7, 2] });
    expect(Array.from(p.points)).toEqual([1, 2, 3, 4]);
    expect(Array.from(p.labels!)).toEqual([7, 2]);
    expect(presentLabels([7, 2, 7, 0])).toEqual([0, 2, 7]);
  });
});
