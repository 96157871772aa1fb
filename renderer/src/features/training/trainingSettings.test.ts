import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { FakeApi } from './testing/fakeApi';
import { TrainingSettings, WHOLE_SET } from './trainingSettings.svelte';

const info = { token: 'tok', name: 'my-digits', trainCount: 2000, testCount: 500, rows: 28, cols: 28 };

describe('TrainingSettings', () => {
  it('clips the validation split to a tenth of a limited set, as the host does', () => {
    const s = new TrainingSettings(new FakeApi().api);
    expect(s.validationCount).toBe(5000);
    expect(s.fitCount).toBe(55_000);
    s.limit = 1000;
    expect(s.validationCount).toBe(100);
    expect(s.fitCount).toBe(900);
    expect(s.toHyperparams().validationSize).toBe(100);
    expect(s.toDataset()).toEqual({ source: { kind: 'bundled' }, limit: 1000 });
  });

  it('makes "whole set" the number of training images left', () => {
    const s = new TrainingSettings(new FakeApi().api);
    s.limit = 5000;
    s.batchChoice = WHOLE_SET;
    expect(s.toHyperparams().batchSize).toBe(4500);
    s.limit = null;
    expect(s.batchSize).toBe(55_000);
  });

  it('names each invalid field and builds schedules', () => {
    const s = new TrainingSettings(new FakeApi().api);
    expect(s.valid).toBe(true);
    s.learningRate = 0;
    s.epochs = null;
    s.scheduleType = 'step';
    s.stepFactor = 2;
    expect(Object.keys(s.problems).sort()).toEqual(['epochs', 'learningRate', 'schedule']);
    expect(s.valid).toBe(false);
    s.learningRate = 0.01;
    s.epochs = 5;
    s.stepFactor = 0.5;
    s.stepEvery = 2;
    expect(s.valid).toBe(true);
    expect(s.toHyperparams().schedule).toEqual({ type: 'step', every: 2, factor: 0.5 });
    s.scheduleType = 'exponential';
    expect(s.toHyperparams().schedule).toEqual({ type: 'exponential', rate: 0.9, decay_steps: 1000 });
    s.limit = 1000;
    s.batchChoice = 512;
    expect(s.valid).toBe(true);
    s.batchChoice = 1000; // 900 left after the 100 validation images
    expect(s.problems.batch).toEqual({ key: 'training.problem.batchTooBig', params: { count: 900 } });
    s.validationSize = 0;
    expect(s.problems.batch).toBeUndefined();
  });

  it('uses a picked folder by its token, and reports an unusable one in the host’s words', async () => {
    const fake = new FakeApi();
    const s = new TrainingSettings(fake.api);
    fake.handlers['datasets:pick'] = async () => info;
    await s.pickFolder();
    expect(s.source).toBe('folder');
    expect(s.toDataset()).toEqual({ source: { kind: 'folder', token: 'tok' }, limit: null });
    expect(s.validationCount).toBe(5000);
    expect(s.problems.validation?.key).toBe('training.problem.validationTooBig');
    fake.handlers['datasets:pick'] = async () => {
      throw new ApiError('bad-file', 'train-labels-idx1-ubyte is missing.');
    };
    await s.pickFolder();
    expect(s.pickError).toBe('train-labels-idx1-ubyte is missing.');
    expect(s.folderInfo).toBe(info); // the last good folder stays
  });

  it('applies a saved model’s hyperparameters, offering a non-preset batch size', () => {
    const s = new TrainingSettings(new FakeApi().api);
    s.apply({ batchSize: 100, optimizer: 'nesterov', schedule: { type: 'exponential', rate: 0.5, decay_steps: 10 } });
    expect(s.batchChoices).toContain(100);
    expect(s.toHyperparams()).toMatchObject({ batchSize: 100, optimizer: 'nesterov', schedule: { type: 'exponential', rate: 0.5, decay_steps: 10 } });
  });
});
