import { describe, expect, it } from 'vitest';
import { trainConfigProblems, type TrainConfig, SETTING_LIMITS } from '$engine';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { checkSettings, type SettingsValues } from './settingsRules';

const ok: SettingsValues = {
  source: 'bundled', sampleKind: 'images', folderInfo: null, epochs: 3, batchSize: 64, fitCount: 900, trainCount: 1000, learningRate: 0.01,
  scheduleType: 'constant', stepEvery: 1, stepFactor: 0.5, expRate: 0.9, expDecaySteps: 1000, weightDecay: 0,
  validationSize: 100, validationCount: 100, seed: 1, threadChoice: 0, loss: 'categorical_crossentropy', valuesTask: false,
};

describe('the form’s rules are the engine’s', () => {
  it('accepts each bound of SETTING_LIMITS and refuses just past it, naming the bound in the UI’s language', () => {
    const L = SETTING_LIMITS;
    expect(checkSettings(ok)).toEqual({});
    expect(checkSettings({ ...ok, epochs: L.epochs.max })).toEqual({});
    expect(checkSettings({ ...ok, epochs: L.epochs.max + 1 }).epochs).toEqual({ key: 'training.problem.epochs', params: { min: 1, max: 1000 } });
    expect(checkSettings({ ...ok, learningRate: L.learningRate.max })).toEqual({});
    expect(checkSettings({ ...ok, learningRate: L.learningRate.above }).learningRate?.key).toBe('training.problem.learningRate');
    expect(checkSettings({ ...ok, weightDecay: L.weightDecay.max + 0.01 }).weightDecay?.key).toBe('training.problem.weightDecay');
    expect(checkSettings({ ...ok, threadChoice: L.threads.max + 1 }).threads?.key).toBe('training.problem.threads');
    expect(checkSettings({ ...ok, scheduleType: 'step', stepEvery: L.stepEvery.max + 1 }).schedule?.key).toBe('training.problem.step');
    expect(checkSettings({ ...ok, batchSize: 901 }).batch).toEqual({ key: 'samples.problem.batchTooBig.images', params: { count: 900 } });
    const validation = checkSettings({ ...ok, validationSize: L.validationSize.max + 1 }).validation!;
    expect(validation).toEqual({ key: 'training.problem.validation', params: { max: 59_999 } });
    expect(t(validation.key, validation.params)).toBe('A whole number from 0 to 59,999.');
    i18n.setLang('fr');
    expect(t(validation.key, validation.params)).toMatch(/^Un nombre entier de 0 à 59\s999\.$/);
    i18n.setLang('en');
  });

  it('refuses what the engine’s own check refuses, and nothing else', () => {
    const config = (epochs: number, learningRate: number): TrainConfig => ({ epochs, batchSize: 64, learningRate, optimizer: { type: 'sgd' }, validationSize: 100 });
    for (const [epochs, learningRate] of [[1, 0.5], [1000, 10], [0, 0.5], [1001, 0.5], [2.5, 0.5], [3, 0], [3, 10.5]] as const) {
      const engine = trainConfigProblems(config(epochs, learningRate), 1000).map((m) => m.key).sort();
      const form = Object.values(checkSettings({ ...ok, epochs, learningRate })).map((p) => p.key).sort();
      expect(form.length, `${epochs}, ${learningRate}`).toBe(engine.length);
    }
  });
});
