/**
 * The installers' contents, tested without the installers (this machine cannot download
 * Electron or the NSIS/AppImage/dmg tools):
 *
 * - electron-builder.yml passes electron-builder's schema and the project's rules;
 * - scripts/prepare-data.mjs gzips MNIST into resources/mnist, idempotently, and the
 *   engine loads the result;
 * - `electron-builder --dir --linux` with a stand-in Electron folder assembles the real
 *   app.asar: it holds exactly the build (main, preload, workers, renderer) and
 *   package.json — every module the app loads is inside, nothing else is (no
 *   node_modules, sources, tests, source maps) — MNIST sits next to it where the app looks,
 *   and the Electron fuses are flipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDatasetFiles, loadDatasetDir } from '../../engine/node';
import { builderArgs, debHomepageProblem } from '../../scripts/package.mjs';
import { gzipRecordedSize, MNIST_FILES, prepareData } from '../../scripts/prepare-data.mjs';
import { loadBuilderConfig, projectProblems, schemaProblem, validateBuilderConfig, type BuilderConfig } from '../../scripts/validate-builder-config.mjs';
import { resolveBundledDataDir } from '../host/bundledData';
import {
  asarFiles,
  dirBytes,
  filesUnder,
  htmlReferences,
  makeStandInElectron,
  moduleSpecifiers,
  readFuses,
  runElectronBuilderDir,
  importClosure,
  type AsarEntry,
} from './packageContents';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mnistOut = join(root, 'resources', 'mnist');
const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function electronVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

/** The build the package is made from; built here when missing (e.g. `npx vitest run` on a fresh clone). */
function ensureBuilt(): void {
  if (!existsSync(join(root, 'out', 'main', 'main.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  }
}

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await loadBuilderConfig(root);
  });

  it('passes electron-builder’s schema and the project rules', async () => {
    const { problems } = await validateBuilderConfig(root);
    expect(problems).toEqual([]);
    expect(config.appId).toBe('org.layerwise.app');
    expect(config.productName).toBe('Layerwise');
  });

  it('rejects what electron-builder would reject: an unknown option', async () => {
    expect(await schemaProblem({ ...config, nsis: { ...config['nsis'], oneClik: false } }, root)).toMatch(/nsis/);
  });

  it('catches the mistakes that would break the promise to teachers', () => {
    const broken = (patch: BuilderConfig): string[] => projectProblems({ ...config, ...patch }, root);
    expect(broken({ nsis: { ...config['nsis'], perMachine: true } })).toEqual([expect.stringMatching(/perMachine/)]);
    expect(broken({ nsis: { ...config['nsis'], oneClick: true } })).toEqual([expect.stringMatching(/oneClick/)]);
    expect(broken({ mac: { ...config['mac'], target: [{ target: 'dmg', arch: ['x64'] }] } })).toEqual([expect.stringMatching(/arm64/)]);
    expect(broken({ linux: { ...config['linux'], target: [{ target: 'AppImage', arch: ['x64'] }] } })).toEqual([expect.stringMatching(/deb/)]);
    expect(broken({ files: ['**/*'] }).join('\n')).toMatch(/out\/main[\s\S]*must not include/);
    expect(broken({ extraResources: [] })).toEqual([expect.stringMatching(/extraResources/)]);
    expect(broken({ win: { ...config['win'], icon: 'resources/icons/png/16x16.png' } }).join('\n')).toMatch(/256×256/);
  });

  it('npm run package targets this OS (or all three) and never publishes', () => {
    expect(builderArgs({ platform: 'win32' })).toEqual(['--win', '--publish', 'never']);
    expect(builderArgs({ platform: 'darwin', extra: ['--dir'] })).toEqual(['--mac', '--publish', 'never', '--dir']);
    expect(builderArgs({ all: true, platform: 'linux' })).toEqual(['--win', '--mac', '--linux', '--publish', 'never']);
    expect(builderArgs({ platform: 'linux', extra: ['--linux', 'AppImage'] })).toEqual(['--publish', 'never', '--linux', 'AppImage']);
    // The deb needs a project URL; say so before building, unless it is not being built.
    expect(debHomepageProblem({ args: ['--linux'], pkg: {}, gitOrigin: null })).toMatch(/homepage/);
    expect(debHomepageProblem({ args: ['--linux', 'AppImage'], pkg: {}, gitOrigin: null })).toBeNull();
    expect(debHomepageProblem({ args: ['--linux'], pkg: {}, gitOrigin: 'https://github.com/x/y' })).toBeNull();
  });
});

