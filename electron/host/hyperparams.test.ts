import { describe, expect, it } from 'vitest';
import type { Hyperparams } from '../ipc/contract';
import { fromTrainConfig, toTrainConfig } from './hyperparams';

const base: Hyperparams = {
  epochs: 2, batchSize: 64, learningRate: 0.1, optimizer: 'sgd', schedule: { type: 'constant' },
  weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 5000, seed: 3,
};

describe('toTrainConfig', () => {
  it('maps the optimizers', () => {
    expect(toTrainConfig(base).optimizer).toEqual({ type: 'sgd' });
    expect(toTrainConfig({ ...base, optimizer: 'momentum' }).optimizer).toEqual({ type: 'sgd', momentum: 0.9 });
    expect(toTrainConfig({ ...base, optimizer: 'nesterov', weightDecay: 0.01 }).optimizer).toEqual({ type: 'sgd', momentum: 0.9, nesterov: true, weight_decay: 0.01 });
    expect(toTrainConfig({ ...base, optimizer: 'adam', weightDecay: 0.001 }).optimizer).toEqual({ type: 'adam', weight_decay: 0.001 });
  });

  it('keeps the rest', () => {
    const c = toTrainConfig({ ...base, schedule: { type: 'step', every: 2, factor: 0.5 }, loss: 'mean_squared_error' });
    expect(c).toEqual({
      epochs: 2, batchSize: 64, learningRate: 0.1, optimizer: { type: 'sgd' }, schedule: { type: 'step', every: 2, factor: 0.5 },
      loss: 'mean_squared_error', validationSize: 5000,
    });
  });
});

describe('the thread count', () => {
  it('stays out of the config a saved model records, and out of what is read back', () => {
    const c = toTrainConfig({ ...base, threads: 3 });
    expect(c).not.toHaveProperty('threads');
    expect(c).toEqual(toTrainConfig(base));
    expect(fromTrainConfig({ ...c, threads: 3 }, base.seed)).toEqual(base);
    expect(Object.keys(fromTrainConfig(c, base.seed))).not.toContain('threads');
  });
});

describe('fromTrainConfig', () => {
  it('inverts toTrainConfig', () => {
    for (const optimizer of ['sgd', 'momentum', 'nesterov', 'adam'] as const) {
      const h = { ...base, optimizer, weightDecay: 0.002 };
      expect(fromTrainConfig(toTrainConfig(h), h.seed)).toEqual(h);
    }
  });

  it('drops what does not fit (a config from another tool or version)', () => {
    expect(fromTrainConfig(null, 1)).toEqual({});
    const partial = fromTrainConfig({ epochs: 5, batchSize: -1, learningRate: 'fast', optimizer: { type: 'rmsprop' } }, undefined);
    expect(partial).toEqual({ epochs: 5, schedule: { type: 'constant' }, weightDecay: 0, loss: 'categorical_crossentropy' });
  });
});
