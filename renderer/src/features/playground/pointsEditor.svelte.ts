/**
 * "Your own points": a small labelled 2-D dataset the student clicks into the plane.
 * Every edit (add, erase, clear) can be undone; the points and the chosen class are kept
 * in localStorage across launches. What is read back is checked point by point: a
 * damaged or foreign value gives an empty set rather than a crash or half a dataset.
 */
import { defaultStorage, type NetworkStorage } from '../builder/networkStorage';
import { MAX_CLASSES } from './palette';
import { nearestIndex } from './planeCoords';

export interface EditorPoint {
  readonly x1: number;
  readonly x2: number;
  /** Class index, 0 … MAX_CLASSES − 1 (shown as "Class 1 …"). */
  readonly label: number;
}

export type EditMode = 'add' | 'erase';
export type PointsStorage = NetworkStorage;

export const POINTS_STORAGE_KEY = 'layerwise.playground.points.v1';
const VERSION = 1;
/** Enough for any hand-made dataset; keeps the stored value and the plane small. */
export const MAX_POINTS = 2000;
/** Undo steps kept (each holds a copy of at most MAX_POINTS points). */
const MAX_UNDO = 100;

const isClass = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < MAX_CLASSES;
const isCoordinate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6;

/** The stored value as points and class, or null when anything in it is off. */
export function parseStoredPoints(raw: string | null): { points: EditorPoint[]; selectedClass: number } | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const { version, points, selectedClass } = v as Record<string, unknown>;
    if (version !== VERSION || !Array.isArray(points) || points.length > MAX_POINTS || !isClass(selectedClass)) return null;
    const out: EditorPoint[] = [];
    for (const p of points) {
      if (!Array.isArray(p) || p.length !== 3 || !isCoordinate(p[0]) || !isCoordinate(p[1]) || !isClass(p[2])) return null;
      out.push({ x1: p[0], x2: p[1], label: p[2] });
    }
    return { points: out, selectedClass };
  } catch {
    return null;
  }
}

/** A coordinate as the CSV writes it: at most 4 decimals, a point as decimal separator, no exponent. */
function csvNumber(v: number): string {
  const s = v.toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * The points as CSV: header `x1,x2,label`, comma-separated, a point (.) as the decimal
 * separator whatever the UI language, labels 0-based — what the app's CSV import reads back.
 */
export function pointsToCsv(points: readonly EditorPoint[]): string {
  return ['x1,x2,label', ...points.map((p) => `${csvNumber(p.x1)},${csvNumber(p.x2)},${p.label}`)].join('\n') + '\n';
}

export class PointsEditor {
  points = $state.raw<readonly EditorPoint[]>([]);
  selectedClass = $state(0);
  mode = $state<EditMode>('add');
  #undo = $state.raw<(readonly EditorPoint[])[]>([]);
  readonly canUndo = $derived(this.#undo.length > 0);
  /** Points per class, for the toolbar and the aria description. */
  readonly counts = $derived(countByClass(this.points));
  /** The points in the engine's layout: [count, 2] coordinates and class labels. */
  readonly pointSet = $derived(toPointSet(this.points));
  readonly #storage: PointsStorage | null;

  constructor(options: { storage?: PointsStorage | null } = {}) {
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    let stored: ReturnType<typeof parseStoredPoints> = null;
    try {
      stored = parseStoredPoints(this.#storage?.getItem(POINTS_STORAGE_KEY) ?? null);
    } catch {
      stored = null; // storage access itself can throw when disabled
    }
    if (stored) {
      this.points = stored.points;
      this.selectedClass = stored.selectedClass;
    }
  }

  get full(): boolean {
    return this.points.length >= MAX_POINTS;
  }

  selectClass(label: number): void {
    if (!isClass(label)) return;
    this.selectedClass = label;
    this.#save();
  }

  /** Adds a point of the selected class; false when the set is full or the place is not a number. */
  add(x1: number, x2: number): boolean {
    if (this.full || !isCoordinate(x1) || !isCoordinate(x2)) return false;
    this.#change([...this.points, { x1, x2, label: this.selectedClass }]);
    return true;
  }

  /** Removes the point nearest (x1, x2) within `radius` (plane units); false when none is that close. */
  eraseNearest(x1: number, x2: number, radius: number): boolean {
    const index = nearestIndex(this.pointSet.points, x1, x2, radius);
    if (index < 0) return false;
    this.#change(this.points.filter((_, i) => i !== index));
    return true;
  }

  clear(): void {
    if (this.points.length > 0) this.#change([]);
  }

  /** Replaces every point (a saved model's points coming back); undoable like any edit. */
  replace(points: readonly EditorPoint[]): void {
    this.#change(points.filter((p) => isCoordinate(p.x1) && isCoordinate(p.x2) && isClass(p.label)).slice(0, MAX_POINTS));
  }

  /** Takes back the last add, erase or clear. */
  undo(): void {
    const previous = this.#undo.at(-1);
    if (!previous) return;
    this.#undo = this.#undo.slice(0, -1);
    this.points = previous;
    this.#save();
  }

  toCsv(): string {
    return pointsToCsv(this.points);
  }

  #change(next: readonly EditorPoint[]): void {
    this.#undo = [...this.#undo.slice(-(MAX_UNDO - 1)), this.points];
    this.points = next;
    this.#save();
  }

  #save(): void {
    if (!this.#storage) return;
    const value = { version: VERSION, selectedClass: this.selectedClass, points: this.points.map((p) => [p.x1, p.x2, p.label]) };
    try {
      this.#storage.setItem(POINTS_STORAGE_KEY, JSON.stringify(value));
    } catch {
      // Quota or disabled storage: the points stay for this session only.
    }
  }
}

function countByClass(points: readonly EditorPoint[]): number[] {
  const counts = new Array<number>(MAX_CLASSES).fill(0);
  for (const p of points) counts[p.label]!++;
  return counts;
}

function toPointSet(points: readonly EditorPoint[]): { points: Float32Array; labels: Uint8Array } {
  const xy = new Float32Array(points.length * 2);
  const labels = new Uint8Array(points.length);
  points.forEach((p, i) => {
    xy[i * 2] = p.x1;
    xy[i * 2 + 1] = p.x2;
    labels[i] = p.label;
  });
  return { points: xy, labels };
}
