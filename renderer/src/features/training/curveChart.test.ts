import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { applyTheme, createCurveChart, ROLES, syncCurves, type ChartText, type SyncState } from './curveChart';
import { chartText } from './liveChart.svelte';
import type { ThemeColors } from './colors';
import { RunCurves } from './runCurves';
import { regressionEpochMetrics } from './testing/fakeApi';

const colors: ThemeColors = { text: '#111111', muted: '#555555', border: '#cccccc', surface: '#ffffff', series: ['#4f46e5', '#db2777', '#0891b2', '#ca8a04'] };
const text: ChartText = { label: (r) => r, epochAxis: 'Epoch', valueAxis: 'Loss', format: (v) => String(v) };

const epochZero = { epoch: 0, seconds: 1, running: { loss: 0.3, accuracy: 0.5 }, train: { loss: 0.35, accuracy: 0.48 }, trainCount: 5000, val: { loss: 0.4, accuracy: 0.45 } };

function run(n: number, batches: number): RunCurves {
  const c = new RunCurves(n);
  c.configure(10, 2);
  const steps = Array.from({ length: batches }, (_, i) => i + 1);
  c.addBatches(steps, steps.map((s) => 1 / s), { accuracy: steps.map(() => 0.5) });
  if (batches >= 10) c.addEpoch(epochZero);
  return c;
}

