import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from './settingsStorage';
import { FakeApi } from './testing/fakeApi';
import { TrainingSettings } from './trainingSettings.svelte';

function memoryStorage(initial?: string) {
  const map = new Map<string, string>();
  if (initial !== undefined) map.set(SETTINGS_KEY, initial);
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('kept training settings', () => {
  it('come back at the next launch, as they were left', () => {
    const storage = memoryStorage();
    const first = new TrainingSettings(new FakeApi().api);
    const stop = first.remember(storage);
    first.optimizer = 'sgd';
    first.learningRate = 0.02;
    first.epochs = 7;
    first.limit = 5000;
    first.validationSize = 300;
    first.scheduleType = 'step';
    first.stepFactor = 0.25;
    flushSync();
    stop();

    const next = new TrainingSettings(new FakeApi().api);
    next.remember(storage)();
    expect(next.toHyperparams()).toMatchObject({ optimizer: 'sgd', learningRate: 0.02, epochs: 7, validationSize: 300, schedule: { type: 'step', every: 1, factor: 0.25 } });
    expect(next.limit).toBe(5000);
  });

  it('keep the task of a run on images and its corruption, ticks and values, and drop what is damaged', () => {
    const storage = memoryStorage();
    const first = new TrainingSettings(new FakeApi().api);
    const stop = first.remember(storage);
    first.setTask('reconstruct');
    first.reconstruction.on.mask = true;
    first.reconstruction.values.mask = 0.4;
    first.reconstruction.values.noise = 0.1;
    flushSync();
    stop();
    const next = new TrainingSettings(new FakeApi().api);
    next.remember(storage)();
    expect(next.reconstructs).toBe(true);
    expect(next.loss).toBe('binary_crossentropy');
    expect(next.reconstruction.corruption()).toEqual({ mask: 0.4 });
    expect(next.reconstruction.values.noise).toBe(0.1);

    const damaged = new TrainingSettings(new FakeApi().api);
    damaged.remember(memoryStorage(JSON.stringify({ version: 1, imageTask: 'draw', corruption: { noise: { on: 'yes', value: 0.2 }, mask: { on: true, value: 0.3 } } })))();
    expect(damaged.reconstruction.task).toBe('classify');
    expect(damaged.reconstruction.on).toEqual({ noise: false, binarize: false, mask: true });
  });

  it('leave an untyped validation size following the data', () => {
    const storage = memoryStorage();
    new TrainingSettings(new FakeApi().api).remember(storage)();
    const next = new TrainingSettings(new FakeApi().api);
    next.remember(storage)();
    expect(next.validationTyped).toBeUndefined();
  });

  it('fall back to the defaults, field by field, when what is kept is damaged or old', () => {
    for (const raw of ['{not json', 'null', '[]', JSON.stringify({ version: 0, epochs: 9 })]) {
      const s = new TrainingSettings(new FakeApi().api);
      s.remember(memoryStorage(raw))();
      expect(s.snapshot(), raw).toEqual(new TrainingSettings(new FakeApi().api).snapshot());
    }
    const s = new TrainingSettings(new FakeApi().api);
    s.remember(memoryStorage(JSON.stringify({ version: 1, epochs: 9, optimizer: 'rmsprop', batchChoice: -3, limit: 7, learningRate: 'big', threadChoice: 2 })))();
    expect(s.epochs).toBe(9);
    expect(s.threadChoice).toBe(2);
    expect([s.optimizer, s.batchChoice, s.limit, s.learningRate]).toEqual(['adam', 64, null, 0.001]);
  });

  it('are not kept anywhere when storage is unavailable', () => {
    const s = new TrainingSettings(new FakeApi().api);
    expect(() => s.remember(null)()).not.toThrow();
    const full = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    const stop = s.remember(full);
    s.epochs = 4;
    expect(() => flushSync()).not.toThrow();
    stop();
  });
});
