/**
 * The datasets the host knows: the bundled MNIST, folders the user picked in a native
 * dialog, tables (CSV files read by `TableFiles`) with the columns the student chose, and
 * datasets built from the request (generated sets, the student's points). The renderer never sees or sends a path: a picked folder is validated
 * (all four IDX files loaded and checked) and registered under a random token, which
 * later requests name it by. Counts are cached, so describing a dataset twice does not
 * read it twice.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DatasetChoice, DatasetInfo } from '../ipc/contract';
import { limitDataset, type Dataset, dataBounds, msg, type Message, classCount } from '../../engine';
import { loadDatasetDir } from '../../engine/node';
import { buildDataset, builtTitle, isBuiltSource, tableSourceOf, type BuiltSource } from '../ipc/builtDatasets';
import { TableFiles } from './tableFiles';
import { HostError } from './hostError';
import type { HostDialogs } from './types';

export interface DatasetCounts {
  trainCount: number;
  testCount: number;
  rows: number;
  cols: number;
  /** One sample's shape (`[rows, cols, 1]` for images). */
  inputShape: number[];
  /** The task's class names; null without classes. */
  classNames: string[] | null;
}

export type ResolvedDataset =
  | { kind: 'folder'; dir: string; name: string; token: string | null }
  /** Built from the request: its counts are known at once. */
  | { kind: 'built'; source: BuiltSource; name: string; title: Message; counts: DatasetCounts; dataset: Dataset };

export const BUNDLED_NAME = 'MNIST';

/** Most folders remembered; the oldest are forgotten first (a token is cheap to get again). */
const MAX_FOLDERS = 50;

export class DatasetRegistry {
  private readonly folders = new Map<string, { dir: string; name: string }>();
  private readonly counts = new Map<string, DatasetCounts>();
  /** Table files read for the app, by token. */
  readonly tables: TableFiles;
  /** The last table built (describing a choice and then training on it parse the file once). */
  private lastTable: { key: string; resolved: ResolvedDataset } | null = null;

  constructor(
    private readonly dialogs: HostDialogs,
    private readonly bundledDir: () => string,
    private readonly load: (dir: string, name: string) => Promise<Dataset> = (dir, name) => loadDatasetDir(dir, { name }),
  ) {
    this.tables = new TableFiles(dialogs);
  }

  /** Asks for a folder, validates it, and registers it; null when the user cancels. */
  async pick(): Promise<DatasetInfo | null> {
    const dir = await this.dialogs.pickFolder('dataset');
    if (dir === null) return null;
    const resolved = path.resolve(dir);
    const name = path.basename(resolved) || resolved;
    const dataset = await this.load(resolved, name);
    this.counts.set(resolved, datasetCounts(dataset));
    const token = randomBytes(16).toString('hex');
    this.folders.set(token, { dir: resolved, name });
    if (this.folders.size > MAX_FOLDERS) this.folders.delete(this.folders.keys().next().value!);
    return info(token, name, this.counts.get(resolved)!, null);
  }

  /** Where a dataset choice lives; 'not-found' for a token this host did not hand out. */
  resolve(choice: DatasetChoice): ResolvedDataset {
    const source = choice.source;
    if (isBuiltSource(source)) {
      const dataset = buildDataset(source);
      return { kind: 'built', source, name: dataset.name, title: builtTitle(source), counts: datasetCounts(dataset), dataset };
    }
    if (source.kind === 'csv') {
      const key = JSON.stringify(source);
      if (this.lastTable?.key === key) return this.lastTable.resolved;
      const file = this.tables.get(source.token);
      const table = tableSourceOf(source, file, source.testToken === null ? null : this.tables.get(source.testToken).text);
      const dataset = buildDataset(table);
      const resolved: ResolvedDataset = { kind: 'built', source: table, name: dataset.name, title: builtTitle(table), counts: datasetCounts(dataset), dataset };
      this.lastTable = { key, resolved };
      return resolved;
    }
    if (source.kind === 'bundled') return { kind: 'folder', dir: this.bundledDir(), name: BUNDLED_NAME, token: null };
    const folder = this.folders.get(source.token);
    if (!folder) throw new HostError('not-found', msg('data.folderForgotten'));
    return { kind: 'folder', ...folder, token: source.token };
  }

  /** Names and counts (after the choice's `limit`), loading the dataset the first time only. */
  async describe(choice: DatasetChoice): Promise<DatasetInfo> {
    const where = this.resolve(choice);
    if (where.kind === 'built') {
      const shown = limitDataset(where.dataset, choice.limit);
      const plane = where.counts.inputShape.length === 1 && where.counts.inputShape[0] === 2;
      return { ...info(null, where.name, where.counts, choice.limit), title: where.title, ...(plane ? { bounds: dataBounds([shown.train, shown.test]) } : {}) };
    }
    let counts = this.counts.get(where.dir);
    if (!counts) {
      counts = datasetCounts(await this.load(where.dir, where.name));
      this.counts.set(where.dir, counts);
    }
    return info(where.token, where.name, counts, choice.limit);
  }

  /** Counts learned elsewhere (a training worker loaded the dataset). */
  remember(dir: string, counts: DatasetCounts): void {
    this.counts.set(dir, counts);
  }

  /** Counts known without reading anything: cached for a folder loaded before, always for a built dataset. */
  countsOf(where: ResolvedDataset): DatasetCounts | undefined {
    return where.kind === 'built' ? where.counts : this.counts.get(where.dir);
  }
}

/** What the host keeps of a dataset: its size, shape and classes. */
export function datasetCounts(d: Dataset): DatasetCounts {
  return {
    trainCount: d.train.count, testCount: d.test.count, rows: d.inputShape[0] ?? 0, cols: d.inputShape[1] ?? 1, inputShape: [...d.inputShape],
    classNames: classCount(d.task) > 0 ? [...(d.task as { classNames: readonly string[] }).classNames] : null,
  };
}

function info(token: string | null, name: string, c: DatasetCounts, limit: number | null): DatasetInfo {
  return {
    token, name,
    trainCount: limit === null ? c.trainCount : Math.min(limit, c.trainCount),
    testCount: limit === null ? c.testCount : Math.min(limit, c.testCount),
    rows: c.rows, cols: c.cols, inputShape: [...c.inputShape], classNames: c.classNames ? [...c.classNames] : null,
  };
}
