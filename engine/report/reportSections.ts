/**
 * The lab report's sections as HTML fragments, each from a run's record: the network's
 * summary table (the engine's analysis, as `layerwise summary` prints it), the data, the
 * settings, the curves, the results, the confusion matrix, the notes. Every text that
 * comes from the record (names, notes, class names) is escaped here.
 */
import type { Lang, Message } from '../messages';
import { formatMessage } from '../messages';
import type { RunEnding, RunTest } from '../runs/runRecord';
import type { EpochMetrics, Measures, MetricName } from '../train/metrics';
import type { NetworkSpec } from '../model/spec';
import type { Task } from '../data/task';
import { analyzeNetwork } from '../model/analyze';
import { analyzeOptionsFor } from '../train/taskHead';
import { escapeHtml as esc } from './html';
import { lineChartSvg, type ChartSeries } from './svgChart';
import { measure, metricValue, percent, RUN_COLORS, settingValue, tick, whole, word } from './reportFormat';

/** What a report reads from a run: a run record (engine/runs/runRecord.ts) fits as it is. */
export interface ReportRun {
  name: string | null;
  notes?: string;
  startedAt: string;
  seconds: number;
  ending: RunEnding;
  spec: NetworkSpec;
  hyperparams: Readonly<Record<string, unknown>>;
  learningRateSet?: number | null;
  dataset: {
    name: string; title: Message | null; choice?: Readonly<Record<string, unknown>>; task: Task | null;
    inputShape: readonly number[]; classNames: readonly string[] | null; trainCount: number; valCount: number; testCount: number;
  };
  history: readonly EpochMetrics[];
  test: RunTest | null;
}

