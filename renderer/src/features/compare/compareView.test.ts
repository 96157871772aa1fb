import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '$engine';
import { bestIndex, lossPoints, metricPoints, type ComparedRun } from './compareSeries';
import { compareView } from './compareView';

const spec = { input_shape: [2], layers: [{ type: 'Dense', units: 2, activation: 'softmax' }] } as unknown as NetworkSpec;
function run(key: string, batchSize: number, loss: string, final: { value: number; loss: number } | null): ComparedRun {
  const bpe = Math.ceil(600 / batchSize);
  return {
    key, lossName: loss,
    settings: { hyperparams: { batchSize, loss, seed: 1 }, spec, dataset: { name: 'moons' } },
    timeline: { batchesPerEpoch: bpe, trainCount: 600, epochSeconds: [1, 1] },
    batchLoss: { steps: [bpe, 2 * bpe], loss: [0.7, 0.5] },
    history: [0, 1].map((epoch) => ({ epoch, seconds: 1, running: { loss: 1 }, train: null, trainCount: 0, val: { loss: 0.6, accuracy: 0.8 + epoch / 10 } })),
    metric: 'accuracy',
    final: final && { on: 'test', metric: 'accuracy', value: final.value, loss: final.loss },
    ending: final ? 'completed' : 'failed', epochsDone: 2, seconds: 2,
  };
}

describe('compareView', () => {
  it('shows only the batch size as differing, colours each run, and marks the best result of each row', () => {
    const v = compareView([run('a', 1, 'mse', { value: 0.9, loss: 0.2 }), run('b', 32, 'mse', { value: 0.95, loss: 0.3 }), run('c', 600, 'mse', null)]);
    expect(v.diffs).toEqual([{ key: 'batchSize', values: [1, 32, 600] }]);
    expect(new Set(v.runs.map((r) => r.color)).size).toBe(3);
    expect(v.results).toEqual([
      { kind: 'final', metric: 'accuracy', values: [0.9, 0.95, null], best: 1 },
      { kind: 'loss', metric: null, values: [0.2, 0.3, null], best: 0 },
    ]);
    expect(v.lossPanels.map((p) => p.loss)).toEqual(['mse']);
  });

  it('never puts two losses on one axis, nor names a best loss between them', () => {
    const v = compareView([run('a', 32, 'mean_squared_error', { value: 0.9, loss: 0.1 }), run('b', 32, 'binary_crossentropy', { value: 0.8, loss: 0.3 })]);
    expect(v.lossPanels.map((p) => [p.loss, p.runs.map((r) => r.number)])).toEqual([['mean_squared_error', [1]], ['binary_crossentropy', [2]]]);
    expect(v.results.find((r) => r.kind === 'loss')!.best).toBeNull();
    expect(v.diffs.map((d) => d.key)).toEqual(['loss']);
  });
});

describe('series on the comparison axes', () => {
  it('puts batch 1 and the whole set at the same epochs but far apart in updates', () => {
    const stochastic = run('a', 1, 'mse', null);
    const whole = run('b', 600, 'mse', null);
    expect(lossPoints(stochastic, 'epochs').map((p) => p.x)).toEqual([1, 2]);
    expect(lossPoints(whole, 'epochs').map((p) => p.x)).toEqual([1, 2]);
    expect(lossPoints(stochastic, 'updates').map((p) => p.x)).toEqual([600, 1200]);
    expect(lossPoints(whole, 'updates').map((p) => p.x)).toEqual([1, 2]);
    expect(metricPoints(whole, 'accuracy', 'seconds')).toEqual([{ x: 1, y: 0.8 }, { x: 2, y: 0.9 }]);
  });

  it('ranks only when two runs have a value', () => {
    expect(bestIndex([null, 0.5], true)).toBeNull();
    expect(bestIndex([0.4, Number.NaN, 0.2], false)).toBe(2);
  });
});
