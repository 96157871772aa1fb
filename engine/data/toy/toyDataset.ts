import { Rng } from '../../core/rng';
import type { Dataset } from '../dataset';
import { DEFAULT_TEST_SHARE, splitSamples } from '../split';
import { numberedClasses } from '../task';
import { generateToy, type ToyKind, type ToyOptions } from './generators';

export interface ToySettings extends ToyOptions {
  readonly kind: ToyKind;
  /** The data's own seed (separate from the training seed, so the same points can be trained many ways). */
  readonly seed: number;
  readonly testShare?: number;
}

/** Names of the plane's two inputs. */
export const PLANE_FEATURES = ['x₁', 'x₂'] as const;

/** A generated 2-D dataset, split into training and test points from its seed. */
export function toyDataset(s: ToySettings): Dataset {
  const rng = new Rng(s.seed);
  const points = generateToy(s.kind, s, rng);
  const all = { count: points.count, inputs: points.points, labels: points.labels, targets: points.values };
  const { train, test } = splitSamples(all, 2, s.testShare ?? DEFAULT_TEST_SHARE, rng);
  return {
    name: s.kind,
    inputShape: [2],
    task: points.classes > 0 ? { kind: 'classification', classNames: numberedClasses(points.classes) } : { kind: 'regression', targetNames: ['y'] },
    train, test, featureNames: PLANE_FEATURES,
  };
}
