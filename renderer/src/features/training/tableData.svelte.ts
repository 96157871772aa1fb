/**
 * "A table (CSV)", the Train tab's fourth data source: a file the host read (by token; its
 * text comes back for the preview) and the student's reading of it — separator, label
 * column, feature columns, classes or values, and the test part (a seeded share of the rows
 * or a second file). The dataset is built here with the host's own function from the very
 * source the run request carries, so the preview, the counts and the points on the plane
 * are those that train; a bad row is named (line and column) before any run starts.
 */
import type { CsvFile, CsvSource, DatasetInfo, LayerwiseApi } from '../../../../electron/ipc/contract';
import { LocalizedError, msg, inferTask, parseCsv, type CsvDelimiter, type CsvTable, type Dataset, parseDecimal, type AnalyzeOptions, dataBounds, analyzeOptionsFor } from '$engine';
import { errorText } from '../../lib/i18n/i18n.svelte';
import { buildDataset, tableSourceOf } from '../../../../electron/ipc/builtDatasets';
import type { PlaneBounds } from '../playground/planeCoords';
import { EDIT_BOUNDS, MAX_TEST_SHARE, MIN_TEST_SHARE, toViewBounds } from './planeData.svelte';
import type { Problem } from './settingsRules';

export type TableTask = CsvSource['task'];
/** Rows shown in the import dialog's preview. */
export const PREVIEW_ROWS = 6;

/** A reading of the file, or why it cannot be read (the thrown error, worded by `errorText`). */
type Reading<T> = { ok: true; value: T } | { ok: false; error: unknown };
function attempt<T>(f: () => T): Reading<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Largest file the page sends in web mode: the bridge takes messages of at most 1 MB, and
 * JSON escapes some characters (quotes, line breaks) of the text on the way.
 */
export const MAX_UPLOAD_BYTES = 700 * 1024;

export type TableApi = Pick<LayerwiseApi, 'datasets:pickCsv' | 'datasets:uploadCsv'>;
/** Which file a pick is for: the table, or its test part. */
export type TablePart = 'train' | 'test';

const isInt = (v: number | null, min: number, max: number): v is number => v !== null && Number.isInteger(v) && v >= min && v <= max;

export class TableData {
  file = $state.raw<CsvFile | null>(null);
  /** A second file whose rows are the test part; null: a share of `file`'s rows. */
  testFile = $state.raw<CsvFile | null>(null);
  delimiter = $state<CsvDelimiter>(',');
  label = $state(0);
  features = $state<number[]>([]);
  task = $state<TableTask>('classification');
  /** Percent of the rows kept for testing when there is no test file. */
  testShare = $state<number | null>(20);
  seed = $state<number | null>(1);

  /** The file read with the chosen separator. */
  readonly reading = $derived<Reading<CsvTable> | null>(this.file ? attempt(() => parseCsv(this.file!.text, { delimiter: this.delimiter })) : null);
  readonly table = $derived<CsvTable | null>(this.reading?.ok ? this.reading.value : null);
  /** Some number of the preview is written with a decimal comma (read as such, as a French spreadsheet writes it). */
  readonly decimalComma = $derived(this.table !== null && this.table.rows.slice(0, 200).some((r) => r.some((c) => /\d,\d/.test(c) && parseDecimal(c) !== null)));
  readonly problem = $derived<Problem | undefined>(this.#check());
  readonly source = $derived<CsvSource | null>(this.problem || !this.file ? null : this.#source());
  /** The dataset, or why the chosen reading of the file cannot train (a bad cell, one class, …). */
  readonly built = $derived<Reading<Dataset> | null>(
    this.source && this.file ? attempt(() => buildDataset(tableSourceOf(this.source!, this.file!, this.testFile?.text ?? null))) : null,
  );
  readonly dataset = $derived<Dataset | null>(this.built?.ok ? this.built.value : null);
  /** Why the file cannot be used as chosen (null when it can, or when there is no file). */
  readonly error = $derived<unknown>(this.reading && !this.reading.ok ? this.reading.error : this.built && !this.built.ok ? this.built.error : null);
  /** What keeps a run from starting: a setting, or the file as chosen (its error is shown beside the columns). */
  readonly issue = $derived<Problem | undefined>(this.problem ?? (this.error !== null ? { key: 'csv.problem.unusable' } : undefined));
  /** Two features: the playground shows the rows as points of the plane. */
  readonly onPlane = $derived(this.dataset !== null && this.dataset.inputShape.length === 1 && this.dataset.inputShape[0] === 2);
  readonly bounds = $derived<PlaneBounds>(this.onPlane ? toViewBounds(dataBounds([this.dataset!.train, this.dataset!.test])) : EDIT_BOUNDS);
  readonly info = $derived<DatasetInfo | null>(this.dataset && datasetInfo(this.dataset, this.onPlane));
  readonly analyzeOptions = $derived<AnalyzeOptions>(this.dataset ? analyzeOptionsFor(this.dataset.task) : {});

  /** The import dialog (preview, columns, test part) is open. */
  dialogOpen = $state(false);
  picking = $state(false);
  /** Why the last file could not be read (the thrown error). */
  #pickErrorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the last file could not be read, worded in the UI's current language. */
  get pickError(): string | null {
    return this.#pickErrorCause && errorText(this.#pickErrorCause.cause);
  }

  /** The desktop app: the host's native file dialog reads the file. */
  pickNative(api: TableApi, part: TablePart): Promise<void> {
    return this.#take(part, () => api['datasets:pickCsv']({}));
  }

  /** Web mode: the page's file input gave `file`; its text is sent to the host (up to MAX_UPLOAD_BYTES). */
  upload(api: TableApi, file: File, part: TablePart): Promise<void> {
    return this.#take(part, async () => {
      if (file.size > MAX_UPLOAD_BYTES) {
        throw new LocalizedError(msg('table.uploadTooBig', { file: file.name, kilobytes: Math.ceil(file.size / 1024), max: MAX_UPLOAD_BYTES / 1024 }));
      }
      return api['datasets:uploadCsv']({ name: file.name, text: await file.text() });
    });
  }

