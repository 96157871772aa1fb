#!/usr/bin/env node
// A Chrome/Chromium for the UI tests (driven by playwright-core; we never download a
// browser build). `findChromium()` looks for one; `ensureChromium()` also installs
// Debian's chromium package when that is possible without asking (root on
// Debian/Ubuntu, e.g. a fresh CI machine), and otherwise says in one line what to install.
//
//   node scripts/ensure-chromium.mjs     prints the path, or the one line and exits 1
//
// Environment:
//   LAYERWISE_CHROMIUM=<path>        use this executable (checked first; must exist)
//   LAYERWISE_NO_CHROMIUM_INSTALL=1  never run apt-get
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INSTALL_HINT =
  'Chromium is needed for the UI tests: install it (Debian/Ubuntu: sudo apt-get install chromium) '
  + 'or set LAYERWISE_CHROMIUM to a Chrome/Chromium executable.';

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every place a Chrome/Chromium usually lives on this platform, most likely first. */
export function chromiumCandidates(env = process.env, platform = process.platform) {
  const candidates = [];
  if (platform === 'darwin') {
    candidates.push(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    if (env.HOME) {
      candidates.push(
        join(env.HOME, 'Applications/Chromium.app/Contents/MacOS/Chromium'),
        join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
      );
    }
  } else if (platform === 'win32') {
    for (const base of [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']]) {
      if (!base) continue;
      candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else {
    for (const name of LINUX_NAMES) candidates.push(`/usr/bin/${name}`);
    // …and the same names anywhere on PATH (e.g. /usr/local/bin, /snap/bin).
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir) for (const name of LINUX_NAMES) candidates.push(join(dir, name));
    }
  }
  return [...new Set(candidates)];
}

/**
 * The path of a usable Chrome/Chromium executable, or null. `LAYERWISE_CHROMIUM` wins;
 * when it is set but not an executable file, that is an error (not a silent fallback).
 */
export function findChromium(env = process.env, platform = process.platform) {
  const chosen = env.LAYERWISE_CHROMIUM?.trim();
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`LAYERWISE_CHROMIUM is set to ${chosen}, which is not an executable file.`);
    return chosen;
  }
  return chromiumCandidates(env, platform).find(isExecutable) ?? null;
}

function canInstallWithApt(env) {
  return (
    process.platform === 'linux'
    && existsSync('/etc/debian_version')
    && typeof process.getuid === 'function'
    && process.getuid() === 0
    && env.LAYERWISE_NO_CHROMIUM_INSTALL !== '1'
  );
}

/**
 * A usable Chromium's path, installing Debian's package first when we may (root on
 * Debian/Ubuntu and LAYERWISE_NO_CHROMIUM_INSTALL unset). Otherwise prints INSTALL_HINT
 * and returns null. Sets `process.env.LAYERWISE_CHROMIUM` to the path it found, so
 * child processes (vitest) use the same browser.
 */
export function ensureChromium({ env = process.env, log = console.log, error = console.error } = {}) {
  let found;
  try {
    found = findChromium(env);
  } catch (e) {
    error(e instanceof Error ? e.message : String(e));
    return null;
  }
  if (found === null && canInstallWithApt(env)) {
    log('Chromium is needed for the UI tests and is not installed; installing it: apt-get update && apt-get install -y chromium');
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv }).status === 0;
    if (ok(['update']) && ok(['install', '-y', 'chromium'])) found = findChromium(env);
    if (found === null) error('Installing chromium with apt-get failed.');
  }
  if (found === null) {
    error(INSTALL_HINT);
    return null;
  }
  process.env.LAYERWISE_CHROMIUM = found;
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = ensureChromium();
  if (path === null) process.exit(1);
  console.log(path);
}