describe('bundled MNIST (scripts/prepare-data.mjs)', () => {
  it('gzips the four IDX files into resources/mnist, once', async () => {
    const first = await prepareData();
    expect(first.map((f) => f.name)).toEqual(MNIST_FILES);
    const again = await prepareData();
    expect(again.every((f) => !f.written)).toBe(true);
    for (const f of again) {
      expect(gzipRecordedSize(join(mnistOut, `${f.name}.gz`))).toBe(f.bytes);
      expect(f.gzBytes).toBeLessThan(f.bytes / (f.name.includes('images') ? 4 : 2));
    }
    const total = again.reduce((n, f) => n + f.gzBytes, 0);
    expect(total).toBeLessThan(14e6);
    // The labels decompress to the original bytes.
    const labels = gunzipSync(readFileSync(join(mnistOut, 't10k-labels-idx1-ubyte.gz')));
    expect(labels.readUInt32BE(0)).toBe(0x801);
    expect(labels.readUInt32BE(4)).toBe(10_000);
  });

  it('loads with the engine’s dataset loader (60,000 + 10,000 images)', async () => {
    await prepareData();
    const files = await findDatasetFiles(mnistOut);
    expect(Object.values(files).every((f) => f.endsWith('.gz'))).toBe(true);
    const mnist = await loadDatasetDir(mnistOut, { name: 'MNIST' });
    expect([mnist.train.count, mnist.test.count]).toEqual([60_000, 10_000]);
    expect(mnist.inputShape).toEqual([28, 28, 1]);
  });
});

