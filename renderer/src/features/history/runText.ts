/**
 * How the history words a run, in the UI's language: its name (or its data and date),
 * its date, its key settings and its final result, numbers written the language's way.
 */
import type { RunSummary } from '../../../../electron/ipc/contract';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { shortDigits } from '../draw/modelInput';
import { formatDuration, measureDigits } from '../training/format';

const locale = () => (i18n.lang === 'fr' ? 'fr-FR' : 'en-US');

export function runDate(run: RunSummary): string {
  return new Date(run.startedAt).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function runData(run: RunSummary): string {
  return run.dataset.title ? i18n.message(run.dataset.title) : run.dataset.name;
}

/** The student's name for it, else its data and date ("moons, 7 Dec 2026, 04:15"). */
export function runLabel(run: RunSummary): string {
  return run.name ?? t('history.defaultName', { data: runData(run), date: runDate(run) });
}

export function runSettings(run: RunSummary): string[] {
  const s = run.settings;
  if (!s) return [];
  return [
    t(`training.optimizer.${s.optimizer}`),
    t('history.batch', { size: s.batchSize }),
    t('history.lr', { rate: i18n.number(s.learningRate, shortDigits(s.learningRate, 6)) }),
    t('history.epochs', { done: run.epochsDone, epochs: s.epochs }),
    t(`training.loss.${s.loss}`),
    t('history.seed', { seed: s.seed }),
  ];
}

/** "test · accuracy 87.5 % · loss 0.381", or "no result". */
export function runResult(run: RunSummary): string {
  const f = run.final;
  if (!f) return t('history.noResult');
  const parts = [t(`history.on.${f.on}`)];
  if (f.metric !== null && f.value !== null) {
    const value = f.metric === 'accuracy' ? i18n.percent(f.value, 1) : i18n.number(f.value, measureDigits(f.value));
    parts.push(t(`history.metric.${f.metric}`, { value }));
  }
  if (f.loss !== null) parts.push(t('history.loss', { value: i18n.number(f.loss, measureDigits(f.loss)) }));
  return parts.join(' · ');
}

export function runDuration(run: RunSummary): string {
  return t('history.duration', { time: formatDuration(run.seconds, (v, d) => i18n.number(v, d)) });
}
