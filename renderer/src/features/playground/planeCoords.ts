/**
 * Plane ↔ pixel mapping for the playground's square view. The plot is a square inside
 * the canvas, inset by margins that hold the axes' tick labels; x₁ grows to the right,
 * x₂ grows upwards (pixel y grows downwards, hence the flip). All sizes in CSS pixels.
 */
export interface PlaneBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlanePoint {
  x1: number;
  x2: number;
}

/** The plot's rectangle in a canvas of `side` × `side` CSS pixels (never negative). */
export function plotArea(side: number, margins: Margins): PlotArea {
  return {
    left: margins.left,
    top: margins.top,
    width: Math.max(0, side - margins.left - margins.right),
    height: Math.max(0, side - margins.top - margins.bottom),
  };
}

export function planeToPixel(area: PlotArea, bounds: PlaneBounds, x1: number, x2: number): { px: number; py: number } {
  return {
    px: area.left + ((x1 - bounds.xMin) / (bounds.xMax - bounds.xMin)) * area.width,
    py: area.top + ((bounds.yMax - x2) / (bounds.yMax - bounds.yMin)) * area.height,
  };
}

export function pixelToPlane(area: PlotArea, bounds: PlaneBounds, px: number, py: number): PlanePoint {
  return {
    x1: bounds.xMin + ((px - area.left) / area.width) * (bounds.xMax - bounds.xMin),
    x2: bounds.yMax - ((py - area.top) / area.height) * (bounds.yMax - bounds.yMin),
  };
}

export function isInside(area: PlotArea, px: number, py: number): boolean {
  return px >= area.left && px <= area.left + area.width && py >= area.top && py <= area.top + area.height;
}

/** A distance of `pixels` on screen, in plane units along x₁ (what "near the pointer" means). */
export function pixelsToPlane(area: PlotArea, bounds: PlaneBounds, pixels: number): number {
  return area.width > 0 ? (pixels / area.width) * (bounds.xMax - bounds.xMin) : 0;
}

/**
 * Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering [min, max], about `count` of
 * them, and the number of decimals they need. Values are snapped to the step so that
 * 0.30000000000000004 prints as 0.3.
 */
export function niceTicks(min: number, max: number, count: number): { values: number[]; digits: number } {
  if (!(max > min) || count < 1) return { values: [], digits: 0 };
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    values.push(Number(v.toFixed(digits)));
  }
  return { values, digits };
}

/**
 * Index of the point of a flat [x1, x2, x1, x2, …] array closest to (x1, x2), if it lies
 * within `radius`; −1 otherwise.
 */
export function nearestIndex(points: ArrayLike<number>, x1: number, x2: number, radius: number): number {
  let best = -1;
  let bestD2 = radius * radius;
  for (let i = 0; i * 2 + 1 < points.length; i++) {
    const dx = points[i * 2]! - x1;
    const dy = points[i * 2 + 1]! - x2;
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}

/**
 * The keyboard cursor after an arrow key (1/60 of the plane per press, 1/10 with Shift),
 * kept inside the plane; null for any other key.
 */
export function moveCursor(at: PlanePoint, key: string, fast: boolean, bounds: PlaneBounds): PlanePoint | null {
  const step = fast ? 1 / 10 : 1 / 60;
  const dx = (bounds.xMax - bounds.xMin) * step;
  const dy = (bounds.yMax - bounds.yMin) * step;
  const moves: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
  const move = moves[key];
  if (!move) return null;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { x1: clamp(at.x1 + move[0], bounds.xMin, bounds.xMax), x2: clamp(at.x2 + move[1], bounds.yMin, bounds.yMax) };
}
