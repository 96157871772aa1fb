/**
 * `layerwise runs list|show|report`: the app's run history from the command line. It reads
 * the folder the app keeps it in (its user-data folder's `runs`, or `--dir`), one JSON
 * record per run (engine/runs/runRecord.ts), read-only: it never writes there. A damaged
 * record is listed as such with the reason, as the app lists it.
 *
 *   list                         every run, newest first (id, date, name or data, ending, result)
 *   show --id ID                 one run: settings, network summary, curves' last epoch, results
 *   report --id ID [--id ID…] --out FILE.html [--lang en|fr]
 *                                the lab report of a run, or of a comparison (several --id)
 *   export --id ID [--id ID…] --out FILE.csv [--lang en|fr]
 *                                the curves as CSV (several --id: one table, a row per run and epoch)
 */
import { lstat, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatMessage, LocalizedError } from '../../messages';
import { parseRunRecord, RUN_ID, type RunRecord } from '../../runs/runRecord';
import { labReport, reportRunLabel } from '../../report/labReport';
import { finalOf } from '../../report/reportSections';
import { comparedCurveRows, curveRows } from '../../report/reportTables';
import { toCsv } from '../../report/csv';
import { analyzeNetwork } from '../../model/analyze';
import { analyzeOptionsFor } from '../../train/taskHead';
import { defaultUserDataDir, readTextFile } from '../../node';
import { parseArgs, UsageError } from '../args';
import { appVersion, CliError, printJson, printLine, required } from '../common';
import { formatSummaryTable } from '../summaryTable';
import { RUNS_FLAGS } from '../usage';

type Entry = { id: string; record: RunRecord } | { id: string; damaged: string };

export async function run(argv: readonly string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'list' && action !== 'show' && action !== 'report' && action !== 'export') {
    throw new UsageError(action === undefined ? 'runs needs list, show, report or export' : `unknown runs action ${JSON.stringify(action)} (list, show, report or export)`, 'runs');
  }
  const flags = parseArgs(rest, RUNS_FLAGS, { command: 'runs' });
  const dir = flags.dir ?? path.join(defaultUserDataDir(), 'runs');
  if (action === 'list') return list(await entries(dir), flags.json === true);
  const ids = required(flags.id, 'id', `runs ${action}`);
  const records = await Promise.all(ids.map((id) => one(dir, id)));
  if (action === 'show') {
    if (records.length !== 1) throw new UsageError('runs show takes one --id', 'runs');
    return show(records[0]!, flags.json === true);
  }
  const out = required(flags.out, 'out', `runs ${action}`);
  const lang = flags.lang ?? 'en';
  if (action === 'export') return exportCurves(records, out, lang, flags.json === true);
  await writeFile(out, labReport(records, { lang, version: appVersion(), madeAt: new Date().toISOString() }), 'utf8').catch((e: unknown) => {
    throw new CliError(`cannot write ${out}: ${(e as Error).message}`);
  });
  if (flags.json) printJson({ out, runs: ids, lang });
  else printLine(`Wrote the lab report of ${records.length === 1 ? reportRunLabel(records[0]!, lang) : `${records.length} runs`} to ${out}`);
  return 0;
}

/** Every record in `dir` named like a run, newest first; a damaged one with its reason. */
async function entries(dir: string): Promise<Entry[]> {
  const names = await readdir(dir).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`no run history at ${dir} (train a run in the app first, or point --dir at a runs folder)`);
    throw e;
  });
  const ids = names.filter((n) => n.endsWith('.json') && RUN_ID.test(n.slice(0, -5))).map((n) => n.slice(0, -5)).sort().reverse();
  const out: Entry[] = [];
  for (const id of ids) {
    try {
      out.push({ id, record: await read(dir, id) });
    } catch (e) {
      if (!(e instanceof LocalizedError)) throw e;
      out.push({ id, damaged: e.message });
    }
  }
  return out;
}

