/**
 * Datasets built from the request itself rather than read from files: the generated 2-D
 * teaching sets and the student's own points. The host (to describe them and check a
 * network against them before a worker starts), the training worker, and the renderer (to
 * draw exactly the points that train) build them; pure, like the contract beside it. It
 * takes well under a millisecond for the 2,000 points allowed.
 */
import type { GeneratedSource, PointsSource } from './contract';
import type { Dataset } from '../../engine/data/dataset';
import { pointsDataset } from '../../engine/data/toy/pointsDataset';
import { toyDataset } from '../../engine/data/toy/toyDataset';
import type { ToyKind } from '../../engine/data/toy/generators';
import { msg, type Message } from '../../engine/messages';

export type BuiltSource = GeneratedSource | PointsSource;

export function isBuiltSource(source: { kind: string }): source is BuiltSource {
  return source.kind === 'generated' || source.kind === 'points';
}

export function buildDataset(source: BuiltSource): Dataset {
  if (source.kind === 'generated') {
    return toyDataset({
      kind: source.generator, count: source.points, arms: source.arms, seed: source.seed, testShare: source.testShare,
      ...(source.noise === null ? {} : { noise: source.noise }),
    });
  }
  return pointsDataset({ points: source.points, seed: source.seed, testShare: source.testShare });
}

const TOY_TITLES: Readonly<Record<ToyKind, Message>> = {
  blobs: msg('data.toy.blobs'), circles: msg('data.toy.circles'), xor: msg('data.toy.xor'),
  moons: msg('data.toy.moons'), spiral: msg('data.toy.spiral'), surface: msg('data.toy.surface'),
};

/** What the UI calls the dataset, in its language. */
export function builtTitle(source: BuiltSource): Message {
  return source.kind === 'generated' ? TOY_TITLES[source.generator] : msg('data.ownPoints');
}
