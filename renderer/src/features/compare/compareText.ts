/**
 * How a comparison words the settings that differ, in the UI's language: the setting's
 * name ("batch", "activation of layer 2") and each run's value, numbers written the
 * language's way ("55 000" in French), optimizers and losses by their names in the UI.
 */
import type { SettingDiff } from '$engine';
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
