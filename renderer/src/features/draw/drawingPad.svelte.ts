/**
 * The drawing pad: strokes made with a mouse, a finger or a pen (Pointer Events, with
 * pointer capture so a stroke that leaves the pad still ends), drawn like a marker.
 * Strokes are kept as points so the pad can be redrawn (theme change, resize). After
 * each stroke the canvas's ink (its alpha channel: the pad is transparent, the paper is
 * CSS) is preprocessed into MNIST's 28×28 and handed to `onDigit`.
 */
import { inkFromRgba, preprocessDigit } from './preprocess';

/** The pad is read back after every stroke. */
const CONTEXT: CanvasRenderingContext2DSettings = { willReadFrequently: true };

export interface Point {
  x: number;
  y: number;
}

export interface DrawingPadOptions {
  /** Side of the pad in CSS pixels. */
  size?: number;
  /** Marker width in CSS pixels. */
  lineWidth?: number;
  /** Called after each stroke and on clear: the 784 grey levels, or null for an empty pad. */
  onDigit?: (pixels: Float32Array | null) => void;
}

export class DrawingPad {
  readonly size: number;
  readonly lineWidth: number;
  /** The pad holds some ink. */
  hasInk = $state(false);
  /** A stroke is being drawn. */
  drawing = $state(false);
  /** The preprocessed digit after the last stroke (null: empty pad). */
  digit = $state.raw<Float32Array | null>(null);

  #strokes: Point[][] = [];
  #current: Point[] | null = null;
  #pointerId: number | null = null;
  #canvas: HTMLCanvasElement | null = null;
  readonly #onDigit: (pixels: Float32Array | null) => void;

  constructor(options: DrawingPadOptions = {}) {
    this.size = options.size ?? 280;
    this.lineWidth = options.lineWidth ?? 22;
    this.#onDigit = options.onDigit ?? (() => {});
  }

  /** Svelte attachment for the pad's canvas: sizes it and listens to the pointer. */
  attach = (canvas: HTMLCanvasElement): (() => void) => {
    this.#canvas = canvas;
    const ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    canvas.width = Math.round(this.size * ratio);
    canvas.height = Math.round(this.size * ratio);
    const listeners: [string, (e: PointerEvent) => void][] = [
      ['pointerdown', this.pointerDown],
      ['pointermove', this.pointerMove],
      ['pointerup', this.pointerUp],
      ['pointercancel', this.pointerUp],
      ['lostpointercapture', this.pointerUp],
    ];
    for (const [type, fn] of listeners) canvas.addEventListener(type, fn as EventListener);
    this.render();
    return () => {
      for (const [type, fn] of listeners) canvas.removeEventListener(type, fn as EventListener);
      if (this.#canvas === canvas) this.#canvas = null;
    };
  };

  /** Where a pointer event falls, in pad coordinates (0..size). */
  #point(e: PointerEvent): Point {
    const rect = this.#canvas!.getBoundingClientRect();
    const sx = rect.width > 0 ? this.size / rect.width : 1;
    const sy = rect.height > 0 ? this.size / rect.height : 1;
    return { x: (e.clientX - rect.left) * sx, y: (e.clientY - rect.top) * sy };
  }

  pointerDown = (e: PointerEvent): void => {
    if (this.#pointerId !== null || !this.#canvas || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.#pointerId = e.pointerId;
    try {
      this.#canvas.setPointerCapture(e.pointerId);
    } catch {
      // No capture (synthetic events): the stroke still ends on pointerup over the pad.
    }
    this.#current = [this.#point(e)];
    this.#strokes.push(this.#current);
    this.drawing = true;
    this.hasInk = true;
    this.render();
  };

  pointerMove = (e: PointerEvent): void => {
    if (e.pointerId !== this.#pointerId || !this.#current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [e]) this.#current.push(this.#point(ev));
    this.render();
  };

  pointerUp = (e: PointerEvent): void => {
    if (e.pointerId !== this.#pointerId) return;
    this.#pointerId = null;
    this.#current = null;
    this.drawing = false;
    this.commit();
  };

  clear(): void {
    this.#strokes = [];
    this.#current = null;
    this.#pointerId = null;
    this.drawing = false;
    this.hasInk = false;
    this.render();
    this.digit = null;
    this.#onDigit(null);
  }

  /** Draws every stroke again (e.g. in the theme's new ink colour). */
  render(): void {
    const canvas = this.#canvas;
    const ctx = canvas?.getContext('2d', CONTEXT);
    if (!canvas || !ctx) return;
    const ratio = canvas.width / this.size;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const ink = getComputedStyle(canvas).color || '#000';
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineWidth = this.lineWidth;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const stroke of this.#strokes) drawStroke(ctx, stroke, this.lineWidth);
  }

  /** Preprocesses what is on the canvas and reports it. */
  commit(): void {
    const canvas = this.#canvas;
    const ctx = canvas?.getContext('2d', CONTEXT);
    if (!canvas || !ctx || !this.hasInk) {
      this.digit = null;
      this.#onDigit(null);
      return;
    }
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const result = preprocessDigit(inkFromRgba(data, canvas.width, canvas.height), canvas.width, canvas.height);
    this.digit = result.empty ? null : result.pixels;
    this.#onDigit(this.digit);
  }
}

/** A smooth marker stroke: quadratic curves through the midpoints of successive points. */
function drawStroke(ctx: CanvasRenderingContext2D, points: Point[], width: number): void {
  const first = points[0];
  if (!first) return;
  if (points.length === 1) {
    ctx.beginPath();
    ctx.arc(first.x, first.y, width / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.beginPath();
  ctx.moveTo(first.x, first.y);
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    ctx.quadraticCurveTo(p.x, p.y, (p.x + q.x) / 2, (p.y + q.y) / 2);
  }
  const last = points[points.length - 1]!;
  ctx.lineTo(last.x, last.y);
  ctx.stroke();
}
