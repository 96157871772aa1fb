/**
 * Datasets built from the request itself rather than read from files: the generated 2-D
 * teaching sets and the student's own points (and tables, from texts the host already read). The host (to describe them and check a
 * network against them before a worker starts), the training worker, and the renderer (to
 * draw exactly the points that train) build them; pure, like the contract beside it. It
 * takes well under a millisecond for the 2,000 points allowed.
 */
import type { CsvSource, GeneratedSource, PointsSource } from './contract';
import { tableDataset, type Dataset, pointsDataset, toyDataset, type ToyKind, msg, type Message } from '../../engine';

/**
 * A table source with the texts its tokens stand for: what the host resolves a `csv`
 * choice to, sends to the training worker, and what the renderer (which holds the same
 * texts) builds its preview from.
 */
export type TableSource = Omit<CsvSource, 'kind' | 'token' | 'testToken'> & {
  kind: 'table';
  name: string;
  text: string;
  testText: string | null;
};

export type BuiltSource = GeneratedSource | PointsSource | TableSource;

/** A `csv` choice with the texts of its files (`test` null: a seeded share of the rows tests). */
export function tableSourceOf(source: CsvSource, file: { name: string; text: string }, testText: string | null): TableSource {
  const { kind: _kind, token: _token, testToken: _testToken, ...choice } = source;
  return { ...choice, kind: 'table', name: file.name, text: file.text, testText };
}

export function isBuiltSource(source: { kind: string }): source is GeneratedSource | PointsSource {
  return source.kind === 'generated' || source.kind === 'points';
}

export function buildDataset(source: BuiltSource): Dataset {
  if (source.kind === 'generated') {
    return toyDataset({
      kind: source.generator, count: source.points, arms: source.arms, seed: source.seed, testShare: source.testShare,
      ...(source.noise === null ? {} : { noise: source.noise }),
    });
  }
  if (source.kind === 'table') {
    return tableDataset({
      name: source.name, text: source.text, testText: source.testText ?? undefined, delimiter: source.delimiter,
      choice: { label: source.label, features: source.features, task: source.task }, seed: source.seed, testShare: source.testShare,
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
  if (source.kind === 'table') return msg('table.csvTitle', { file: source.name });
  return source.kind === 'generated' ? TOY_TITLES[source.generator] : msg('data.ownPoints');
}
