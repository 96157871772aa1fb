/**
 * A chart.js line chart of the loss, of one of the task's metrics (accuracy, MAE, R², MSE)
 * or of the learning rate (one line per run, no legend), built once and then only
 * mutated: `syncCurves` copies what is new from the runs' curves into the chart's own
 * arrays, `applyTheme` re-colours it, `applyLabels` re-words it. The caller then calls
 * `chart.update('none')` (no animation, no re-creation).
 */
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset, type TooltipItem,
} from 'chart.js';
import type { Point } from './bucketSeries';
import { syncPoints, type BucketSeries } from './bucketSeries';
import { withAlpha, type ThemeColors } from './colors';
import type { Metric, RunCurves } from './runCurves';

/** What a chart plots: the loss, a metric, or the learning rate of each step. */
export type Plotted = Metric | 'learningRate';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

/** The datasets of every chart, in this order (the legend's). */
export const ROLES = ['raw', 'smooth', 'train', 'trainRunning', 'validation', 'previousSmooth', 'previousValidation'] as const;
export type Role = (typeof ROLES)[number];

/**
 * chart.js draws higher `order` first: the per-epoch points go last, above the batch cloud
 * (with batch size 1 the cloud would otherwise hide them).
 */
export const DRAW_ORDER: Record<Role, number> = {
  raw: 3, smooth: 2, previousSmooth: 1, train: 0, trainRunning: 0, validation: 0, previousValidation: 0,
};
export type CurveChart = Chart<'line', Point[]>;

export interface ChartText {
  label(role: Role): string;
  epochAxis: string;
  valueAxis: string;
  /** Formats an axis or tooltip value. */
  format(value: number, plotted: Plotted): string;
}

export interface ChartRuns {
  current: RunCurves | null;
  previous: RunCurves | null;
  showPrevious: boolean;
  /** The loss on a logarithmic axis (a diverging run's spikes then leave the rest readable). */
  logLoss: boolean;
}

/** Shown in the legend only when they have points. */
const isOptional = (role: Role) => role === 'previousSmooth' || role === 'previousValidation' || role === 'trainRunning';

/**
 * Each quantity's y axis: accuracy a share (0–1), R² at most 1 (a very bad start, far below
 * 0, is cut at −1 rather than flattening the rest), errors, the loss and the learning rate from 0.
 */
function valueAxis(plotted: Plotted): Record<string, unknown> {
  switch (plotted) {
    case 'accuracy': return { min: 0, max: 1 };
    case 'r2': return {
      max: 1, suggestedMin: 0,
      afterDataLimits: (axis: { min: number }) => { if (axis.min < -1) axis.min = -1; },
    };
    // From 0, the learning rate included: a constant rate is a flat line, not noise magnified.
    default: return { beginAtZero: true };
  }
}