describe('electron-builder --dir --linux (stand-in Electron)', () => {
  let work: string;
  let unpacked: string;
  let files: Map<string, AsarEntry>;
  let asar: string;

  beforeAll(async () => {
    ensureBuilt();
    await prepareData();
    work = mkdtempSync(join(tmpdir(), 'layerwise-package-'));
    const dist = makeStandInElectron(join(work, 'electron'), electronVersion());
    const run = runElectronBuilderDir(root, dist, join(work, 'dist'));
    if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${run.output}`);
    unpacked = join(work, 'dist', 'linux-unpacked');
    asar = join(unpacked, 'resources', 'app.asar');
    files = asarFiles(asar);
    const mnistBytes = dirBytes(join(unpacked, 'resources', 'mnist'));
    const asarBytes = [...files.values()].reduce((n, f) => n + f.size, 0);
    console.log(
      `[packaging] electron-builder --dir took ${run.seconds.toFixed(1)} s; the app's own payload: `
      + `app.asar ${MB(asarBytes)} (${files.size} files) + resources/mnist ${MB(mnistBytes)} = ${MB(asarBytes + mnistBytes)}, `
      + 'plus the Electron runtime',
    );
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs exactly the build and package.json', () => {
    const built = ['out/main', 'out/preload', 'out/renderer']
      .flatMap((dir) => filesUnder(root, dir))
      .filter((f) => f !== 'out/main/web.js' && !f.endsWith('.map'));
    expect([...files.keys()].sort()).toEqual(['package.json', ...built].sort());
    for (const needed of ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) expect(files.has(needed)).toBe(true);
    expect([...files.keys()].filter((f) => /^out\/main\/chunks\/(train|predict|codes)Worker-[\w-]+\.js$/.test(f))).toHaveLength(3);
    expect([...files.keys()].filter((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).not.toHaveLength(0);
  });

  it('packs nothing else: no node_modules, sources, tests, source maps or web mode', () => {
    const unwanted = [...files.keys()].filter((f) =>
      /(^|\/)node_modules\//.test(f)
      || /^(engine|electron|renderer|scripts|resources|docs|bin)\//.test(f)
      || /\.(test|spec)\.[cm]?[jt]s$/.test(f)
      || /\.(ts|map|svelte)$/.test(f)
      || f === 'out/main/web.js',
    );
    expect(unwanted).toEqual([]);
    // Nothing needs unpacking today (workers load from app.asar; WebAssembly is embedded in JS).
    expect([...files].filter(([, e]) => e.unpacked).map(([f]) => f)).toEqual([]);
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('every module the app loads is inside app.asar (only electron and node: built-ins outside)', () => {
    const read = (f: string): string => extractFile(asar, f).toString('utf8');
    const main = JSON.parse(read('package.json')) as { main: string };
    const { reached, problems } = importClosure([main.main], new Set(files.keys()), read);
    expect(problems).toEqual([]);
    // Every packaged main-process file is reached from main.js: nothing dead, nothing missed.
    expect(reached.sort()).toEqual([...files.keys()].filter((f) => f.startsWith('out/main/')).sort());
    // The worker chunks are reached through `new URL('./…Worker-….js', import.meta.url)`.
    const engineHost = [...files.keys()].find((f) => /^out\/main\/chunks\/engineHost-/.test(f))!;
    expect(moduleSpecifiers(read(engineHost)).filter((s) => /Worker-/.test(s))).toHaveLength(3);
    // The sandboxed preload can only require 'electron'.
    expect(moduleSpecifiers(read('out/preload/preload.cjs')).filter((s) => s !== 'electron' && !s.startsWith('node:'))).toEqual([]);
    // The page's scripts and styles.
    const refs = htmlReferences(read('out/renderer/index.html'));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(files.has(`out/renderer/${ref.replace(/^\.\//, '')}`), ref).toBe(true);
  });

  it('the import check itself catches a missing chunk and a package import', () => {
    const sources: Record<string, string> = {
      'out/main/main.js': 'import { a } from "./chunks/a.js";\nimport { z } from "zod";\nimport { app } from "electron";\nimport { join } from "node:path";\nimport fs from "fs";\nconst u = new URL(".", import.meta.url);',
      'out/main/chunks/a.js': 'export const a = () => new Worker(new URL("./gone-Worker.js", import.meta.url));\nconst msg = "import this: from nowhere";\n/**\n\t* @param {import(\'../matrix\').default} m - a library\'s JSDoc type\n\t*/\n// import("./commented-out.js")',
    };
    const { reached, problems } = importClosure(['out/main/main.js'], new Set(Object.keys(sources)), (f) => sources[f]!);
    expect(reached.sort()).toEqual(['out/main/chunks/a.js', 'out/main/main.js']);
    expect(problems).toEqual([
      'out/main/main.js imports the package "zod", which is not in the app',
      'out/main/chunks/gone-Worker.js is loaded but not packaged',
    ]);
  });

  it('writes a package.json with the entry point and no development fields', () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'layerwise', productName: 'Layerwise', main: 'out/main/main.js', type: 'module', desktopName: 'layerwise.desktop' });
    for (const field of ['devDependencies', 'dependencies', 'scripts']) expect(pkg[field], field).toBeUndefined();
  });

  it('puts MNIST next to app.asar, where the packaged app finds it', async () => {
    const resources = join(unpacked, 'resources');
    const dir = resolveBundledDataDir({ isPackaged: true, resourcesPath: resources, appRoot: asar, env: {} });
    expect(dir).toBe(join(resources, 'mnist'));
    const found = await findDatasetFiles(dir!);
    for (const name of MNIST_FILES) {
      const key = Object.entries(found).find(([, p]) => p.endsWith(`${name}.gz`));
      expect(key, name).toBeDefined();
      expect(readFileSync(join(dir!, `${name}.gz`)).equals(readFileSync(join(mnistOut, `${name}.gz`)))).toBe(true);
    }
    expect(existsSync(join(dir!, 'SOURCE.txt'))).toBe(true);
  });

  it('flips the Electron fuses', () => {
    expect(readFuses(join(unpacked, 'layerwise'))).toEqual({
      runAsNode: false,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: false,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
  });
});
