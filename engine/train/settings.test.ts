import { describe, expect, it } from 'vitest';
import { effectiveValidationSize, trainConfigFromSettings, type TrainSettings } from './settings';

const base: TrainSettings = {
  epochs: 2, batchSize: 64, learningRate: 0.1, optimizer: 'sgd', schedule: { type: 'constant' },
  weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 5000,
};

describe('trainConfigFromSettings', () => {
  it('maps the optimizers, with weight decay only when there is some', () => {
    expect(trainConfigFromSettings(base).optimizer).toEqual({ type: 'sgd' });
    expect(trainConfigFromSettings({ ...base, optimizer: 'momentum' }).optimizer).toEqual({ type: 'sgd', momentum: 0.9 });
    expect(trainConfigFromSettings({ ...base, optimizer: 'nesterov', weightDecay: 0.01 }).optimizer)
      .toEqual({ type: 'sgd', momentum: 0.9, nesterov: true, weight_decay: 0.01 });
    expect(trainConfigFromSettings({ ...base, optimizer: 'adam', weightDecay: 0.001 }).optimizer).toEqual({ type: 'adam', weight_decay: 0.001 });
  });

  it('keeps schedule, loss and the validation size asked for when there is no limit', () => {
    const c = trainConfigFromSettings({ ...base, schedule: { type: 'exponential', rate: 0.9, decay_steps: 100 }, loss: 'mean_absolute_error' });
    expect(c).toEqual({
      epochs: 2, batchSize: 64, learningRate: 0.1, optimizer: { type: 'sgd' }, schedule: { type: 'exponential', rate: 0.9, decay_steps: 100 },
      loss: 'mean_absolute_error', validationSize: 5000,
    });
  });

  it('applies the limit rule to the validation size', () => {
    expect(trainConfigFromSettings(base, 1000, 60_000).validationSize).toBe(100);
    expect(trainConfigFromSettings({ ...base, validationSize: 50 }, 1000, 60_000).validationSize).toBe(50);
    expect(trainConfigFromSettings(base, null, 60_000).validationSize).toBe(5000);
  });
});

describe('effectiveValidationSize', () => {
  it('holds out at most a tenth of a limited set', () => {
    expect(effectiveValidationSize(5000, null, 60000)).toBe(5000);
    expect(effectiveValidationSize(5000, 1000, 60000)).toBe(100);
    expect(effectiveValidationSize(50, 1000, 60000)).toBe(50);
    expect(effectiveValidationSize(5000, 100_000, 60000)).toBe(5000);
    expect(effectiveValidationSize(5000, 1000, 500)).toBe(50);
  });
});
