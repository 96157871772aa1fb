/**
 * The decoder map's plane: the square of 2-number codes it shows, framed on the test images'
 * codes with a margin (so that the student can also decode a little beyond where the digits
 * live), and those codes as the plane view's points, coloured by their true digit.
 */
import type { TestCodes } from '../../../../electron/ipc/contract';
import type { PlaneBounds } from '../playground/planeCoords';
import type { PointSet } from '../playground/planeRenderer';

/** Before any code is known: a tanh code's square. */
export const DEFAULT_CODE_BOUNDS: PlaneBounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

/** The share of the codes' span added on each side. */
export const MARGIN = 0.1;

/** The codes' extent along each axis, widened by MARGIN (and to at least 0.2 for codes all in one place). */
export function codePlaneBounds(codes: Pick<TestCodes, 'codes' | 'count' | 'dim'> | null): PlaneBounds {
  if (!codes || codes.dim !== 2 || codes.count === 0) return DEFAULT_CODE_BOUNDS;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i < codes.count; i++) {
    const x = codes.codes[2 * i]!, y = codes.codes[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (!(xMin <= xMax && yMin <= yMax)) return DEFAULT_CODE_BOUNDS;
  const widen = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, 0.2);
    const mid = (lo + hi) / 2;
    return [mid - span / 2 - span * MARGIN, mid + span / 2 + span * MARGIN];
  };
  const [x0, x1] = widen(xMin, xMax), [y0, y1] = widen(yMin, yMax);
  return { xMin: x0, xMax: x1, yMin: y0, yMax: y1 };
}

/** The test codes as points of the plane view, labelled by digit. */
export function codePoints(codes: Pick<TestCodes, 'codes' | 'labels'>): PointSet {
  return { points: Float32Array.from(codes.codes), labels: Uint8Array.from(codes.labels), values: null };
}

/** The digits present among the labels, in order (the legend's entries). */
export function presentLabels(labels: readonly number[]): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}