async function read(dir: string, id: string): Promise<RunRecord> {
  const file = `${id}.json`;
  const record = parseRunRecord(await readTextFile(path.join(dir, file), { followLinks: false }), file);
  if (record.id !== id) throw new CliError(`${file}: its id is not its file's`);
  return record;
}

async function one(dir: string, id: string): Promise<RunRecord> {
  if (!RUN_ID.test(id)) throw new UsageError(`${JSON.stringify(id)} is not a run id (see layerwise runs list)`, 'runs');
  if (!(await lstat(path.join(dir, `${id}.json`)).then(() => true, () => false))) throw new CliError(`no run ${id} in ${dir}`);
  return read(dir, id);
}

/** What a run reached, as one line: "test accuracy 0.875, loss 0.38". */
function resultText(r: RunRecord): string {
  const f = finalOf(r);
  if (!f) return 'no result';
  const metrics = Object.entries(f.measures).filter(([k]) => k !== 'loss').map(([k, v]) => `${k} ${round(v)}`);
  return `${f.on} ${[...metrics, `loss ${round(f.measures.loss)}`].join(', ')}`;
}
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);

function list(all: readonly Entry[], json: boolean): number {
  for (const e of all) {
    if ('damaged' in e) {
      if (json) printJson({ id: e.id, damaged: e.damaged });
      else printLine(`${e.id}  damaged: ${e.damaged}`);
      continue;
    }
    const r = e.record;
    const f = finalOf(r);
    if (json) {
      printJson({
        id: r.id, name: r.name, starred: r.starred, startedAt: r.startedAt, seconds: r.seconds, ending: r.ending, dataset: r.dataset.name,
        params: r.params, epochs: r.history.length, final: f ? { on: f.on, ...f.measures } : null, notes: r.notes ?? '',
      });
    } else {
      printLine(`${r.id}  ${r.starred ? '★ ' : ''}${reportRunLabel(r, 'en')}  ${r.ending}  ${resultText(r)}`);
    }
  }
  if (!json && all.length === 0) printLine('The run history is empty.');
  return 0;
}

function show(r: RunRecord, json: boolean): number {
  if (json) {
    printJson(r);
    return 0;
  }
  const task = r.dataset.task;
  printLine(`${reportRunLabel(r, 'en')} (${r.id}), ${r.ending}${r.endingDetail ? `: ${formatMessage(r.endingDetail)}` : ''}`);
  printLine(`Data: ${r.dataset.title ? formatMessage(r.dataset.title) : r.dataset.name}, ${r.dataset.trainCount} training / ${r.dataset.valCount} validation / ${r.dataset.testCount} test samples`);
  printLine(`Settings: ${Object.entries(r.hyperparams).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')}`);
  printLine(formatSummaryTable(analyzeNetwork(r.spec, task ? analyzeOptionsFor(task) : {}), { title: reportRunLabel(r, 'en') }));
  printLine(`Epochs: ${r.history.length}, ${Math.round(r.seconds)} s. Result: ${resultText(r)}`);
  if (r.notes) printLine(`Notes: ${r.notes}`);
  return 0;
}

/** The curves of one run (curveRows) or of several (one long table), as the app's CSV buttons write them. */
async function exportCurves(records: readonly RunRecord[], out: string, lang: 'en' | 'fr', json: boolean): Promise<number> {
  const rows = records.length === 1 ? curveRows(records[0]!.history) : comparedCurveRows(records.map((r) => r.history), records.map((r) => reportRunLabel(r, lang)));
  // A byte-order mark first, as the app's saved CSV files have, so that spreadsheets read the accents.
  await writeFile(out, `\ufeff${toCsv(rows, lang)}`, 'utf8').catch((e: unknown) => {
    throw new CliError(`cannot write ${out}: ${(e as Error).message}`);
  });
  if (json) printJson({ out, runs: records.map((r) => r.id), lang, rows: rows.length - 1 });
  else printLine(`Wrote the curves of ${records.length === 1 ? reportRunLabel(records[0]!, lang) : `${records.length} runs`} (${rows.length - 1} rows) to ${out}`);
  return 0;
}
