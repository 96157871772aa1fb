import type { RunRecord } from '../runs/runRecord';

/** A small, well-formed run record (a 2-D run on the moons), for tests; `over` replaces fields. */
export function sampleRunRecord(over: Partial<RunRecord> = {}): RunRecord {
  return {
    format: 'layerwise-run', version: 1,
    id: '20261207-041500-0a1b2c3d', name: null, starred: false, ending: 'completed', endingDetail: null,
    startedAt: '2026-12-07T04:15:00.000Z', seconds: 2.5, appVersion: '1.2.3',
    spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] },
    params: 42,
    hyperparams: {
      epochs: 2, batchSize: 16, learningRate: 0.03, optimizer: 'adam', schedule: { type: 'constant' }, weightDecay: 0,
      loss: 'categorical_crossentropy', validationSize: 20, seed: 7,
    },
    learningRateSet: null,
    dataset: {
      choice: { source: { kind: 'generated', generator: 'moons', points: 200, noise: null, arms: 2, seed: 1, testShare: 0.2 }, limit: null },
      name: 'moons', title: { key: 'data.toy.moons' }, task: { kind: 'classification', classNames: ['A', 'B'] }, inputShape: [2], classNames: ['A', 'B'],
      trainCount: 140, valCount: 20, testCount: 40,
    },
    reconstruct: null,
    history: [
      { epoch: 1, seconds: 1, running: { loss: 0.6, accuracy: 0.7 }, train: { loss: 0.5, accuracy: 0.8 }, trainCount: 140, val: { loss: 0.55, accuracy: 0.75 } },
      { epoch: 2, seconds: 1.2, running: { loss: 0.4, accuracy: 0.85 }, train: { loss: 0.35, accuracy: 0.9 }, trainCount: 140, val: { loss: 0.4, accuracy: 0.85 } },
    ],
    batchesPerEpoch: 9,
    batchLoss: { steps: [1, 2, 3], loss: [0.7, 0.6, 0.5] },
    test: { count: 40, measures: { loss: 0.38, accuracy: 0.875 }, confusion: [[18, 2], [3, 17]] },
    modelId: null,
    ...over,
  };
}