export function createCurveChart(canvas: HTMLCanvasElement, metric: Plotted, colors: ThemeColors, text: ChartText): CurveChart {
  const datasets: ChartDataset<'line', Point[]>[] = ROLES.map((role) => ({
    label: text.label(role), data: [], order: DRAW_ORDER[role],
    // The last epoch's point sits on the right edge: let it show whole rather than halved.
    ...(DRAW_ORDER[role] === 0 ? { clip: 6 } : {}),
  }));
  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      responsive: typeof ResizeObserver !== 'undefined',
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: metric !== 'learningRate', text: text.epochAxis }, grid: {}, border: {}, ticks: {} },
        y: {
          type: 'linear', ...valueAxis(metric), title: { display: false }, grid: {}, border: {}, ticks: {},
          // A logarithmic axis has no 0: keep only positive ticks whatever chart.js generates.
          afterBuildTicks: (axis) => { if (axis.type === 'logarithmic') axis.ticks = axis.ticks.filter((tick) => tick.value > 0); },
        },
      },
      plugins: {
        legend: {
          // The learning rate's strip has one line per run: its caption says what it is.
          display: metric !== 'learningRate',
          position: 'bottom',
          labels: {
            boxWidth: 14, boxHeight: 2, font: { size: 11 },
            filter: (item, data) => !(isOptional(ROLES[item.datasetIndex ?? 0]!) && (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) === 0),
            // In the roles' order, not the drawing order.
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => `${text.epochAxis} ${text.format(items[0]?.parsed.x ?? 0, 'loss')}`,
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}: ${text.format(item.parsed.y ?? 0, metric)}`,
          },
        },
      },
    },
  };
  const chart = new Chart(canvas, config);
  applyLabels(chart, metric, text);
  applyTheme(chart, colors);
  return chart;
}

/** Colours from the theme: the current run in the series colours, the previous one grey and dashed. */
export function applyTheme(chart: CurveChart, c: ThemeColors): void {
  const [c1, c2, c3] = c.series;
  const style: Record<Role, Partial<ChartDataset<'line', Point[]>>> = {
    raw: { borderColor: withAlpha(c1, 0.35), backgroundColor: withAlpha(c1, 0.35), borderWidth: 1, pointRadius: 0 },
    smooth: { borderColor: c1, borderWidth: 2, pointRadius: 0 },
    // Epoch points with a ring of the background, so they stand out on a dense batch cloud.
    train: { borderColor: c3, backgroundColor: c3, borderWidth: 1.5, pointRadius: 4, pointBorderColor: c.surface, pointBorderWidth: 1.5 },
    trainRunning: { borderColor: c3, backgroundColor: c.surface, borderWidth: 1.5, borderDash: [3, 3], pointRadius: 3.5 },
    validation: { borderColor: c2, backgroundColor: c2, borderWidth: 2, pointRadius: 4, pointBorderColor: c.surface, pointBorderWidth: 1.5 },
    previousSmooth: { borderColor: withAlpha(c.muted, 0.8), borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0 },
    previousValidation: { borderColor: withAlpha(c.muted, 0.8), backgroundColor: c.muted, borderWidth: 1.5, borderDash: [2, 3], pointRadius: 2 },
  };
  chart.data.datasets.forEach((ds, i) => Object.assign(ds, style[ROLES[i]!], { pointHoverRadius: 4 }));
  const o = rawOptions(chart);
  o.color = c.text;
  for (const id of ['x', 'y'] as const) {
    const axis = scale(chart, id);
    axis.grid.color = withAlpha(c.border, 0.7);
    axis.border.color = c.border;
    axis.ticks.color = c.muted;
    axis.title.color = c.muted;
  }
  const tip = o.plugins?.tooltip;
  if (tip) Object.assign(tip, { backgroundColor: c.surface, titleColor: c.text, bodyColor: c.text, borderColor: c.border, borderWidth: 1 });
}

/** Words in the current language (legend, axes, ticks). */
export function applyLabels(chart: CurveChart, metric: Plotted, text: ChartText): void {
  chart.data.datasets.forEach((ds, i) => (ds.label = text.label(ROLES[i]!)));
  const x = scale(chart, 'x'), y = scale(chart, 'y');
  x.title.text = text.epochAxis;
  x.ticks.callback = (v: number | string) => text.format(Number(v), 'loss');
  y.ticks.callback = (v: number | string) => text.format(Number(v), metric);
}

/**
 * The options as given (not chart.js's resolving proxies, which must not be spread): set
 * a field here, then `chart.update()` resolves it again.
 */
function rawOptions(chart: CurveChart): NonNullable<ChartConfiguration<'line', Point[]>['options']> {
  return (chart.config.options ??= {}) as NonNullable<ChartConfiguration<'line', Point[]>['options']>;
}

interface ScaleLook {
  grid: { color?: string };
  border: { color?: string };
  ticks: { color?: string; callback?: (value: number | string) => string };
  title: { color?: string; text?: string };
  max?: number;
  type?: 'linear' | 'logarithmic';
}

function scale(chart: CurveChart, id: 'x' | 'y'): ScaleLook {
  const scales = (rawOptions(chart).scales ??= {}) as Record<string, Partial<ScaleLook>>;
  const s = (scales[id] ??= {});
  s.grid ??= {};
  s.border ??= {};
  s.ticks ??= {};
  s.title ??= {};
  return s as ScaleLook;
}

/** What a chart's copy of a batch curve was last synced from. */
export type SyncState = Map<Role, { source: BucketSeries; generation: number }>;

/** Brings the chart's arrays up to date with the runs (only new points of the batch curves are copied). */
export function syncCurves(chart: CurveChart, metric: Plotted, runs: ChartRuns, synced: SyncState): void {
  const previousRun = runs.showPrevious ? runs.previous : null;
  let batchCurve: Partial<Record<Role, BucketSeries | undefined>>;
  let epochCurve: Partial<Record<Role, Point[] | undefined>>;
  if (metric === 'learningRate') {
    batchCurve = { raw: undefined, smooth: runs.current?.learningRate, previousSmooth: previousRun?.learningRate };
    epochCurve = {};
  } else {
    // A metric the previous run did not report is simply not overlaid.
    const cur = runs.current?.of(metric) ?? null;
    const prev = previousRun?.of(metric) ?? null;
    batchCurve = { raw: cur?.raw, smooth: cur?.smooth, previousSmooth: prev?.smooth };
    epochCurve = { train: cur?.train, trainRunning: cur?.trainRunning, validation: cur?.validation, previousValidation: prev?.validation };
  }
  chart.data.datasets.forEach((ds, i) => {
    const role = ROLES[i]!;
    if (role in batchCurve) {
      const series = batchCurve[role];
      const last = synced.get(role);
      if (!series) {
        ds.data.length = 0;
        synced.delete(role);
      } else {
        const generation = syncPoints(ds.data, series, last?.source === series ? last.generation : -1);
        synced.set(role, { source: series, generation });
      }
    } else {
      ds.data.splice(0, ds.data.length, ...(epochCurve[role] ?? []));
    }
  });
  const epochs = Math.max(runs.current?.epochs ?? 1, previousRun?.epochs ?? 1);
  scale(chart, 'x').max = epochs;
  if (metric === 'loss') scale(chart, 'y').type = runs.logLoss ? 'logarithmic' : 'linear';
  if (metric === 'learningRate') scale(chart, 'y').type = learningRateSpan([runs.current, previousRun]) > 10 ? 'logarithmic' : 'linear';
}

/** How many times the largest learning rate of these runs is the smallest (1 without any). */
export function learningRateSpan(runs: readonly (RunCurves | null | undefined)[]): number {
  let low = Number.POSITIVE_INFINITY, high = 0;
  for (const r of runs) {
    if (!r || r.learningRateHigh <= 0) continue;
    low = Math.min(low, r.learningRateLow);
    high = Math.max(high, r.learningRateHigh);
  }
  return high > 0 ? high / low : 1;
}
