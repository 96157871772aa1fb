/**
 * How the lab report writes numbers, dates and settings in its language: 0,381 and
 * 87,5 % in French, 0.381 and 87.5% in English, as the app's own panels show them.
 */
import { formatMessage, msg, type Lang, type MessageKey, type MessageParams } from '../messages';
import type { MetricName } from '../train/metrics';

export const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-US');

/** A catalog message of the report in `lang` (escaped by the caller). */
export const word = (lang: Lang, key: MessageKey, params?: MessageParams) => formatMessage(msg(key, params), lang);

/** A measure, to 4 significant digits; a diverged (non-finite) one as written by JS ("NaN"). */
export function measure(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString(locale(lang), { maximumSignificantDigits: 4 });
}

export function percent(value: number, lang: Lang): string {
  const n = (value * 100).toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return lang === 'fr' ? `${n}\u00a0%` : `${n}%`;
}

export function metricValue(metric: MetricName | 'loss', value: number | undefined, lang: Lang): string {
  if (value === undefined) return '—';
  return metric === 'accuracy' && Number.isFinite(value) ? percent(value, lang) : measure(value, lang);
}

/** A whole number with the language's grouping: 55,000 / 55 000. */
export const whole = (value: number, lang: Lang) => value.toLocaleString(locale(lang), { maximumFractionDigits: 0 });

/** A tick label: as many decimals as the step needs (0,05 0,10 … not 0,1 0,1). */
export function tick(value: number, step: number, lang: Lang): string {
  const decimals = Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toLocaleString(locale(lang), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function date(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale(lang), { dateStyle: 'long', timeStyle: 'short' });
}

/** A setting's value: numbers per language, objects (a schedule) as `type: step, every: 5`. */
export function settingValue(value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return value.toLocaleString(locale(lang), { maximumFractionDigits: 8 });
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => settingValue(v, lang)).join(' → ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${settingValue(v, lang)}`).join(', ');
  }
  return String(value);
}

/** The curves' colours: the comparison panel's order, readable on paper. */
export const RUN_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
