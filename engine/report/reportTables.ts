/**
 * A run's curves and confusion matrix as rows, for a CSV (engine/report/csv.ts) — the
 * numbers a student plots again in a spreadsheet. Column names stay short and in English
 * identifiers (`val_loss`, like Keras' history), so a sheet made from one run reads the next.
 */
import type { EpochMetrics, Measures } from '../train/metrics';
import { METRIC_NAMES } from '../train/metrics';
import type { CsvCell } from './csv';

/** One row per epoch (counted from 1, as the app shows them; records count from 0): epoch, seconds, then loss and each metric on training (running and measured) and validation. */
export function curveRows(history: readonly EpochMetrics[]): CsvCell[][] {
  const metrics = METRIC_NAMES.filter((m) => history.some((e) => e.running[m] !== undefined));
  const names = ['loss', ...metrics] as const;
  const hasTrain = history.some((e) => e.train !== null);
  const hasVal = history.some((e) => e.val !== null);
  const head: CsvCell[] = ['epoch', 'seconds', ...names.map((n) => `running_${n}`)];
  if (hasTrain) head.push(...names.map((n) => `train_${n}`));
  if (hasVal) head.push(...names.map((n) => `val_${n}`));
  const pick = (m: Measures | null) => names.map((n) => (m ? (m[n] ?? null) : null));
  const rows = history.map((e): CsvCell[] => [
    e.epoch + 1, e.seconds, ...pick(e.running), ...(hasTrain ? pick(e.train) : []), ...(hasVal ? pick(e.val) : []),
  ]);
  return [head, ...rows];
}

/**
 * Several runs' curves as one table, a row per run and epoch (the "long" form a spreadsheet's
 * pivot or chart reads): the run's name first, then curveRows' columns; runs that measured
 * different things (one without validation) get the widest header, blanks where a run has none.
 */
export function comparedCurveRows(histories: readonly (readonly EpochMetrics[])[], names: readonly string[]): CsvCell[][] {
  const tables = histories.map(curveRows);
  const columns = [...new Set(tables.flatMap((t) => t[0]!.map(String)))];
  const rows: CsvCell[][] = [['run', ...columns]];
  tables.forEach((table, i) => {
    const head = table[0]!.map(String);
    for (const row of table.slice(1)) rows.push([names[i] ?? String(i + 1), ...columns.map((c) => (head.includes(c) ? row[head.indexOf(c)]! : null))]);
  });
  return rows;
}

/** The confusion matrix with its class names: true classes down, predicted across. */
export function confusionRows(confusion: readonly (readonly number[])[], classNames: readonly string[] | null): CsvCell[][] {
  const names = confusion.map((_, i) => classNames?.[i] ?? String(i));
  return [['true \\ predicted', ...names], ...confusion.map((row, i): CsvCell[] => [names[i]!, ...row])];
}
