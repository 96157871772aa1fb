/**
 * The 2-D teaching datasets of the course (documents 000, 003, 004): points in the plane
 * with a class (or, for `surface`, a value), each set drawn from a seeded `Rng` so the same
 * seed always gives the same points. Coordinates stay roughly within [-1.5, 1.5] so one
 * view of the plane fits them all.
 *
 * `noise` is the standard deviation of the Gaussian jitter added to each point, in the
 * plane's units (0 = the exact shape); each generator has its own sensible default.
 */
import type { Rng } from '../../core/rng';

export const TOY_KINDS = ['blobs', 'circles', 'xor', 'moons', 'spiral', 'surface'] as const;
export type ToyKind = (typeof TOY_KINDS)[number];

export function isToyKind(v: unknown): v is ToyKind {
  return typeof v === 'string' && (TOY_KINDS as readonly string[]).includes(v);
}

/** `count` points: `points` is `[count, 2]`; `labels` (classes) or `values` (regression) per point. */
export interface ToyPoints {
  readonly count: number;
  readonly points: Float32Array;
  readonly labels: Uint8Array | null;
  readonly values: Float32Array | null;
  /** Number of classes (0 for regression). */
  readonly classes: number;
}

export interface ToyOptions {
  /** Number of points, 50–2,000 in the app (any positive whole number here). */
  readonly count: number;
  /** Jitter's standard deviation; the generator's default when absent. */
  readonly noise?: number;
  /** Spiral arms (= classes), 2 or 3. */
  readonly arms?: 2 | 3;
}

/** The jitter each generator uses when none is given: enough to look like data, not enough to hide the shape. */
export const DEFAULT_NOISE: Readonly<Record<ToyKind, number>> = {
  blobs: 0.35, circles: 0.08, xor: 0.08, moons: 0.12, spiral: 0.05, surface: 0.05,
};

/** Draws the points of `kind`; classes alternate point by point so every class gets its share. */
export function generateToy(kind: ToyKind, opts: ToyOptions, rng: Rng): ToyPoints {
  const count = opts.count;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`count must be a positive whole number (got ${count})`);
  const noise = opts.noise ?? DEFAULT_NOISE[kind];
  const points = new Float32Array(count * 2);
  const classes = kind === 'surface' ? 0 : kind === 'spiral' ? (opts.arms ?? 2) : 2;
  const labels = classes > 0 ? new Uint8Array(count) : null;
  const values = classes === 0 ? new Float32Array(count) : null;
  const jitter = () => (noise > 0 ? noise * rng.normal() : 0);

  for (let i = 0; i < count; i++) {
    const label = classes > 0 ? i % classes : 0;
    let x: number, y: number;
    switch (kind) {
      case 'blobs': {
        // Two round clouds on the diagonal: one straight line separates them.
        const c = label === 0 ? -0.7 : 0.7;
        x = c + jitter();
        y = c + jitter();
        break;
      }
      case 'circles': {
        // A ring around a disc (sklearn's make_circles, factor 0.5): no line separates them.
        const r = label === 0 ? 1 : 0.5;
        const a = rng.uniform(0, 2 * Math.PI);
        x = r * Math.cos(a) + jitter();
        y = r * Math.sin(a) + jitter();
        break;
      }
      case 'xor': {
        // Opposite quadrants share a class; a margin keeps points off the axes before the jitter.
        const sx = rng.next() < 0.5 ? -1 : 1;
        const sy = label === 0 ? sx : -sx;
        x = sx * rng.uniform(0.1, 1) + jitter();
        y = sy * rng.uniform(0.1, 1) + jitter();
        break;
      }
      case 'moons': {
        // Two interleaved half circles (sklearn's make_moons), centred on the origin.
        const t = rng.uniform(0, Math.PI);
        x = (label === 0 ? Math.cos(t) : 1 - Math.cos(t)) - 0.5 + jitter();
        y = (label === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) - 0.25 + jitter();
        break;
      }
      case 'spiral': {
        // Arms winding out from the centre, one per class (the CS231n spiral).
        const r = rng.next();
        const t = (label * 2 * Math.PI) / classes + r * 1.75 * Math.PI;
        x = 1.2 * r * Math.cos(t) + jitter();
        y = 1.2 * r * Math.sin(t) + jitter();
        break;
      }
      case 'surface': {
        x = rng.uniform(-1.2, 1.2);
        y = rng.uniform(-1.2, 1.2);
        values![i] = surfaceValue(x, y) + jitter();
        break;
      }
    }
    points[2 * i] = x;
    points[2 * i + 1] = y;
    if (labels) labels[i] = label;
  }
  return { count, points, labels, values, classes };
}

/** The regression target: a smooth hill and valley over the plane, values within about [-1, 1]. */
export function surfaceValue(x: number, y: number): number {
  return Math.sin(1.5 * x) * Math.cos(1.2 * y) + 0.3 * x * y;
}
