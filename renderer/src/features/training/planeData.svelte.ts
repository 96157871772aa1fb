/**
 * "Points in the plane", the Train tab's third data source: a generated teaching set
 * (circles, XOR, …, from a seed) or the student's own points. The points are built here
 * with the host's own function (electron/host/builtDatasets.ts → engine/data/toy, pure
 * TypeScript), from the very source the run request carries, so the points the student
 * sees are the points that train.
 */
import type { DatasetInfo, GeneratedSource, PointsSource } from '../../../../electron/ipc/contract';
import { buildDataset } from '../../../../electron/ipc/builtDatasets';
import { type Dataset, dataBounds, type AnalyzeOptions, analyzeOptionsFor } from '$engine';
import { PointsEditor, type PointsStorage } from '../playground/pointsEditor.svelte';
import type { PlaneBounds } from '../playground/planeCoords';
import type { Problem } from './settingsRules';

/** The generators offered, spirals by arm count, then the student's own points. */
export const PLANE_CHOICES = ['circles', 'xor', 'blobs', 'moons', 'spiral2', 'spiral3', 'surface', 'own'] as const;
export type PlaneChoice = (typeof PLANE_CHOICES)[number];
export const MIN_POINTS = 50;
export const MAX_POINTS = 2000;
/** Test share in percent (the contract's 0.05–0.5). */
export const MIN_TEST_SHARE = 5;
export const MAX_TEST_SHARE = 50;
export const MAX_NOISE = 2;
/** The plane a student clicks points into before any run frames them (the generators' own range). */
export const EDIT_BOUNDS: PlaneBounds = { xMin: -1.6, xMax: 1.6, yMin: -1.6, yMax: 1.6 };

export interface StoredPlaneData {
  choice: PlaneChoice;
  points: number | null;
  noise: number | null;
  seed: number | null;
  testShare: number | null;
}

const isInt = (v: number | null, min: number, max: number): v is number => v !== null && Number.isInteger(v) && v >= min && v <= max;

export function toViewBounds(b: { x1: readonly number[]; x2: readonly number[] }): PlaneBounds {
  return { xMin: b.x1[0]!, xMax: b.x1[1]!, yMin: b.x2[0]!, yMax: b.x2[1]! };
}

export class PlaneData {
  choice = $state<PlaneChoice>('circles');
  points = $state<number | null>(400);
  /** Null: the generator's own default jitter. */
  noise = $state<number | null>(null);
  seed = $state<number | null>(1);
  /** Percent of the points kept for testing. */
  testShare = $state<number | null>(20);
  /** The student's own points (replaced by a remembered one when the app restores its settings). */
  editor = $state.raw<PointsEditor>(new PointsEditor({ storage: null }));

  readonly problem = $derived<Problem | undefined>(this.#check());
  /** The request's source, or null while a field is wrong or the own points are not enough. */
  readonly source = $derived<GeneratedSource | PointsSource | null>(this.problem ? null : this.#source());
  readonly dataset = $derived<Dataset | null>(this.source ? buildDataset(this.source) : null);
  /** The square a run frames the data in (the host's `dataBounds` over the same points). */
  readonly bounds = $derived<PlaneBounds>(
    this.dataset ? toViewBounds(dataBounds([this.dataset.train, this.dataset.test])) : EDIT_BOUNDS,
  );
  readonly info = $derived<DatasetInfo | null>(this.dataset && datasetInfo(this.dataset));
  /** What the points expect of a network's output (2 classes, 3 for a 3-arm spiral, a value for the surface). */
  readonly analyzeOptions = $derived<AnalyzeOptions>(
    this.dataset ? analyzeOptionsFor(this.dataset.task)
      // Too few points yet: the classes placed so far (at least 2) — never the digits' ten.
      : this.choice === 'own' ? analyzeOptionsFor({ kind: 'classification', classNames: classNamesUpTo(this.editor.pointSet.labels) })
        : { numClasses: null },
  );

  /** Replaces the own points' editor by one kept in `storage`. */
  useStorage(storage: PointsStorage | null): void {
    this.editor = new PointsEditor({ storage });
  }

  snapshot(): StoredPlaneData {
    return { choice: this.choice, points: this.points, noise: this.noise, seed: this.seed, testShare: this.testShare };
  }

  restore(s: Partial<StoredPlaneData>): void {
    if (s.choice !== undefined && PLANE_CHOICES.includes(s.choice)) this.choice = s.choice;
    if (s.points !== undefined) this.points = s.points;
    if (s.noise !== undefined) this.noise = s.noise;
    if (s.seed !== undefined) this.seed = s.seed;
    if (s.testShare !== undefined) this.testShare = s.testShare;
  }

  /** Takes the settings (or the points) of a saved model's data, so that training goes on with the same points. */
  adopt(source: GeneratedSource | PointsSource): void {
    this.seed = source.seed;
    this.testShare = Math.round(source.testShare * 100);
    if (source.kind === 'points') {
      this.choice = 'own';
      this.editor.replace(source.points.map(([x1, x2, label]) => ({ x1, x2, label })));
      return;
    }
    this.choice = source.generator === 'spiral' ? (source.arms === 3 ? 'spiral3' : 'spiral2') : source.generator;
    this.points = source.points;
    this.noise = source.noise;
  }

  #check(): Problem | undefined {
    if (!isInt(this.seed, 0, 0xffffffff)) return { key: 'training.plane.problem.seed' };
    if (!isInt(this.testShare, MIN_TEST_SHARE, MAX_TEST_SHARE)) return { key: 'training.plane.problem.testShare' };
    if (this.choice === 'own') {
      const points = this.editor.points;
      if (points.length < 4 || !points.some((p) => p.label !== points[0]!.label)) return { key: 'training.plane.problem.own' };
      return undefined;
    }
    if (!isInt(this.points, MIN_POINTS, MAX_POINTS)) return { key: 'training.plane.problem.points' };
    if (this.noise !== null && !(Number.isFinite(this.noise) && this.noise >= 0 && this.noise <= MAX_NOISE)) return { key: 'training.plane.problem.noise' };
    return undefined;
  }

  #source(): GeneratedSource | PointsSource {
    const seed = this.seed ?? 0;
    const testShare = (this.testShare ?? 20) / 100;
    if (this.choice === 'own') {
      // The contract takes coordinates within ±10: the editor's plane stays well inside.
      const clamp = (v: number) => Math.max(-10, Math.min(10, v));
      return { kind: 'points', points: this.editor.points.map((p) => [clamp(p.x1), clamp(p.x2), p.label] as [number, number, number]), seed, testShare };
    }
    const c = this.choice;
    return {
      kind: 'generated', generator: c === 'spiral2' || c === 'spiral3' ? 'spiral' : c, points: this.points ?? MIN_POINTS,
      noise: this.noise, arms: this.choice === 'spiral3' ? 3 : 2, seed, testShare,
    };
  }
}

function datasetInfo(d: Dataset): DatasetInfo {
  const b = dataBounds([d.train, d.test]);
  return {
    token: null, name: d.name, trainCount: d.train.count, testCount: d.test.count, rows: 2, cols: 1, inputShape: [2],
    classNames: d.task.kind === 'classification' ? [...d.task.classNames] : null, bounds: b,
  };
}

/** Class names 1…k for the highest class placed (at least two classes). */
function classNamesUpTo(labels: Uint8Array): string[] {
  let top = 1;
  for (const label of labels) top = Math.max(top, label);
  return Array.from({ length: top + 1 }, (_, i) => String(i + 1));
}
