import { describe, expect, it } from 'vitest';
import { readEpochMetrics, type EpochMetrics } from './metrics';

describe('readEpochMetrics', () => {
  it('reads today\'s shape as it is, keeping only the loss and the known metrics', () => {
    const today: EpochMetrics = {
      epoch: 2, seconds: 1.5, running: { loss: 0.2, mae: 0.3, r2: 0.8 }, train: { loss: 0.18, mae: 0.29, r2: 0.81 }, trainCount: 300, val: { loss: 0.25, mae: 0.33, r2: 0.77 },
    };
    expect(readEpochMetrics(today)).toEqual(today);
    expect(readEpochMetrics(JSON.parse(JSON.stringify(today)))).toEqual(today);
    // Unknown or ill-typed metrics are dropped, not carried along.
    expect(readEpochMetrics({ ...today, running: { loss: 0.2, accuracy: '90 %', f1: 0.5 } })!.running).toEqual({ loss: 0.2 });
    // Missing measured training and validation read as none; a missing count as 0.
    expect(readEpochMetrics({ epoch: 0, seconds: 1, running: { loss: 1, accuracy: 0.5 } })).toEqual({
      epoch: 0, seconds: 1, running: { loss: 1, accuracy: 0.5 }, train: null, trainCount: 0, val: null,
    });
  });

  it('reads a history saved before metrics were per task, measured training and validation included', () => {
    expect(readEpochMetrics({
      epoch: 0, trainLoss: 0.5, trainAccuracy: 0.9, valLoss: 0.4, valAccuracy: 0.91, seconds: 3, measuredTrainLoss: 0.45, measuredTrainAccuracy: 0.92, measuredTrainCount: 5000,
    })).toEqual({
      epoch: 0, seconds: 3, running: { loss: 0.5, accuracy: 0.9 }, train: { loss: 0.45, accuracy: 0.92 }, trainCount: 5000, val: { loss: 0.4, accuracy: 0.91 },
    });
    // Older still: no measured training, no validation.
    expect(readEpochMetrics({ epoch: 1, trainLoss: 0.3, trainAccuracy: 0.95, valLoss: null, valAccuracy: null, seconds: 2 })).toEqual({
      epoch: 1, seconds: 2, running: { loss: 0.3, accuracy: 0.95 }, train: null, trainCount: 0, val: null,
    });
  });

  it('refuses what is not an epoch', () => {
    for (const raw of [null, undefined, 3, 'epoch', [], {}, { epoch: 0, seconds: 1 }, { epoch: '0', seconds: 1, trainLoss: 1 },
      { epoch: 0, seconds: 1, running: { accuracy: 0.5 } }, { epoch: 0, seconds: null, running: { loss: 1 } }]) {
      expect(readEpochMetrics(raw), JSON.stringify(raw)).toBeNull();
    }
  });
});
