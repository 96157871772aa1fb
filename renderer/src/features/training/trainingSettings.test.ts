import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { FakeApi } from './testing/fakeApi';
import { AUTOMATIC_THREADS, DEFAULT_LEARNING_RATES, TrainingSettings, WHOLE_SET } from './trainingSettings.svelte';

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
    expect(s.problems.batch).toEqual({ key: 'samples.problem.batchTooBig.images', params: { count: 900 } });
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
    expect(s.validationCount).toBe(200); // untyped, the size follows the data: a tenth
    expect(s.valid).toBe(true);
    s.validationSize = 5000;
    expect(s.problems.validation?.key).toBe('samples.problem.validationTooBig.images');
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

  it('leaves the thread count to the host until one is chosen, and offers one to every core', async () => {
    const fake = new FakeApi();
    const s = new TrainingSettings(fake.api);
    expect(s.threadChoice).toBe(AUTOMATIC_THREADS);
    expect(s.toHyperparams()).not.toHaveProperty('threads');
    expect(s.machine).toBeNull();
    expect(s.threadChoices).toEqual([]);
    await Promise.all([s.loadMachine(), s.loadMachine()]);
    await s.loadMachine();
    expect(fake.callsTo('app:info')).toEqual([{}]);
    expect(s.machine).toEqual({ cores: 4, automaticThreads: 3 });
    expect(s.threadChoices).toEqual([1, 2, 3, 4]);
    s.threadChoice = 2;
    expect(s.valid).toBe(true);
    expect(s.toHyperparams().threads).toBe(2);
    s.threadChoice = AUTOMATIC_THREADS;
    expect(s.toHyperparams()).not.toHaveProperty('threads');
  });

  it('keeps the thread choice when a saved model’s settings are applied', () => {
    const s = new TrainingSettings(new FakeApi().api);
    s.threadChoice = 1;
    s.apply({ epochs: 7, batchSize: 32, seed: 9 });
    expect(s.toHyperparams()).toMatchObject({ epochs: 7, threads: 1 });
  });

  it('caps the offer at 64 threads and still offers a count chosen before the cores were known', async () => {
    const fake = new FakeApi();
    fake.handlers['app:info'] = async () => ({ version: 'x', platform: 'linux', modelsDir: '/m', transport: 'web', cores: 96, automaticThreads: 95 });
    const s = new TrainingSettings(fake.api);
    s.threadChoice = 3;
    expect(s.threadChoices).toEqual([3]);
    await s.loadMachine();
    expect(s.threadChoices).toHaveLength(64);
    expect(s.threadChoices.at(-1)).toBe(64);
  });

  it('asks again after the host could not say how many cores there are', async () => {
    const fake = new FakeApi();
    fake.handlers['app:info'] = async () => {
      throw new ApiError('disconnected', 'The engine cannot be reached.');
    };
    const s = new TrainingSettings(fake.api);
    await s.loadMachine();
    expect(s.machine).toBeNull();
    expect(s.valid).toBe(true);
    fake.handlers['app:info'] = async () => ({ version: 'x', platform: 'linux', modelsDir: '/m', transport: 'web', cores: 2, automaticThreads: 2 });
    await s.loadMachine();
    expect(s.machine).toEqual({ cores: 2, automaticThreads: 2 });
    expect(fake.callsTo('app:info')).toHaveLength(2);
  });

  it('refuses a thread count the host would refuse', () => {
    const s = new TrainingSettings(new FakeApi().api);
    for (const bad of [65, 1.5, -1]) {
      s.threadChoice = bad;
      expect(s.problems.threads, String(bad)).toEqual({ key: 'training.problem.threads', params: { max: 64 } });
    }
    s.threadChoice = 64;
    expect(s.problems.threads).toBeUndefined();
  });

  it('brings each optimizer’s usual learning rate, unless the rate was changed', () => {
    const s = new TrainingSettings(new FakeApi().api);
    expect([s.optimizer, s.learningRate]).toEqual(['adam', DEFAULT_LEARNING_RATES.adam]);
    s.optimizer = 'sgd';
    expect(s.learningRate).toBe(DEFAULT_LEARNING_RATES.sgd);
    s.optimizer = 'momentum';
    expect(s.learningRate).toBe(DEFAULT_LEARNING_RATES.momentum);
    s.learningRate = 0.05; // the user's rate stays whatever the optimizer
    s.optimizer = 'adam';
    expect(s.learningRate).toBe(0.05);
    s.optimizer = 'sgd';
    expect(s.learningRate).toBe(0.05);
    expect(DEFAULT_LEARNING_RATES.sgd).toBeGreaterThan(DEFAULT_LEARNING_RATES.adam);
  });

  it('keeps a saved model’s rate when its optimizer is applied', () => {
    const s = new TrainingSettings(new FakeApi().api);
    s.apply({ optimizer: 'sgd', learningRate: 0.003 });
    expect([s.optimizer, s.learningRate]).toEqual(['sgd', 0.003]);
  });

  it('holds out a tenth of the data, at most 5,000, until a size is typed, and never changes a typed size', () => {
    const s = new TrainingSettings(new FakeApi().api);
    expect(s.validationTyped).toBeUndefined();
    s.limit = 1000;
    expect([s.validationSize, s.validationCount]).toEqual([100, 100]);
    s.validationSize = 300;
    expect(s.validationSize).toBe(300); // what the user typed stays in the field …
    expect(s.validationCount).toBe(100); // … and the form says what the host will use
    s.limit = null;
    expect(s.validationCount).toBe(300);
  });

  it('does not start while a number box holds text it cannot read', () => {
    const s = new TrainingSettings(new FakeApi().api);
    s.markReadable('learningRate', false);
    expect(s.valid).toBe(false);
    expect(s.learningRate).toBe(0.001);
    s.markReadable('learningRate', true);
    expect(s.valid).toBe(true);
  });
});
