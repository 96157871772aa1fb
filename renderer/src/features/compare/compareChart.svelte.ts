/**
 * `{@attach compareChart(() => plot)}` on a <canvas>: one chart.js line chart of the
 * compared runs (one line per run, in its colour; the run under way dashed), rebuilt
 * from `plot` whenever what it reads changes (runs, axis, language, theme, a live tick).
 * No chart.js legend: the panel's own legend names each run by the settings that differ.
 */
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { onThemeChange, readThemeColors } from '../training/colors';
import { measureDigits } from '../training/format';
import type { Point } from './compareSeries';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);

export interface PlotLine {
  label: string;
  color: string;
  points: Point[];
  live: boolean;
}

export interface Plot {
  lines: PlotLine[];
  xTitle: string;
  /** Accuracy stays within 0–1 (shown in percent); losses and errors start at 0. */
  share: boolean;
  /** Per-epoch points are few: show them as dots. */
  dots: boolean;
}

export function compareChart(plot: () => Plot): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const chart = untrack(() => new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false, parsing: false, normalized: true, spanGaps: true,
        responsive: typeof ResizeObserver !== 'undefined', maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { x: { type: 'linear', min: 0, title: { display: true } }, y: { type: 'linear' } },
        plugins: { legend: { display: false } },
      },
    }));
    let theme = $state(0);
    const stopWatchingTheme = onThemeChange(() => theme++);
    $effect(() => {
      void theme;
      const p = plot();
      untrack(() => draw(chart, p));
    });
    return () => {
      stopWatchingTheme();
      chart.destroy();
    };
  };
}

function draw(chart: Chart<'line', Point[]>, p: Plot): void {
  const c = readThemeColors();
  chart.data.datasets = p.lines.map((line): ChartDataset<'line', Point[]> => ({
    label: line.label, data: line.points, borderColor: line.color, backgroundColor: line.color,
    borderWidth: line.live ? 2 : 2.5, borderDash: line.live ? [6, 4] : [], pointRadius: p.dots ? 3 : 0, tension: 0,
  }));
  const longest = Math.max(0, ...p.lines.flatMap((l) => l.points.map((pt) => pt.x)));
  const o = chart.options;
  o.scales = {
    x: {
      type: 'linear', min: 0, max: longest > 0 ? longest : 1,
      title: { display: true, text: p.xTitle, color: c.muted, font: { size: 13 } },
      ticks: { color: c.muted, font: { size: 12 }, callback: (v, _i, ticks) => i18n.number(Number(v), digitsFor(ticks)) },
      grid: { color: c.border },
    },
    y: {
      type: 'linear', ...(p.share ? { min: 0, max: 1 } : { beginAtZero: true }),
      ticks: {
        color: c.muted, font: { size: 12 },
        callback: (v, _i, ticks) => (p.share ? i18n.percent(Number(v), 0) : i18n.number(Number(v), digitsFor(ticks))),
      },
      grid: { color: c.border },
    },
  };
  o.plugins = {
    ...o.plugins,
    legend: { display: false },
    tooltip: {
      callbacks: {
        title: (items) => `${p.xTitle} ${i18n.number(items[0]?.parsed.x ?? 0, measureDigits(items[0]?.parsed.x ?? 0))}`,
        label: (item) => {
          const y = item.parsed.y ?? 0;
          return `${item.dataset.label ?? ''}: ${p.share ? i18n.percent(y, 1) : i18n.number(y, measureDigits(y))}`;
        },
      },
    },
  };
  chart.update('none');
}

/** Decimals that tell an axis's ticks apart: as many as its step needs (0.05 → 2), every tick alike. */
function digitsFor(ticks: readonly { value: number }[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1]!.value - ticks[0]!.value) : 1;
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}
