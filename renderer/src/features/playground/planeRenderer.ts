/**
 * Draws the playground's plane on one canvas, kept for the component's whole life. The
 * boundary changes 15+ times a second during training while everything else (axes,
 * points) rarely does, so the picture is three layers: the boundary image (one pixel per
 * grid cell, in a small offscreen canvas, scaled up when composed), the axes and points
 * (an offscreen canvas at device resolution, redrawn only when they change) and the
 * probe marker. A frame composes them: two drawImage calls, at most once per animation frame.
 */
import { onThemeChange } from '../training/colors';
import { animationFrames, type FrameSource } from '../training/frameScheduler';
import { blend, divergingPosition, predictionImage, valueRange, type PredictionGrid, type ValueRange } from './boundaryImage';
import { planePalette, rgbCss, type PlanePalette, type ThemeName } from './palette';
import { drawAxes, type FormatNumber } from './planeAxes';
import {
  isInside, pixelToPlane, planeToPixel, plotArea, type Margins, type PlaneBounds, type PlanePoint, type PlotArea,
} from './planeCoords';

/** Points of one split: [count, 2] coordinates, with class labels or target values. */
export interface PointSet {
  points: Float32Array;
  labels?: Uint8Array | null;
  values?: Float32Array | null;
}

/** One split of a dataset of points in the plane, as the view draws it. */
export function pointSetOf(set: { inputs: ArrayLike<number>; labels?: Uint8Array | null; targets?: Float32Array | null }): PointSet {
  const points = set.inputs instanceof Float32Array ? set.inputs : Float32Array.from(set.inputs);
  return { points, labels: set.labels ?? null, values: set.targets ?? null };
}

/** What a click on the plane does; hovering always probes. */
export type PlaneMode = 'probe' | 'add' | 'erase';

// Left + right = top + bottom: the plot is square, like the plane.
export const MARGINS: Margins = { left: 44, right: 10, top: 18, bottom: 36 };
/** How far a confident region goes towards its class colour: points (full colour) stay visible on it. */
export const REGION_STRENGTH = 0.5;
const POINT_RADIUS = 4.5;
const DEFAULT_SIDE = 400;

export type { FormatNumber };

export class PlaneRenderer {
  #canvas: HTMLCanvasElement | null = null;
  #side = DEFAULT_SIDE;
  #ratio = 1;
  #bounds: PlaneBounds = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
  #grid: PredictionGrid | null = null;
  #train: PointSet | null = null;
  #test: PointSet | null = null;
  #showTest = true;
  #probe: PlanePoint | null = null;
  #theme: ThemeName = 'light';
  #format: FormatNumber = (v, d) => v.toFixed(d);
  #axisNames: readonly [string, string] = ['x₁', 'x₂'];
  #palette: PlanePalette | null = null;
  #legend: ValueRange | null = null;

  #boundary: HTMLCanvasElement | null = null;
  #boundaryImage: ImageData | null = null;
  #overlay: HTMLCanvasElement | null = null;
  #boundaryDirty = true;
  #overlayDirty = true;
  #frame: number | null = null;

  constructor(
    private readonly onLegend: (legend: ValueRange | null) => void = () => {},
    private readonly frames: FrameSource = animationFrames,
  ) {}

