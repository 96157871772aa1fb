/**
 * `{@attach liveChart(session, 'loss')}` (or a metric, or 'learningRate') on a <canvas>: creates the chart once, then
 * redraws it at most once per animation frame (the session's FrameScheduler) with only
 * the new points, re-colours it when the theme changes and re-words it when the language
 * does. Never re-created while training.
 */
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { onThemeChange, readThemeColors } from './colors';
import { applyLabels, applyTheme, createCurveChart, syncCurves, type ChartText, type Plotted, type Role, type SyncState } from './curveChart';
import type { TrainingSession } from './trainingSession.svelte';

const formats = new Map<string, Intl.NumberFormat>();
/** Intl formatters are costly to make and chart.js formats every tick on every redraw: keep them. */
function formatter(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return f;
}

/**
 * Two decimals for ordinary losses; small ones by significant digits (a logarithmic axis
 * reaches 0.00001, which fixed decimals would round to "0"), the tiniest in scientific form.
 */
function lossFormatter(locale: string, value: number): Intl.NumberFormat {
  const size = Math.abs(value);
  const style = size === 0 || size >= 0.1 ? 'fixed' : size >= 1e-4 ? 'small' : 'tiny';
  const key = `${locale}/loss-${style}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = style === 'fixed' ? { maximumFractionDigits: 2 }
      : style === 'small' ? { maximumSignificantDigits: 2 } : { notation: 'scientific', maximumSignificantDigits: 2 };
    formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  }
  return f;
}

/** A value as its chart shows it: accuracy in percent, R² with two decimals, losses, errors and learning rates by size. */
function formatValue(locale: string, value: number, plotted: Plotted): string {
  if (plotted === 'accuracy') return `${formatter(locale, 1).format(value * 100)} %`;
  if (plotted === 'r2') return formatter(locale, 2).format(value);
  return lossFormatter(locale, value).format(value);
}

export function chartText(plotted: Plotted, session: Pick<TrainingSession, 'previous'>): ChartText {
  const locale = i18n.lang === 'fr' ? 'fr-FR' : 'en-US';
  const run = session.previous?.number ?? 1;
  // The learning rate's chart has one line per run, named after what it plots.
  const label = plotted === 'learningRate'
    ? (role: Role) => (role === 'previousSmooth' ? t('training.chart.previousLearningRate', { run }) : t('training.chart.learningRate'))
    : (role: Role) => t(`training.chart.${role}`, { run });
  return {
    label,
    epochAxis: t('training.chart.epoch'),
    valueAxis: t(`training.chart.${plotted}`),
    format: (value, p) => formatValue(locale, value, p),
  };
}

export function liveChart(session: TrainingSession, metric: Plotted): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const synced: SyncState = new Map();
    const chart = untrack(() => createCurveChart(canvas, metric, readThemeColors(), chartText(metric, session)));
    // Read outside any tracking: the attachment itself must not re-run (that would re-create the chart).
    const wording = () => untrack(() => `${i18n.lang}/${session.previous?.number}`);
    let wordedFor = wording();
    const redraw = () => {
      const words = wording();
      if (words !== wordedFor) applyLabels(chart, metric, chartText(metric, session));
      wordedFor = words;
      syncCurves(chart, metric, session, synced);
      chart.update('none');
    };
    const unsubscribe = session.frames.subscribe(redraw);
    const stopWatchingTheme = onThemeChange(() => {
      applyTheme(chart, readThemeColors());
      chart.update('none');
    });
    // A new run, the comparison toggle or the language: redraw in the next frame.
    $effect(() => {
      void [session.current, session.previous, session.showPrevious, session.logLoss, i18n.lang];
      untrack(() => session.frames.invalidate());
    });
    return () => {
      unsubscribe();
      stopWatchingTheme();
      chart.destroy();
    };
  };
}