describe('the curve chart', () => {
  it('is built once and only mutated: new points are appended, the previous run shown or hidden', () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const chart = createCurveChart(canvas, 'loss', colors, text);
    const data = () => Object.fromEntries(ROLES.map((r, i) => [r, chart.data.datasets[i]!.data.length]));
    const synced: SyncState = new Map();
    const previous = run(1, 20);
    const current = run(2, 5);
    syncCurves(chart, 'loss', { current, previous, showPrevious: true, logLoss: false }, synced);
    expect(data()).toEqual({ raw: 5, smooth: 5, train: 0, trainRunning: 0, validation: 0, previousSmooth: 20, previousValidation: 1 });
    const rawArray = chart.data.datasets[0]!.data;

    current.addBatches([6, 7, 8, 9, 10], [1, 1, 1, 1, 1], { accuracy: [1, 1, 1, 1, 1] });
    current.addEpoch(epochZero);
    syncCurves(chart, 'loss', { current, previous, showPrevious: false, logLoss: true }, synced);
    expect(data()).toEqual({ raw: 10, smooth: 10, train: 1, trainRunning: 0, validation: 1, previousSmooth: 0, previousValidation: 0 });
    expect(chart.data.datasets[2]!.data).toEqual([{ x: 1, y: 0.35 }]); // the measured loss, not the running average
    expect(chart.data.datasets[0]!.data).toBe(rawArray); // the same array, grown
    expect(chart.data.datasets[0]!.data[9]).toEqual({ x: 1, y: 1 });
    expect(chart.config.options?.scales?.['y']?.type).toBe('logarithmic');
    expect(chart.config.options?.scales?.['x']?.max).toBe(2);

    const next = run(3, 3); // a new run replaces the copy even though its generation is the same
    syncCurves(chart, 'loss', { current: next, previous: current, showPrevious: true, logLoss: false }, synced);
    expect(data()).toMatchObject({ raw: 3, previousSmooth: 10 });
    expect(() => chart.update('none')).not.toThrow();

    applyTheme(chart, { ...colors, series: ['#000000', '#111111', '#222222', '#333333'] });
    expect(chart.data.datasets[1]!.borderColor).toBe('#000000');
    expect(chart.data.datasets[ROLES.indexOf('previousSmooth')]!.borderDash).toEqual([6, 4]);
    chart.destroy();
  });

  it('draws the epoch points above the batch cloud, and lists them in the legend in the roles\' order', () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const chart = createCurveChart(canvas, 'loss', colors, text);
    const current = run(1, 10);
    syncCurves(chart, 'loss', { current, previous: null, showPrevious: false, logLoss: false }, new Map());
    chart.update('none');
    // chart.js draws this list from its end to its start: the batch curves first, the epoch points last.
    const drawnLast = chart.getSortedVisibleDatasetMetas().map((m) => ROLES[m.index]);
    expect(drawnLast.slice(0, 3).sort()).toEqual(['train', 'trainRunning', 'validation']);
    expect(drawnLast.at(-1)).toBe('raw');
    expect(chart.legend?.legendItems?.map((item) => ROLES[item.datasetIndex ?? 0])).toEqual(['raw', 'smooth', 'train', 'validation']);
    chart.destroy();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`never shows a 0 or negative tick on the logarithmic loss axis (${lang})`, () => {
      i18n.setLang(lang);
      for (const [low, high] of [[0.02, 2.3], [1e-7, 3], [0.3, 0.5], [0, 2], [1e-12, 1e-9]] as const) {
        const canvas = document.createElement('canvas');
        canvas.width = 400;
        canvas.height = 200;
        document.body.append(canvas);
        const c = new RunCurves(1);
        c.configure(10, 1);
        c.addBatches([1, 2, 3, 4], [high, (high + low) / 2, low * 2, low], { accuracy: [0.5, 0.5, 0.5, 0.5] });
        const words = chartText('loss', { previous: null });
        const chart = createCurveChart(canvas, 'loss', colors, words);
        syncCurves(chart, 'loss', { current: c, previous: null, showPrevious: false, logLoss: true }, new Map());
        chart.update('none');
        const y = chart.scales['y']!;
        expect(y.type).toBe('logarithmic');
        expect(y.ticks.length).toBeGreaterThan(1);
        for (const tick of y.ticks) {
          expect(tick.value, `${low}–${high}`).toBeGreaterThan(0);
          const label = String(tick.label);
          expect(label, `${low}–${high}: ${tick.value}`).not.toMatch(/^[-−]?0([.,]0*)?$/);
        }
        chart.destroy();
      }
    });
  }

  it('charts a regression run\'s R² up to 1, cut at −1 below, with a previous classification run not overlaid', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 200;
    document.body.append(canvas);
    const current = new RunCurves(2);
    current.configure(10, 3, ['mae', 'r2']);
    const steps = Array.from({ length: 10 }, (_, i) => i + 1);
    // A very bad start (R² of −20) must not flatten the rest of the curve.
    current.addBatches(steps, steps.map(() => 1), { mae: steps.map((s) => 1 / s), r2: steps.map((s) => (s === 1 ? -20 : 0.1 * s - 0.1)) });
    current.addEpoch(regressionEpochMetrics(0));
    const previous = run(1, 20); // loss and accuracy only
    const chart = createCurveChart(canvas, 'r2', colors, text);
    syncCurves(chart, 'r2', { current, previous, showPrevious: true, logLoss: false }, new Map());
    const data = () => Object.fromEntries(ROLES.map((r, i) => [r, chart.data.datasets[i]!.data.length]));
    expect(data()).toEqual({ raw: 10, smooth: 10, train: 1, trainRunning: 0, validation: 1, previousSmooth: 0, previousValidation: 0 });
    chart.update('none');
    expect(chart.scales['y']!.max).toBe(1);
    expect(chart.scales['y']!.min).toBe(-1);
    chart.destroy();

    // The MAE chart of the same run; the run has no accuracy to chart.
    const mae = createCurveChart(document.body.appendChild(document.createElement('canvas')), 'mae', colors, text);
    syncCurves(mae, 'mae', { current, previous, showPrevious: true, logLoss: false }, new Map());
    expect(mae.data.datasets[ROLES.indexOf('train')]!.data).toEqual([{ x: 1, y: 0.5 }]);
    expect(mae.data.datasets[ROLES.indexOf('previousSmooth')]!.data).toEqual([]);
    mae.update('none');
    expect(mae.scales['y']!.min).toBe(0);
    mae.destroy();
    expect(current.of('accuracy')).toBeNull();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`plots the learning rate of each step, a step schedule on a logarithmic axis past a factor of 10 (${lang})`, () => {
      i18n.setLang(lang);
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 80;
      document.body.append(canvas);
      const stepped = new RunCurves(2);
      stepped.configure(4, 3);
      const steps = Array.from({ length: 12 }, (_, i) => i + 1);
      stepped.addBatches(steps, steps.map(() => 1), {}, steps.map((s) => 0.1 * 0.1 ** Math.floor((s - 1) / 4)));
      const constant = new RunCurves(1);
      constant.configure(4, 3);
      constant.addBatches(steps, steps.map(() => 1), {}, steps.map(() => 0.05));
      const words = chartText('learningRate', { previous: constant });
      const chart = createCurveChart(canvas, 'learningRate', colors, words);
      syncCurves(chart, 'learningRate', { current: stepped, previous: constant, showPrevious: true, logLoss: false }, new Map());
      const line = chart.data.datasets[ROLES.indexOf('smooth')]!.data;
      // The steps: flat within each epoch, ÷10 at each epoch's end.
      expect(line.slice(0, 4).map((p) => p.y)).toEqual([0.1, 0.1, 0.1, 0.1].map((v) => expect.closeTo(v, 12)));
      expect(line.slice(4, 8).map((p) => p.y)).toEqual([0.01, 0.01, 0.01, 0.01].map((v) => expect.closeTo(v, 12)));
      expect(line[8]!.y).toBeCloseTo(0.001, 12);
      expect(chart.data.datasets[ROLES.indexOf('previousSmooth')]!.data).toHaveLength(12);
      expect(chart.data.datasets[ROLES.indexOf('raw')]!.data).toEqual([]);
      expect(chart.config.options?.scales?.['y']?.type).toBe('logarithmic');
      expect(chart.options.plugins?.legend?.display).toBe(false);
      expect(chart.data.datasets[ROLES.indexOf('previousSmooth')]!.label).toBe(lang === 'fr' ? 'Essai 1 : taux d’apprentissage' : 'Run 1: learning rate');
      chart.update('none');
      const y = chart.scales['y']!;
      expect(y.type).toBe('logarithmic');
      expect(y.min).toBeLessThanOrEqual(0.001);
      expect(y.max).toBeGreaterThanOrEqual(0.1);
      for (const tick of y.ticks) expect(String(tick.label)).not.toMatch(/^[-−]?0([.,]0*)?$/);
      // A constant rate alone stays on a linear axis.
      syncCurves(chart, 'learningRate', { current: constant, previous: stepped, showPrevious: false, logLoss: false }, new Map());
      expect(chart.config.options?.scales?.['y']?.type).toBe('linear');
      chart.update('none');
      // …from 0, so that it reads as constant rather than as noise around 0.05.
      expect(chart.scales['y']!.min).toBe(0);
      chart.destroy();
      i18n.setLang('en');
    });
  }
});