  /** Svelte attachment: follows the canvas's CSS size (square) and the device pixel ratio. */
  attach = (canvas: HTMLCanvasElement): (() => void) => {
    this.#canvas = canvas;
    this.#resize(canvas.getBoundingClientRect().width || DEFAULT_SIDE);
    const observer = typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => this.#resize(entries[0]?.contentRect.width ?? this.#side));
    observer?.observe(canvas);
    // The colours come from CSS variables: read them again whenever <html>'s theme attribute
    // changes, even if that happens after the theme name we were given changed.
    const stopTheme = onThemeChange(() => this.setStyle(this.#theme, this.#format));
    return () => {
      observer?.disconnect();
      stopTheme();
      if (this.#frame !== null) this.frames.cancel(this.#frame);
      this.#frame = null;
      if (this.#canvas === canvas) this.#canvas = null;
    };
  };

  setGrid(grid: PredictionGrid | null): void {
    this.#grid = grid;
    this.#boundaryDirty = true;
    this.#schedule();
  }

  setPoints(train: PointSet | null, test: PointSet | null, showTest: boolean): void {
    this.#train = train;
    this.#test = test;
    this.#showTest = showTest;
    this.#invalidateOverlay();
  }

  setBounds(bounds: PlaneBounds): void {
    this.#bounds = bounds;
    this.#invalidateOverlay();
  }

  /** What the axes are called (x₁ x₂ for a sample's inputs, z₁ z₂ for a code). */
  setAxisNames(names: readonly [string, string]): void {
    if (names[0] === this.#axisNames[0] && names[1] === this.#axisNames[1]) return;
    this.#axisNames = names;
    this.#invalidateOverlay();
  }

  /** Theme or language changed: colours are read again from the CSS at the next frame. */
  setStyle(theme: ThemeName, format: FormatNumber): void {
    this.#theme = theme;
    this.#format = format;
    this.#palette = null;
    this.#boundaryDirty = true;
    this.#invalidateOverlay();
  }

  setProbe(probe: PlanePoint | null): void {
    this.#probe = probe;
    this.#schedule();
  }

  get area(): PlotArea {
    return plotArea(this.#side, MARGINS);
  }

  /** Where a pointer event falls on the plane; null outside the plot (margins, axes). */
  planeAt(clientX: number, clientY: number): PlanePoint | null {
    if (!this.#canvas) return null;
    const rect = this.#canvas.getBoundingClientRect();
    const scale = rect.width > 0 ? this.#side / rect.width : 1;
    const px = (clientX - rect.left) * scale;
    const py = (clientY - rect.top) * scale;
    return isInside(this.area, px, py) ? pixelToPlane(this.area, this.#bounds, px, py) : null;
  }

  /** Draws now what is pending (tests; the frame callback). */
  flush(): void {
    this.#frame = null;
    const canvas = this.#canvas;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    this.#palette ??= planePalette(this.#theme);
    if (this.#boundaryDirty) this.#drawBoundary(this.#palette);
    if (this.#overlayDirty) this.#drawOverlay(this.#palette);
    const area = this.area;
    const r = this.#ratio;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (this.#grid && this.#boundary) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.#boundary, area.left * r, area.top * r, area.width * r, area.height * r);
    }
    if (this.#overlay) ctx.drawImage(this.#overlay, 0, 0);
    if (this.#probe) this.#drawProbe(ctx, this.#palette);
  }

  #resize(side: number): void {
    const canvas = this.#canvas;
    if (!canvas || side <= 0) return;
    this.#side = side;
    this.#ratio = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
    const device = Math.round(side * this.#ratio);
    // Only when it differs: setting width clears the canvas even to the same value.
    if (canvas.width !== device) canvas.width = canvas.height = device;
    this.#invalidateOverlay();
  }

  #invalidateOverlay(): void {
    this.#overlayDirty = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#frame === null && this.#canvas) this.#frame = this.frames.request(() => this.flush());
  }

  #drawBoundary(palette: PlanePalette): void {
    this.#boundaryDirty = false;
    const grid = this.#grid;
    let legend: ValueRange | null = null;
    if (grid) {
      const n = grid.resolution;
      if (!this.#boundary || this.#boundary.width !== n) {
        this.#boundary ??= document.createElement('canvas');
        this.#boundary.width = this.#boundary.height = n;
        this.#boundaryImage = null;
      }
      const ctx = this.#boundary.getContext('2d');
      this.#boundaryImage ??= ctx?.createImageData(n, n) ?? null;
      if (ctx && this.#boundaryImage) {
        const colors = { ...palette, strength: REGION_STRENGTH };
        legend = predictionImage(grid, colors, this.#boundaryImage.data).legend;
        ctx.putImageData(this.#boundaryImage, 0, 0);
      }
    }
    if (legend?.min !== this.#legend?.min || legend?.max !== this.#legend?.max) {
      this.#legend = legend;
      // Regression points are coloured on the grid's scale, which has just moved.
      this.#overlayDirty = true;
      this.onLegend(legend);
    }
  }

  #drawOverlay(palette: PlanePalette): void {
    this.#overlayDirty = false;
    const canvas = this.#canvas!;
    this.#overlay ??= document.createElement('canvas');
    if (this.#overlay.width !== canvas.width) this.#overlay.width = this.#overlay.height = canvas.width;
    const ctx = this.#overlay.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.#overlay.width, this.#overlay.height);
    ctx.setTransform(this.#ratio, 0, 0, this.#ratio, 0, 0);
    drawAxes(ctx, this.area, this.#bounds, this.#side, palette, this.#format, this.#axisNames);
    // The regression scale: the grid's when there is one, else the points' own.
    const range = this.#legend ?? (this.#train?.values ? valueRange(this.#train.values) : null);
    if (this.#train) this.#drawPoints(ctx, palette, this.#train, false, range);
    if (this.#test && this.#showTest) this.#drawPoints(ctx, palette, this.#test, true, range);
  }

  #drawPoints(ctx: CanvasRenderingContext2D, palette: PlanePalette, set: PointSet, hollow: boolean, range: ValueRange | null): void {
    const area = this.area;
    const outline = rgbCss(palette.text, 0.85);
    const count = set.points.length >> 1;
    for (let i = 0; i < count; i++) {
      const { px, py } = planeToPixel(area, this.#bounds, set.points[2 * i]!, set.points[2 * i + 1]!);
      if (!isInside(area, px, py)) continue;
      const color = rgbCss(this.#pointColor(palette, set, i, range));
      ctx.beginPath();
      ctx.arc(px, py, POINT_RADIUS, 0, Math.PI * 2);
      if (hollow) {
        // A ring in the class colour between two thin outlines: readable on any region.
        ctx.lineWidth = 3.5;
        ctx.strokeStyle = outline;
        ctx.stroke();
        ctx.lineWidth = 2;
        ctx.strokeStyle = color;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = outline;
        ctx.stroke();
      }
    }
  }

  #pointColor(palette: PlanePalette, set: PointSet, i: number, range: ValueRange | null): readonly [number, number, number] {
    if (set.labels) return palette.classes[set.labels[i]! % palette.classes.length]!;
    const t = set.values && range ? divergingPosition(set.values[i]!, range) : 0;
    return blend(palette.background, t < 0 ? palette.low : palette.high, Math.abs(t));
  }

  #drawProbe(ctx: CanvasRenderingContext2D, palette: PlanePalette): void {
    const { px, py } = planeToPixel(this.area, this.#bounds, this.#probe!.x1, this.#probe!.x2);
    ctx.setTransform(this.#ratio, 0, 0, this.#ratio, 0, 0);
    ctx.lineWidth = 2;
    ctx.strokeStyle = rgbCss(palette.text);
    ctx.beginPath();
    ctx.arc(px, py, 7, 0, Math.PI * 2);
    ctx.moveTo(px - 11, py);
    ctx.lineTo(px - 4, py);
    ctx.moveTo(px + 4, py);
    ctx.lineTo(px + 11, py);
    ctx.moveTo(px, py - 11);
    ctx.lineTo(px, py - 4);
    ctx.moveTo(px, py + 4);
    ctx.lineTo(px, py + 11);
    ctx.stroke();
  }
}
