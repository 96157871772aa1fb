/**
 * The lab report of runs from the history, made in the page from what `runs:get` gives
 * (engine/report/labReport.ts writes it) and saved or downloaded (exportFile.ts).
 */
import type { LayerwiseApi, OpenedRun } from '../../../../electron/ipc/contract';
import { labReport, reportFileName, type Lang, type ReportRun } from '$engine';
import { exportFile, type ExportApi } from './exportFile';

export type ReportApi = ExportApi & Pick<LayerwiseApi, 'runs:get' | 'app:info'>;

/** A run as the history opens it, as the report reads it. */
export function reportRunOf(run: OpenedRun): ReportRun {
  const s = run.summary;
  return {
    name: s.name, notes: run.notes, startedAt: s.startedAt, seconds: s.seconds, ending: s.ending,
    spec: run.spec, hyperparams: run.hyperparams, learningRateSet: run.learningRateSet,
    dataset: { name: s.dataset.name, title: s.dataset.title, choice: run.dataset as Record<string, unknown>, ...run.data },
    history: run.history, test: run.test,
  };
}

/** Makes the report of these runs (one, or a comparison) and saves it; where it went, or null when cancelled. */
export async function saveRunReport(api: ReportApi, ids: readonly string[], lang: Lang, doc?: Document): Promise<string | 'download' | null> {
  const runs = await Promise.all(ids.map((id) => api['runs:get']({ id })));
  const { version } = await api['app:info']({});
  const reportRuns = runs.map(reportRunOf);
  const html = labReport(reportRuns, { lang, version, madeAt: new Date().toISOString() });
  return exportFile(api, reportFileName(reportRuns, lang), 'html', html, doc);
}