export const dataName = (run: ReportRun, lang: Lang) => (run.dataset.title ? formatMessage(run.dataset.title, lang) : run.dataset.name);
const table = (head: string[], rows: string[][], cls = '') =>
  `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export function networkSection(run: ReportRun, lang: Lang): string {
  const a = analyzeNetwork(run.spec, run.dataset.task ? analyzeOptionsFor(run.dataset.task) : {});
  const shape = (s: readonly number[] | null) => (s ? `(None, ${s.join(', ')})` : '?');
  const rows = [
    ['input (InputLayer)', shape(a.inputShape), '0'],
    ...a.layers.map((l) => [esc(`${l.name} (${l.type})`), shape(l.outputShape), whole(l.params, lang)]),
  ];
  return `<section><h3>${esc(word(lang, 'report.network'))}</h3>`
    + table([word(lang, 'report.layer'), word(lang, 'report.outputShape'), word(lang, 'report.params')].map(esc), rows, 'summary')
    + `<p class="total">${esc(word(lang, 'report.totalParams', { count: a.totalParams }))}</p></section>`;
}

export function datasetSection(run: ReportRun, lang: Lang): string {
  const d = run.dataset;
  const counts = word(lang, 'report.counts', { train: d.trainCount, val: d.valCount, test: d.testCount, shape: d.inputShape.join('×') });
  const classes = d.classNames && d.classNames.length > 0 ? `<p>${esc(word(lang, 'report.classes', { names: d.classNames.join(', ') }))}</p>` : '';
  return `<section><h3>${esc(word(lang, 'report.datasetOf', { name: dataName(run, lang) }))}</h3><p>${esc(counts)}</p>${classes}</section>`;
}

const HYPERPARAM_KEYS = {
  epochs: 'report.hp.epochs', batchSize: 'report.hp.batchSize', learningRate: 'report.hp.learningRate', optimizer: 'report.hp.optimizer',
  loss: 'report.hp.loss', schedule: 'report.hp.schedule', weightDecay: 'report.hp.weightDecay', validationSize: 'report.hp.validationSize', seed: 'report.hp.seed',
} as const;
/** A hyperparameter's name in `lang`; one this version does not know, as its key. */
export const settingName = (key: string, lang: Lang) => (key in HYPERPARAM_KEYS ? word(lang, HYPERPARAM_KEYS[key as keyof typeof HYPERPARAM_KEYS]) : key);

export function settingsSection(run: ReportRun, lang: Lang): string {
  const h = { ...run.hyperparams, ...(run.learningRateSet != null ? { learningRate: run.learningRateSet } : {}) };
  const rows = Object.entries(h).filter(([k]) => k !== 'threads').map(([k, v]) => [esc(settingName(k, lang)), esc(settingValue(v, lang))]);
  return `<section><h3>${esc(word(lang, 'report.settings'))}</h3>${table([word(lang, 'report.setting'), word(lang, 'report.value')].map(esc), rows, 'settings')}</section>`;
}

/** The task's metric shown beside the loss (the first the history has): accuracy, R², MSE. */
export function metricOf(runs: readonly ReportRun[]): MetricName | null {
  for (const m of ['accuracy', 'r2', 'mae', 'mse'] as const) {
    if (runs.some((r) => r.history.some((e) => e.running[m] !== undefined))) return m;
  }
  return null;
}

/** Epochs count from 0 in the records (EpochMetrics); a report counts them as a student does, from 1. */
/** What a curve shows per epoch: validation when measured, else training in inference mode, else the running average. */
const trainOf = (e: EpochMetrics): Measures => e.train ?? e.running;

/**
 * The loss and metric curves. One run: training solid and validation dashed. Several: each
 * its colour, validation when it has it. Runs with different losses get a chart per loss,
 * never one axis for both.
 */
export function curvesSection(runs: readonly ReportRun[], labels: readonly string[], lang: Lang): string {
  if (runs.every((r) => r.history.length === 0)) return `<section><h3>${esc(word(lang, 'report.curves'))}</h3><p>${esc(word(lang, 'report.noCurves'))}</p></section>`;
  const format = (v: number, step: number) => tick(v, step, lang);
  const xLabel = word(lang, 'report.epoch');
  const every = runs.map((_, i) => i);
  const seriesOf = (pick: (m: Measures) => number | undefined, scale = 1, which = every): ChartSeries[] => which.flatMap((i) => {
    const r = runs[i]!;
    const color = RUN_COLORS[i % RUN_COLORS.length]!;
    const pts = (of: (e: EpochMetrics) => Measures | null) =>
      r.history.map((e): [number, number] => [e.epoch + 1, (pick(of(e) ?? { loss: Number.NaN }) ?? Number.NaN) * scale]);
    const hasVal = r.history.some((e) => e.val !== null);
    const own = runs.length === 1;
    const out: ChartSeries[] = [];
    if (own || !hasVal) out.push({ label: own ? word(lang, 'report.onTrain') : `${labels[i]} (${word(lang, 'report.onTrain')})`, color: own ? RUN_COLORS[0]! : color, points: pts(trainOf) });
    if (hasVal) out.push({ label: own ? word(lang, 'report.onValidation') : `${labels[i]} (${word(lang, 'report.onValidation')})`, color: own ? RUN_COLORS[1]! : color, points: pts((e) => e.val), dashed: own });
    return out;
  });
  const charts: string[] = [];
  const losses = [...new Set(runs.map((r) => String(r.hyperparams['loss'] ?? '')))];
  for (const loss of losses) {
    const group = every.filter((i) => String(runs[i]!.hyperparams['loss'] ?? '') === loss);
    const title = loss ? word(lang, 'report.lossOf', { loss }) : word(lang, 'report.loss');
    charts.push(lineChartSvg(seriesOf((m) => m.loss, 1, group), { title, xLabel, format, wholeX: true }));
  }
  const metric = metricOf(runs);
  if (metric) {
    const pct = metric === 'accuracy';
    const title = word(lang, `report.metric.${metric}`) + (pct ? ' (%)' : '');
    charts.push(lineChartSvg(seriesOf((m) => m[metric], pct ? 100 : 1), { title: title.charAt(0).toUpperCase() + title.slice(1), xLabel, format, wholeX: true }));
  }
  return `<section><h3>${esc(word(lang, 'report.curves'))}</h3><div class="charts">${charts.join('')}</div></section>`;
}

/** The results each run ended with: on the test set when tested, else at its last epoch. */
export function finalOf(run: ReportRun): { on: 'test' | 'validation' | 'train'; measures: Measures } | null {
  if (run.test) return { on: 'test', measures: run.test.measures };
  const last = run.history.at(-1);
  if (!last) return null;
  return last.val ? { on: 'validation', measures: last.val } : { on: 'train', measures: trainOf(last) };
}

export function resultsSection(runs: readonly ReportRun[], labels: readonly string[], lang: Lang): string {
  const metric = metricOf(runs);
  const head = [...(runs.length > 1 ? [word(lang, 'report.run')] : []), word(lang, 'report.measuredOn'), word(lang, 'report.metric.loss'), ...(metric ? [word(lang, `report.metric.${metric}`)] : [])];
  const finals = runs.map(finalOf);
  const best = metric ? bestIndex(finals.map((f) => f?.measures[metric]), metric !== 'accuracy' && metric !== 'r2') : -1;
  const rows = runs.map((_, i) => {
    const f = finals[i];
    const onKey = f ? ({ test: 'report.onTest', validation: 'report.onValidation', train: 'report.onTrain' } as const)[f.on] : null;
    const value = metric ? metricValue(metric, f?.measures[metric], lang) : null;
    return [
      ...(runs.length > 1 ? [esc(labels[i]!)] : []),
      onKey ? esc(word(lang, onKey)) : '—', esc(measure(f?.measures.loss, lang)),
      ...(value !== null ? [i === best && runs.length > 1 ? `<strong>${esc(value)}</strong>` : esc(value)] : []),
    ];
  });
  return `<section><h3>${esc(word(lang, 'report.results'))}</h3>${table(head.map(esc), rows, 'results')}</section>`;
}

function bestIndex(values: readonly (number | undefined)[], lowerIsBetter: boolean): number {
  let best = -1;
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) return;
    const b = values[best];
    if (best < 0 || b === undefined || (lowerIsBetter ? v < b : v > b)) best = i;
  });
  return best;
}

/** The test set's confusion matrix, each cell shaded by its share of its true class. */
export function confusionSection(run: ReportRun, lang: Lang): string {
  const c = run.test?.confusion;
  if (!c || c.length === 0) return '';
  const names = c.map((_, i) => run.dataset.classNames?.[i] ?? String(i));
  const head = `<tr><th class="corner">${esc(word(lang, 'report.trueVsPredicted'))}</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr>`;
  const rows = c.map((row, i) => {
    const total = row.reduce((s, v) => s + v, 0) || 1;
    const cells = row.map((v, j) => {
      const share = v / total;
      const hue = i === j ? '31,119,180' : '214,39,40';
      const dark = share > 0.55 ? ' class="dark"' : '';
      return `<td${dark} style="background:rgba(${hue},${share.toFixed(3)})">${esc(whole(v, lang))}</td>`;
    }).join('');
    return `<tr><th>${esc(names[i]!)}</th>${cells}</tr>`;
  }).join('');
  const shown = mistakesOf(run, lang, names);
  return `<section><h3>${esc(word(lang, 'report.confusion'))}</h3><table class="confusion"><thead>${head}</thead><tbody>${rows}</tbody></table>`
    // Only images have pictures to show: points and table rows get no note about them.
    + (shown || (run.dataset.inputShape.length >= 2 ? `<p class="aside">${esc(word(lang, 'report.noExamples'))}</p>` : '')) + '</section>';
}

/**
 * The few misclassified test images the record keeps, each drawn as SVG squares from its
 * bytes (ink dark on white, as the app shows digits), with what it is and what it was taken for.
 */
function mistakesOf(run: ReportRun, lang: Lang, names: readonly string[]): string {
  const list = run.test?.misclassified ?? [];
  const [h, w] = run.dataset.inputShape;
  if (list.length === 0 || h === undefined || w === undefined) return '';
  const figures = list.map((m) => {
    let bytes: string;
    try {
      bytes = atob(m.pixels);
    } catch {
      return '';
    }
    if (bytes.length !== h * w) return '';
    const cells: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const v = bytes.charCodeAt(i);
      if (v > 12) cells.push(`<rect x="${i % w}" y="${Math.floor(i / w)}" width="1.05" height="1.05" fill-opacity="${(v / 255).toFixed(2)}"/>`);
    }
    const caption = word(lang, 'report.mistake', { label: names[m.label] ?? String(m.label), predicted: names[m.predicted] ?? String(m.predicted), confidence: percent(m.confidence, lang) });
    return `<figure class="mistake"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="84" height="84" role="img" aria-label="${esc(caption)}"><rect width="${w}" height="${h}" fill="#fff"/><g fill="#111">${cells.join('')}</g></svg><figcaption>${esc(caption)}</figcaption></figure>`;
  }).join('');
  return figures ? `<h4>${esc(word(lang, 'report.mistakes'))}</h4><div class="mistakes">${figures}</div>` : '';
}

/** The student's notes, line breaks kept, as text (never markup). */
export function notesSection(run: ReportRun, lang: Lang): string {
  const notes = (run.notes ?? '').trim();
  const body = notes ? `<div class="notes">${esc(notes)}</div>` : `<div class="notes empty">${esc(word(lang, 'report.noNotes'))}</div>`;
  return `<section><h3>${esc(word(lang, 'report.notes'))}</h3>${body}</section>`;
}
