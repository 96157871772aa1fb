/**
 * What the comparison panel shows, from the compared runs: their colours, the settings that
 * differ (legend and table), the loss panels (one per loss function: never two losses on one
 * axis) and the metric panels, and the final results with the best of each row marked.
 */
import { differingSettings, lossGroups, type SettingDiff, type MetricName } from '$engine';
import { HIGHER_IS_BETTER, RUN_COLORS, bestIndex, type ComparedRun } from './compareSeries';

export interface ViewRun {
  run: ComparedRun;
  color: string;
  /** 1-based, as the legend and the table number them. */
  number: number;
}

export interface CompareView {
  runs: ViewRun[];
  diffs: SettingDiff[];
  lossPanels: { loss: string; runs: ViewRun[] }[];
  metricPanels: { metric: MetricName; runs: ViewRun[] }[];
  results: ResultRow[];
}

export interface ResultRow {
  kind: 'final' | 'loss';
  /** The metric of a 'final' row. */
  metric: MetricName | null;
  values: (number | null)[];
  /** Which run is best on this row (null: none, or nothing comparable). */
  best: number | null;
}

export function compareView(compared: readonly ComparedRun[]): CompareView {
  const runs = compared.map((run, i) => ({ run, color: RUN_COLORS[i % RUN_COLORS.length]!, number: i + 1 }));
  const diffs = differingSettings(compared.map((r) => r.settings));
  const lossPanels = lossGroups(runs, (r) => r.run.lossName);
  const metricPanels = lossGroups(runs.filter((r) => r.run.metric !== null), (r) => r.run.metric!)
    .map((g) => ({ metric: g.loss as MetricName, runs: g.runs }));
  const results: ResultRow[] = [];
  for (const metric of new Set(compared.map((r) => r.final?.metric ?? null))) {
    if (metric === null) continue;
    const values = compared.map((r) => (r.final?.metric === metric ? r.final.value : null));
    results.push({ kind: 'final', metric, values, best: bestIndex(values, HIGHER_IS_BETTER.has(metric)) });
  }
  // Losses of different functions are not comparable: no best among them.
  const values = compared.map((r) => r.final?.loss ?? null);
  const oneLoss = lossPanels.length === 1;
  results.push({ kind: 'loss', metric: null, values, best: oneLoss ? bestIndex(values, false) : null });
  return { runs, diffs, lossPanels, metricPanels, results };
}
