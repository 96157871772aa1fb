/**
 * `{@attach insideChart(view, 'grad')}` (or 'ratio') on a <canvas>: one line per weighted
 * layer over the run's batches, on a logarithmic axis — the first layers' gradients of a
 * deep sigmoid network sit orders of magnitude below the last ones'. Built once; redrawn
 * with the view's measurements, re-coloured with the theme, re-worded with the language.
 */
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset, type TooltipItem,
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { onThemeChange, parseCssColor, readThemeColors, withAlpha, type ThemeColors } from './colors';
import type { InsideLine, InsidePoint, InsideView } from './insideView.svelte';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

export type InsidePlotted = 'grad' | 'ratio';
type InsideChart = Chart<'line', InsidePoint[]>;

const formats = new Map<string, Intl.NumberFormat>();
function formatter(lang: string, options: Intl.NumberFormatOptions, key: string): Intl.NumberFormat {
  let f = formats.get(`${lang}/${key}`);
  if (!f) formats.set(`${lang}/${key}`, (f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', options)));
  return f;
}
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number) => (n < 0 ? '⁻' : '') + [...String(Math.abs(n))].map((d) => SUPERSCRIPT[Number(d)]).join('');

/**
 * A size from 10⁻¹² to 10⁶ the language's way, two significant digits: 0,00012 as is,
 * smaller and larger ones as 3,6 × 10⁻⁵ (what a student reads on a log axis).
 */
export function formatSize(lang: string, value: number): string {
  const size = Math.abs(value);
  if (size === 0 || !Number.isFinite(value)) return formatter(lang, {}, 'plain').format(value);
  if (size >= 1e-4 && size < 1e4) return formatter(lang, { maximumSignificantDigits: 2 }, 'small').format(value);
  let exponent = Math.floor(Math.log10(size));
  let mantissa = Number((value / 10 ** exponent).toPrecision(2));
  // 9,96 rounds to 10: one more power of ten instead.
  if (Math.abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
  return `${formatter(lang, { maximumFractionDigits: 1 }, 'mantissa').format(mantissa)} × 10${superscript(exponent)}`;
}

/** Only the powers of ten are labelled on a log axis: 2…9 × 10ᵏ would crowd it. */
function powerOfTen(value: number): boolean {
  if (!(value > 0)) return false;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return Math.abs(mantissa - 1) < 1e-6;
}

/** Layer `i` of `n`: from the theme's first series colour (the first layer) to its second (the last). */
export function layerColor(colors: ThemeColors, i: number, n: number): string {
  const a = parseCssColor(colors.series[0]), b = parseCssColor(colors.series[1]);
  if (!a || !b) return colors.series[0];
  const f = n > 1 ? i / (n - 1) : 0;
  const mix = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

export function lineLabel(line: Pick<InsideLine, 'name' | 'activation'>): string {
  return line.activation ? `${line.name} (${line.activation})` : line.name;
}

function create(canvas: HTMLCanvasElement): InsideChart {
  const config: ChartConfiguration<'line', InsidePoint[]> = {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false, parsing: false, normalized: true, spanGaps: true,
      responsive: typeof ResizeObserver !== 'undefined', maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: '' }, ticks: { font: { size: 12 } } },
        y: {
          type: 'logarithmic', ticks: { font: { size: 12 }, autoSkip: false },
          afterBuildTicks: (axis) => { axis.ticks = axis.ticks.filter((tick) => tick.value > 0); },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 3, font: { size: 12 } } },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => t('training.inside.atStep', { step: items[0]?.parsed.x ?? 0 }),
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}: ${formatSize(i18n.lang, item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}

/** Brings the chart's lines, colours and words up to date with the view. */
function sync(chart: InsideChart, plotted: InsidePlotted, lines: readonly InsideLine[], colors: ThemeColors): void {
  const sets = chart.data.datasets as ChartDataset<'line', InsidePoint[]>[];
  sets.length = lines.length;
  lines.forEach((line, i) => {
    const color = layerColor(colors, i, lines.length);
    sets[i] = {
      ...(sets[i] ?? {}), label: lineLabel(line), data: plotted === 'grad' ? line.grad : line.ratio,
      borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0, pointHoverRadius: 4,
    };
  });
  const o = chart.options;
  o.color = colors.text;
  const scales = o.scales as Record<'x' | 'y', {
    grid: { color?: string }; border: { color?: string }; title: { color?: string; text?: string };
    ticks: { color?: string; callback?: (v: number | string) => string };
  }>;
  for (const axis of [scales.x, scales.y]) {
    axis.grid.color = withAlpha(colors.border, 0.7);
    axis.border.color = colors.border;
    axis.ticks.color = colors.muted;
    axis.title.color = colors.muted;
  }
  // Whole decades, so both ends are labelled powers of ten however narrow the data's range.
  const decades = decadesOf(lines, plotted);
  Object.assign(scales.y, decades ?? { min: undefined, max: undefined });
  scales.x.title.text = t('training.inside.batchAxis');
  scales.x.ticks.callback = (v) => i18n.number(Number(v));
  scales.y.ticks.callback = (v) => (powerOfTen(Number(v)) ? formatSize(i18n.lang, Number(v)) : '');
  const tip = o.plugins?.tooltip;
  if (tip) Object.assign(tip, { backgroundColor: colors.surface, titleColor: colors.text, bodyColor: colors.text, borderColor: colors.border, borderWidth: 1 });
}

/** The powers of ten just below and just above every plotted value; null without any. */
export function decadesOf(lines: readonly InsideLine[], plotted: InsidePlotted): { min: number; max: number } | null {
  let lo = Infinity, hi = 0;
  for (const line of lines) {
    for (const p of plotted === 'grad' ? line.grad : line.ratio) {
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
  }
  if (!(hi > 0)) return null;
  // `1e-4` parsed, not 10 ** -4 (which is 0.00009999999999999999).
  const min = Number(`1e${Math.floor(Math.log10(lo) + 1e-9)}`);
  const max = Number(`1e${Math.ceil(Math.log10(hi) - 1e-9)}`);
  return { min, max: max > min ? max : min * 10 };
}

export function insideChart(view: InsideView, plotted: InsidePlotted): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const chart = untrack(() => create(canvas));
    let colors = readThemeColors();
    let frame = 0;
    const redraw = () => {
      frame = 0;
      sync(chart, plotted, view.lines, colors);
      chart.update('none');
    };
    const later = () => { frame ||= requestAnimationFrame(redraw); };
    const stopWatchingTheme = onThemeChange(() => {
      colors = readThemeColors();
      later();
    });
    // A measurement, a new run, or the language: redraw in the next frame.
    $effect(() => {
      void [view.version, i18n.lang];
      untrack(later);
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      stopWatchingTheme();
      chart.destroy();
    };
  };
}
