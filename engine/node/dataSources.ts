/**
 * Where the CLI (and later the host) finds a dataset: the bundled MNIST, a folder of
 * IDX files, one of the generated 2-D sets by name, or a CSV file (with an optional
 * second file for testing). Every source becomes the same dataset value.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultChoice, type CsvTable, type TableChoice } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { DEFAULT_TEST_SHARE } from '../data/split';
import { tableDataset } from '../data/tableDataset';
import { isToyKind } from '../data/toy/generators';
import { toyDataset } from '../data/toy/toyDataset';
import { LocalizedError, msg } from '../messages';
import { loadDatasetDir, loadMnist } from './datasets';

export interface DataSourceOptions {
  /** Generated sets: number of points, jitter, the data's own seed, spiral arms. */
  readonly points?: number;
  readonly noise?: number;
  readonly dataSeed?: number;
  readonly arms?: 2 | 3;
  /** Generated sets and a single CSV file: the share kept for testing (default 20 %). */
  readonly testShare?: number;
  /** CSV: the label column (name or 1-based number; default the last column) and a separate test file. */
  readonly label?: string;
  readonly testFile?: string;
}

/** A CSV file is for small tables; larger is not what it is for. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** `source`: undefined (MNIST), a generated set's name, a .csv file, or a folder of IDX files. */
export async function loadDataSource(source: string | undefined, opts: DataSourceOptions = {}): Promise<Dataset> {
  if (source === undefined) return loadMnist();
  if (isToyKind(source)) {
    return toyDataset({
      kind: source, count: opts.points ?? 400, seed: opts.dataSeed ?? 1, testShare: opts.testShare ?? DEFAULT_TEST_SHARE,
      ...(opts.noise === undefined ? {} : { noise: opts.noise }), ...(opts.arms === undefined ? {} : { arms: opts.arms }),
    });
  }
  if (/\.(csv|tsv|txt)$/i.test(source)) return loadCsvDataset(source, opts);
  return loadDatasetDir(source);
}

async function loadCsvDataset(path: string, opts: DataSourceOptions): Promise<Dataset> {
  const text = await readTextFile(path);
  const testText = opts.testFile === undefined ? undefined : await readTextFile(opts.testFile);
  return tableDataset({
    name: basename(path), text, testText, testShare: opts.testShare, seed: opts.dataSeed,
    choice: (table) => chooseColumns(table, opts.label),
  });
}

/** The label column by name or 1-based number (default: the last); every other column is a feature. */
function chooseColumns(table: CsvTable, label: string | undefined): TableChoice {
  if (label === undefined) return defaultChoice(table);
  let index = table.columns.indexOf(label);
  if (index < 0 && /^\d+$/.test(label)) index = Number(label) - 1;
  if (index < 0 || index >= table.columns.length) {
    throw new LocalizedError(msg('table.noSuchColumn', { column: label, columns: table.columns.slice(0, 12).join(', ') }));
  }
  return { label: index, features: table.columns.map((_, j) => j).filter((j) => j !== index) };
}

/**
 * The text of a regular file, read without following a swapped-in FIFO or device: opened
 * non-blocking, checked to be a regular file, and never read past its size or the cap.
 * `followLinks: false` (files picked in the app) also refuses a symbolic link, even one
 * swapped in after the check (O_NOFOLLOW; Windows has no such flag, the check stands alone).
 */
export async function readTextFile(path: string, options: { followLinks?: boolean } = {}): Promise<string> {
  const shown = basename(path);
  const noFollow = options.followLinks === false ? (constants.O_NOFOLLOW ?? 0) : 0;
  if (options.followLinks === false && (await lstat(path).catch(() => null))?.isSymbolicLink()) {
    throw new LocalizedError(msg('table.isLink', { file: shown }));
  }
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new LocalizedError(msg('table.isLink', { file: shown }));
    throw new LocalizedError(msg('table.unreadable', { file: shown, reason: (e as Error).message }));
  });
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new LocalizedError(msg('table.notAFile', { file: shown }));
    if (info.size > MAX_CSV_BYTES) throw new LocalizedError(msg('table.tooBig', { file: shown, megabytes: Math.ceil(info.size / 2 ** 20), max: MAX_CSV_BYTES / 2 ** 20 }));
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < info.size) {
      const { bytesRead } = await fh.read(buffer, read, info.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    await fh.close();
  }
}
