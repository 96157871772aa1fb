/**
 * Where the code-space scatter puts its points: the positions' bounding box, padded and
 * kept square-ish (the 2-D picture's axes have the same unit), mapped to the canvas; and
 * which point the pointer is on.
 */
export interface ScatterFrame {
  /** Canvas pixels (CSS) of the drawing area. */
  width: number;
  height: number;
  /** Data → canvas: x' = ox + s·x, y' = oy − s·y (y upwards). */
  scale: number;
  ox: number;
  oy: number;
}

const PAD = 12;

export function scatterFrame(points: Float32Array, width: number, height: number): ScatterFrame {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!, y = points[i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!(minX <= maxX)) [minX, maxX, minY, maxY] = [-1, 1, -1, 1];
  const spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * PAD) / spanX, (height - 2 * PAD) / spanY);
  const ox = width / 2 - scale * (minX + maxX) / 2, oy = height / 2 + scale * (minY + maxY) / 2;
  return { width, height, scale, ox, oy };
}

export function toCanvas(f: ScatterFrame, x: number, y: number): [number, number] {
  return [f.ox + f.scale * x, f.oy - f.scale * y];
}

/** The point nearest to canvas position (cx, cy) within `radius` pixels, or -1. */
export function nearestPoint(points: Float32Array, f: ScatterFrame, cx: number, cy: number, radius = 8): number {
  let best = -1, bestD = radius * radius;
  for (let i = 0; i * 2 + 1 < points.length; i++) {
    const [px, py] = toCanvas(f, points[2 * i]!, points[2 * i + 1]!);
    const d = (px - cx) ** 2 + (py - cy) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}
