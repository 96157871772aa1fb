/**
 * The geometry of a small function plot: the SVG path of each curve within a view box, and the
 * range the curves span, so the components that plot activations and losses share one scale.
 */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** [min, max] of the finite values of all curves, widened to include `include` and never empty. */
export function valueRange(curves: readonly ArrayLike<number>[], include: readonly number[] = []): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const c of curves) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i]!;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  for (const v of include) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/** `range` cut to `limits` when given. */
export function clampRange(range: [number, number], limits?: readonly [number, number]): [number, number] {
  return limits ? [Math.max(range[0], limits[0]), Math.min(range[1], limits[1])] : range;
}

export const toX = (box: PlotBox, v: number) => ((v - box.x[0]) / (box.x[1] - box.x[0])) * box.width;
export const toY = (box: PlotBox, v: number) => box.height - ((v - box.y[0]) / (box.y[1] - box.y[0])) * box.height;

/** The polyline through (xs[i], ys[i]), clipped to the box's value range (a jump leaves a gap). */
export function curvePath(box: PlotBox, xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  let d = '', pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]!;
    if (!Number.isFinite(v) || v < box.y[0] || v > box.y[1]) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${toX(box, xs[i]!).toFixed(1)} ${toY(box, v).toFixed(1)}`;
    pen = true;
  }
  return d;
}
