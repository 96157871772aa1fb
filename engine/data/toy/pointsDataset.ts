/**
 * The student's own points (the playground's points editor) as a dataset: `[x₁, x₂, class]`
 * rows, split into training and test points from a seed, like a generated set. Classes
 * keep their numbers (the colour the student picked is class k), so a set that uses
 * classes 0 and 2 asks for three outputs, class 1 simply having no points.
 */
import { Rng } from '../../core/rng';
import type { Dataset } from '../dataset';
import { DEFAULT_TEST_SHARE, splitSamples } from '../split';
import { numberedClasses } from '../task';
import { PLANE_FEATURES } from './toyDataset';

/** One point: its two coordinates and its class (0–5 in the app). */
export type PlanePointRow = readonly [number, number, number];

export interface PointsSettings {
  readonly points: readonly PlanePointRow[];
  /** Seeds the train/test split. */
  readonly seed: number;
  readonly testShare?: number;
  readonly name?: string;
}

/** The most classes the editor offers (one colour each). */
export const MAX_POINT_CLASSES = 6;

export function pointsDataset(s: PointsSettings): Dataset {
  const count = s.points.length;
  if (count < 2) throw new RangeError(`a points dataset needs at least 2 points (got ${count})`);
  const inputs = new Float32Array(count * 2);
  const labels = new Uint8Array(count);
  const seen = new Set<number>();
  let top = 0;
  s.points.forEach(([x1, x2, c], i) => {
    if (!Number.isFinite(x1) || !Number.isFinite(x2)) throw new RangeError(`point ${i} has a coordinate that is not a finite number`);
    if (!(Number.isInteger(c) && c >= 0 && c < MAX_POINT_CLASSES)) throw new RangeError(`point ${i} has class ${c} (0–${MAX_POINT_CLASSES - 1} expected)`);
    inputs[2 * i] = x1;
    inputs[2 * i + 1] = x2;
    labels[i] = c;
    seen.add(c);
    top = Math.max(top, c);
  });
  if (seen.size < 2) throw new RangeError('a points dataset needs points of at least two classes');
  const { train, test } = splitSamples({ count, inputs, labels, targets: null }, 2, s.testShare ?? DEFAULT_TEST_SHARE, new Rng(s.seed));
  return {
    name: s.name ?? 'points',
    inputShape: [2],
    task: { kind: 'classification', classNames: numberedClasses(top + 1) },
    train, test, featureNames: PLANE_FEATURES,
  };
}
