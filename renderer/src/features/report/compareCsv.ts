/**
 * The compared runs' curves as one CSV table (engine/report comparedCurveRows: a row per run
 * and epoch, the run's name first).
 */
import type { OpenedRun } from '../../../../electron/ipc/contract';
import { comparedCurveRows, toCsv, type Lang } from '$engine';

export function comparedCurvesCsv(runs: readonly OpenedRun[], names: readonly string[], lang: Lang): string {
  return toCsv(comparedCurveRows(runs.map((r) => r.history), names), lang);
}
