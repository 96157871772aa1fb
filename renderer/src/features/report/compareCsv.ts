/**
 * The compared runs' curves as one CSV table, a row per run and epoch (the "long" form a
 * spreadsheet's pivot or chart reads): the run's name first, then engine/report's columns.
 */
import type { OpenedRun } from '../../../../electron/ipc/contract';
import { curveRows, toCsv, type CsvCell, type Lang } from '$engine';

export function comparedCurvesCsv(runs: readonly OpenedRun[], names: readonly string[], lang: Lang): string {
  const tables = runs.map((r) => curveRows(r.history));
  // Runs may measure different things (one without validation): the widest header, by name.
  const columns = [...new Set(tables.flatMap((t) => t[0]!.map(String)))];
  const rows: CsvCell[][] = [['run', ...columns]];
  tables.forEach((table, i) => {
    const head = table[0]!.map(String);
    for (const row of table.slice(1)) rows.push([names[i] ?? String(i + 1), ...columns.map((c) => (head.includes(c) ? row[head.indexOf(c)]! : null))]);
  });
  return toCsv(rows, lang);
}
