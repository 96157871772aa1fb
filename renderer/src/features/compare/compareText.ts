/**
 * How a comparison words the settings that differ, in the UI's language: the setting's
 * name ("batch", "activation of layer 2") and each run's value, numbers written the
 * language's way ("55 000" in French), optimizers and losses by their names in the UI.
 */
import type { SettingDiff } from '$engine';
import { WHOLE_SET, type SweepSetting, type SweepValue } from './sweeps';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { shortDigits } from '../draw/modelInput';

export function settingName(diff: Pick<SettingDiff, 'key' | 'layer' | 'field'>): string {
  if (diff.key === 'layer') {
    const known = ['activation', 'rate', 'kernel_initializer', 'bias_initializer', 'units', 'filters', 'kernel_size', 'use_bias'];
    const field = known.includes(diff.field ?? '') ? t(`compare.field.${diff.field}`) : (diff.field ?? '');
    return t('compare.setting.layer', { field, layer: (diff.layer ?? 0) + 1 });
  }
  const known = ['dataset', 'architecture', 'batchSize', 'learningRate', 'optimizer', 'loss', 'schedule', 'weightDecay', 'epochs', 'validationSize', 'seed'];
  return known.includes(diff.key) ? t(`compare.setting.${diff.key}`) : diff.key;
}

export function settingValue(diff: Pick<SettingDiff, 'key' | 'field'>, value: unknown): string {
  if (value === undefined || value === null) return t('compare.default');
  const key = diff.key === 'layer' ? diff.field ?? '' : diff.key;
  switch (key) {
    case 'optimizer': return t(`training.optimizer.${String(value)}`);
    case 'loss': return t(`training.loss.${String(value)}`);
    case 'schedule': {
      const type = (value as { type?: unknown }).type;
      return typeof type === 'string' ? t(`training.schedule.${type}`) : JSON.stringify(value);
    }
    case 'architecture': return Array.isArray(value) ? value.join(' → ') : String(value);
  }
  if (typeof value === 'number') return i18n.number(value, Number.isInteger(value) ? 0 : shortDigits(value, 6));
  if (typeof value === 'boolean') return t(value ? 'compare.yes' : 'compare.no');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "batch 1 · 64 · 55,000": a setting and every run's value. */
export function diffLine(diff: SettingDiff): string {
  return `${settingName(diff)} ${diff.values.map((v) => settingValue(diff, v)).join(' · ')}`;
}

/** One run's legend: its values of the settings that differ ("batch 64 · rate 0.01"). */
export function legendOf(diffs: readonly SettingDiff[], index: number): string {
  return diffs.map((d) => `${settingName(d)} ${settingValue(d, d.values[index])}`).join(' · ');
}

/** A sweep's value as its list and the live run's legend show it ("whole set", "SGD", "0,01"). */
export function sweepValueText(setting: SweepSetting, v: SweepValue): string {
  if (typeof v === 'number') {
    if (setting === 'batchSize' && v === WHOLE_SET) return t('sweep.wholeSet');
    return i18n.number(v, Number.isInteger(v) ? 0 : Math.min(6, shortDigits(v, 6)));
  }
  if (setting === 'optimizer') return t(`training.optimizer.${v}`);
  if (setting === 'loss') return t(`training.loss.${v}`);
  if (setting === 'schedule') return t(`training.schedule.${v}`);
  return v;
}

/** A sweep's setting as a legend names it, like a setting that differs ("batch", "activation"). */
export function sweepSettingName(setting: SweepSetting): string {
  const field = { activation: 'activation', initializer: 'kernel_initializer', dropout: 'rate' } as const;
  return setting in field ? t(`compare.field.${field[setting as keyof typeof field]}`) : t(`compare.setting.${setting}`);
}
