/**
 * The release workflow's smoke test of the packaged app (scripts/electron-smoke.mjs) runs
 * only where Electron does. Everything in it but Electron itself runs here, for real:
 * a browser started by the script's launcher with a DevTools port, playwright-core
 * connected over that port, the student's first run driven through the UI (Build tab,
 * MLP preset, 1,000 images, one epoch, done) against the real engine host through the web
 * bridge, and the quit. So the selectors it relies on are checked with every `npm test`.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, serveApp, type ServedApp } from '../../electron/web/browserTestKit';
import { appPage, firstRun, launchWithDevTools, packagedAppPath, quit, SmokeError } from '../../scripts/electron-smoke.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(root, 'scripts', 'electron-smoke.mjs');

/** Kills the browser if it is still there, and waits until it has let go of its profile. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/**
 * Chromium's helper processes can still be writing into the profile just after it quits:
 * retry the removal with a growing wait, about 14 s in all (2 s was not enough on a loaded 2-core machine).
 */
function removeProfile(profile: string): void {
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 250 });
}

describe('packagedAppPath', () => {
  it('finds the unpacked app where electron-builder puts it on each OS', () => {
    expect(packagedAppPath('dist', 'linux', 'x64')).toBe(join('dist', 'linux-unpacked', 'layerwise'));
    expect(packagedAppPath('dist', 'win32', 'x64')).toBe(join('dist', 'win-unpacked', 'Layerwise.exe'));
    expect(packagedAppPath('dist', 'darwin', 'arm64')).toBe(join('dist', 'mac-arm64', 'Layerwise.app', 'Contents', 'MacOS', 'Layerwise'));
    expect(packagedAppPath('dist', 'darwin', 'x64')).toBe(join('dist', 'mac', 'Layerwise.app', 'Contents', 'MacOS', 'Layerwise'));
    expect(() => packagedAppPath('dist', 'aix', 'x64')).toThrow(SmokeError);
  });
});

describe('the smoke script', () => {
  it('refuses in one line, exit code 1, when there is no packaged app', () => {
    const dist = mkdtempSync(join(tmpdir(), 'layerwise-nodist-'));
    try {
      const r = spawnSync(process.execPath, [SCRIPT, '--dist', dist], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      const expected = packagedAppPath(dist);
      expect(r.stderr).toBe(`electron-smoke: ${expected} does not exist: run "npm run package" first, or pass --app PATH\n`);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--ap', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^electron-smoke: unknown option --ap \(options: --app PATH/);
  });
});

describe('the smoke flow, in Chromium through the web bridge', () => {
  let modelsDir: string;
  let app: ServedApp;

  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-smoke-'));
    app = await serveApp({ modelsDir, appVersion: '0.0.0-smoke' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('connects over the DevTools port, trains the MLP on 1,000 images for one epoch, and quits', async () => {
    const executable = chromiumPath();
    const profile = mkdtempSync(join(tmpdir(), 'layerwise-smoke-profile-'));
    const { child, wsEndpoint } = await launchWithDevTools(executable, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--window-size=1280,800',
      `--user-data-dir=${profile}`, `${app.server.url}?lang=en`,
    ]);
    try {
      const browser = await chromium.connectOverCDP(wsEndpoint);
      const page = await appPage(browser);
      const log: string[] = [];
      // The web page has no preload: that one check is Electron's alone.
      await firstRun(page, { log: (l) => log.push(l), expectPreload: false, trainTimeoutMs: 120_000 });
      expect(log).toEqual([
        'ok: the window shows the Build tab',
        'ok: the MLP preset loads (Flatten, Dense 128, Dense 10)',
        'ok: the Train tab takes 1000 images and 1 epoch',
        'ok: training runs to the end (status "Done")',
        'ok: the confusion matrix shows',
      ]);
      // Chromium keeps running without windows; the DevTools Browser.close quits it.
      const ended = await quit(child, browser, page, { platform: 'linux' });
      expect(ended).toEqual({ code: 0, signal: null, how: 'Browser.close' });
    } finally {
      await stop(child);
      removeProfile(profile);
    }
  }, 240_000);

  it('says which step failed: a page that is not the app has no Build tab', async () => {
    const executable = chromiumPath();
    const profile = mkdtempSync(join(tmpdir(), 'layerwise-smoke-profile-'));
    const { child, wsEndpoint } = await launchWithDevTools(executable, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, 'data:text/html,<h1>Not the app</h1>',
    ]);
    try {
      const browser = await chromium.connectOverCDP(wsEndpoint);
      const page = await appPage(browser);
      const failure = await firstRun(page, { expectPreload: false, windowTimeoutMs: 2_000 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SmokeError);
      expect((failure as Error).message).toMatch(/^the window shows the Build tab: /);
      // Quit as the first run does: a browser killed outright leaves helpers writing into its profile.
      expect(await quit(child, browser, page, { platform: 'linux' })).toMatchObject({ code: 0, signal: null });
    } finally {
      await stop(child);
      removeProfile(profile);
    }
  }, 60_000);
});