  async #take(part: TablePart, read: () => Promise<CsvFile | null>): Promise<void> {
    if (this.picking) return;
    this.picking = true;
    this.#pickErrorCause = null;
    try {
      const file = await read();
      if (file === null) return;
      if (part === 'test') {
        this.testFile = file;
      } else {
        this.load(file);
        this.dialogOpen = true;
      }
    } catch (e) {
      this.#pickErrorCause = { cause: e };
    } finally {
      this.picking = false;
    }
  }

  /** A newly read file: its separator as guessed, the last column as the label, the (mostly) numeric others as features. */
  load(file: CsvFile): void {
    const guess = attempt(() => parseCsv(file.text));
    this.file = file;
    this.testFile = null;
    this.delimiter = guess.ok ? guess.value.delimiter : ',';
    this.resetColumns();
  }

  /** Another separator: the columns are chosen again from the new reading. */
  setDelimiter(delimiter: CsvDelimiter): void {
    this.delimiter = delimiter;
    this.resetColumns();
  }

  /** Another label column: it leaves the features, and its task is inferred again. */
  setLabel(label: number): void {
    this.label = label;
    this.features = this.features.filter((j) => j !== label);
    if (this.table) this.task = inferTask(this.table, label);
  }

  toggleFeature(column: number, on: boolean): void {
    if (column === this.label) return;
    const rest = this.features.filter((j) => j !== column);
    this.features = on ? [...rest, column].sort((a, b) => a - b) : rest;
  }

  private resetColumns(): void {
    const table = this.table;
    if (!table) {
      [this.label, this.features] = [0, []];
      return;
    }
    const label = table.columns.length - 1;
    // Mostly numbers: a feature (a typo in one cell is then named, rather than the column silently left out).
    const sample = table.rows.slice(0, 50);
    const numeric = (j: number) => sample.filter((r) => parseDecimal(r[j] ?? '') !== null).length >= 0.8 * sample.length;
    this.label = label;
    this.features = table.columns.map((_, j) => j).filter((j) => j !== label && numeric(j));
    this.task = inferTask(table, label);
  }

  #check(): Problem | undefined {
    if (!this.file) return { key: 'csv.problem.noFile' };
    if (this.features.length === 0) return { key: 'csv.problem.noFeatures' };
    if (!isInt(this.seed, 0, 0xffffffff)) return { key: 'training.plane.problem.seed' };
    if (!this.testFile && !isInt(this.testShare, MIN_TEST_SHARE, MAX_TEST_SHARE)) return { key: 'training.plane.problem.testShare' };
    return undefined;
  }

  #source(): CsvSource {
    return {
      kind: 'csv', token: this.file!.token, testToken: this.testFile?.token ?? null, delimiter: this.delimiter,
      label: this.label, features: [...this.features], task: this.task, seed: this.seed ?? 1, testShare: (this.testShare ?? 20) / 100,
    };
  }
}

function datasetInfo(d: Dataset, onPlane: boolean): DatasetInfo {
  return {
    token: null, name: d.name, trainCount: d.train.count, testCount: d.test.count, rows: d.inputShape[0]!, cols: 1, inputShape: [...d.inputShape],
    classNames: d.task.kind === 'classification' ? [...d.task.classNames] : null,
    ...(onPlane ? { bounds: dataBounds([d.train, d.test]) } : {}),
  };
}
