#!/usr/bin/env node
// `npm run package`: the installers for this OS, in dist/.
// `npm run package:all`: Windows, macOS and Linux installers from one machine — only
// complete on macOS (dmg needs macOS; Windows targets from macOS/Linux need Wine). The
// release workflow (.github/workflows/release.yml) instead runs `npm run package` on a
// Windows, a macOS and a Linux runner.
//
//   1. gzip MNIST into resources/mnist (scripts/prepare-data.mjs; skipped when up to date)
//   2. electron-vite build                  → out/
//   3. check electron-builder.yml           (scripts/validate-builder-config.mjs)
//   4. electron-builder --publish never     → dist/
//
// Anything after `--` goes to electron-builder, e.g.
//   npm run package -- --dir                       unpacked app only (dist/<os>-unpacked), quick
//   npm run package -- --linux deb                 one target
//   npm run package -- -c.electronDist=<folder>    use a local Electron instead of downloading it
//
// electron-builder downloads Electron (and, per target, NSIS / AppImage tools) the first
// time: the build machine needs internet; the installers it makes do not.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareData } from './prepare-data.mjs';
import { validateBuilderConfig } from './validate-builder-config.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/** Path of an npm package's CLI script, run with this Node (no shell, no npx: works the same on Windows). */
function cli(pkg, file) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const PLATFORM_FLAG = { win32: '--win', darwin: '--mac', linux: '--linux' };

/** electron-builder's arguments for `npm run package[:all] -- <extra>`. */
export function builderArgs({ all = false, extra = [], platform = process.platform } = {}) {
  const platformFlags = ['--win', '--mac', '--linux', '-w', '-m', '-l', '--windows', '--macos'];
  const chosen = extra.some((a) => platformFlags.includes(a));
  const platforms = chosen ? [] : all ? ['--win', '--mac', '--linux'] : [PLATFORM_FLAG[platform] ?? '--linux'];
  const publish = extra.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish=')) ? [] : ['--publish', 'never'];
  return [...platforms, ...publish, ...extra];
}

/**
 * electron-builder's deb target needs a project URL: package.json "homepage", else the git
 * remote "origin" (as in CI). Says what to do, before minutes of downloading, when neither exists.
 */
export function debHomepageProblem({ args, pkg, gitOrigin }) {
  const at = args.findIndex((a) => a === '--linux' || a === '-l');
  if (at < 0 || args.includes('--dir') || pkg.homepage || gitOrigin) return null;
  // `--linux AppImage deb:x64 …`: the targets named after the flag; none named = all configured.
  const named = [];
  for (let i = at + 1; i < args.length && !args[i].startsWith('-'); i++) named.push(...args[i].split(','));
  if (named.length > 0 && !named.some((t) => t.toLowerCase().split(':')[0] === 'deb')) return null;
  return 'the deb package needs a project URL: add "homepage" to package.json, or build from a clone with a git remote "origin" '
    + '(or build the AppImage only: npm run package -- --linux AppImage)';
}

function gitOrigin() {
  const r = spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || null : null;
}

function run(title, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

function listArtifacts(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  console.log(`\nIn ${dir}:`);
  for (const name of entries.sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isFile() && !name.endsWith('.yml') && !name.endsWith('.yaml')) console.log(`  ${name}  ${(st.size / 1e6).toFixed(1)} MB`);
    else if (st.isDirectory()) console.log(`  ${name}/`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const all = argv[0] === '--all';
  const extra = all ? argv.slice(1) : argv;

  console.log('▶ MNIST for the package (resources/mnist)');
  const data = await prepareData({ log: (line) => console.log(line) });
  console.log(`  ${(data.reduce((n, r) => n + r.gzBytes, 0) / 1e6).toFixed(1)} MB`);

  run('build (electron-vite)', [cli('electron-vite', 'bin/electron-vite.js'), 'build']);

  console.log('\n▶ electron-builder.yml');
  const { config, problems } = await validateBuilderConfig(ROOT);
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exit(1);
  }

  const args = builderArgs({ all, extra });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const homepage = debHomepageProblem({ args, pkg: { homepage: pkg.homepage ?? config.extraMetadata?.homepage }, gitOrigin: gitOrigin() });
  if (homepage !== null) {
    console.error(`✗ ${homepage}`);
    process.exit(1);
  }
  run(`electron-builder ${args.join(' ')}`, [cli('electron-builder', 'cli.js'), ...args]);
  const outputArg = extra.find((a) => a.startsWith('-c.directories.output='));
  listArtifacts(outputArg ? resolve(ROOT, outputArg.slice('-c.directories.output='.length)) : join(ROOT, config.directories?.output ?? 'dist'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
