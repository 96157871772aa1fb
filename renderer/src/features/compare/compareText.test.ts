import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { diffLine, legendOf, settingName, settingValue, sweepSettingName, sweepValueText } from './compareText';

describe('how a comparison words the settings that differ', () => {
  afterEach(() => {
    i18n.lang = 'en';
  });

  it('in English: "batch 1 · 64 · 55,000", layers by their number, names for optimizers, losses and schedules', () => {
    i18n.lang = 'en';
    expect(diffLine({ key: 'batchSize', values: [1, 64, 55_000] })).toBe('batch 1 · 64 · 55,000');
    expect(settingName({ key: 'layer', layer: 1, field: 'activation' })).toBe('activation of layer 2');
    expect(settingValue({ key: 'optimizer' }, 'sgd')).toBe('SGD');
    expect(settingValue({ key: 'schedule' }, { type: 'step', every: 1, factor: 0.5 })).toBe('Step');
    expect(settingValue({ key: 'layer', field: 'kernel_initializer' }, undefined)).toBe('default');
    expect(settingValue({ key: 'architecture' }, ['Dense', 'Dropout', 'Dense'])).toBe('Dense → Dropout → Dense');
    expect(legendOf([{ key: 'learningRate', values: [0.001, 0.5] }, { key: 'loss', values: ['mean_squared_error', 'binary_crossentropy'] }], 1))
      .toBe('rate 0.5 · loss Binary cross-entropy');
  });

  it('in French, numbers the French way', () => {
    i18n.lang = 'fr';
    expect(diffLine({ key: 'batchSize', values: [1, 64, 55_000] })).toMatch(/^lot 1 · 64 · 55\s000$/);
    expect(diffLine({ key: 'learningRate', values: [0.0005, 0.05] })).toBe('taux 0,0005 · 0,05');
    expect(settingName({ key: 'layer', layer: 0, field: 'rate' })).toBe('taux de dropout de la couche 1');
    expect(`${sweepSettingName('batchSize')} ${sweepValueText('batchSize', 0)}`).toBe('lot tout l’ensemble');
    expect(`${sweepSettingName('activation')} ${sweepValueText('activation', 'tanh')}`).toBe('activation tanh');
  });
});
