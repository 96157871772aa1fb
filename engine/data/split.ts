import type { Rng } from '../core/rng';
import { pickSamples, type SampleSet } from './dataset';

/** Share of the samples kept for testing when nothing else is said (a table's rows are often sorted by class, hence the shuffle). */
export const DEFAULT_TEST_SHARE = 0.2;

/**
 * A seeded shuffle, then the first `round(testShare · count)` samples for testing and the
 * rest for training, each part keeping the shuffled order. Both parts keep at least one
 * sample when there are two or more.
 */
export function splitSamples(set: SampleSet, perSample: number, testShare: number, rng: Rng): { train: SampleSet; test: SampleSet } {
  if (!(testShare >= 0 && testShare < 1)) throw new RangeError(`testShare must be in [0, 1) (got ${testShare})`);
  const order = new Int32Array(set.count);
  for (let i = 0; i < set.count; i++) order[i] = i;
  rng.shuffle(order);
  let testCount = Math.round(testShare * set.count);
  if (testShare > 0 && set.count >= 2) testCount = Math.min(Math.max(testCount, 1), set.count - 1);
  return { test: pickSamples(set, perSample, order.subarray(0, testCount)), train: pickSamples(set, perSample, order.subarray(testCount)) };
}
