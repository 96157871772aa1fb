#!/usr/bin/env node
// Smoke test of the packaged app, for the release workflow after `npm run package`: starts
// the unpacked Electron app that electron-builder made, checks its window opens on the
// Build tab, loads the MLP preset, trains it for one epoch on 1,000 images through the
// real preload and IPC, waits until the run is done, and quits the app.
//
//   node scripts/electron-smoke.mjs [--app PATH] [--dist DIR] [--timeout SECONDS] [--screenshot FILE]
//
// --app defaults to this OS's unpacked app under --dist (default dist/):
//   Linux   dist/linux-unpacked/layerwise            (run it under xvfb-run)
//   Windows dist/win-unpacked/Layerwise.exe
//   macOS   dist/mac-arm64/Layerwise.app/Contents/MacOS/Layerwise (dist/mac/… on Intel)
// Exit code 0 when everything passed; otherwise 1 and one line saying what failed (and a
// screenshot of the window, when there was one, in --screenshot, default out/electron-smoke-failure.png).
//
// Playwright's `_electron.launch` cannot drive the packaged app: it attaches through the
// Node inspector (`--inspect`), which the app's Electron fuses switch off
// (enableNodeCliInspectArguments: false in electron-builder.yml). So the app is started
// with Chromium's `--remote-debugging-port` instead (a browser switch, not a Node one) and
// playwright-core connects to its window over the DevTools protocol, as to any Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where electron-builder puts the unpacked app (directories.output + its per-OS folder, executableName). */
export function packagedAppPath(distDir, platform = process.platform, arch = process.arch) {
  switch (platform) {
    case 'linux':
      return join(distDir, 'linux-unpacked', 'layerwise');
    case 'win32':
      return join(distDir, 'win-unpacked', 'Layerwise.exe');
    case 'darwin':
      return join(distDir, arch === 'arm64' ? 'mac-arm64' : 'mac', 'Layerwise.app', 'Contents', 'MacOS', 'Layerwise');
    default:
      throw new SmokeError(`no packaged Layerwise for ${platform}: the app is built for Windows, macOS and Linux`);
  }
}

/** A failure the smoke test reports in one line. */
export class SmokeError extends Error {
  name = 'SmokeError';
}

/**
 * Starts `executable` with a DevTools port and resolves with the process and the
 * browser-level DevTools address it prints. `args` go after the port switch.
 */
export function launchWithDevTools(executable, args = [], { timeoutMs = 60_000, env = process.env } = {}) {
  if (!existsSync(executable)) {
    return Promise.reject(new SmokeError(`${executable} does not exist: run "npm run package" first, or pass --app PATH`));
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(executable, ['--remote-debugging-port=0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const fail = (message) => {
      clearTimeout(timer);
      child.kill();
      reject(new SmokeError(`${message}${output.trim() ? `; its output ended with: ${tail(output)}` : ''}`));
    };
    const timer = setTimeout(() => fail(`${executable} did not open a DevTools port within ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        // Keep draining the pipes so the app never blocks on a full one.
        child.stdout.resume();
        child.stderr.on('data', (more) => { output = (output + more).slice(-20_000); });
        resolvePromise({ child, wsEndpoint: m[1], output: () => output });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', (e) => fail(`${executable} could not be started (${e.message})`));
    child.on('exit', (code, signal) => fail(`${executable} exited (${signal ?? `code ${code}`}) before its window opened`));
  });
}

function tail(text, lines = 6) {
  return text.trim().split(/\r?\n/).slice(-lines).join(' | ');
}

/** The app's window among the DevTools targets (not a DevTools or blank page). */
export async function appPage(browser, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = browser.contexts().flatMap((c) => c.pages()).find((p) => !/^(devtools|about:blank)/.test(p.url()));
    if (page) return page;
    if (Date.now() > deadline) throw new SmokeError(`no app window appeared within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The student's first run, through the UI (the selectors of renderer/e2e/app.e2e.test.ts):
 * the Build tab is showing; the MLP preset; Train with 1,000 images and one epoch; done.
 * `log` gets one line per step; `windowTimeoutMs` bounds the wait for the first screen. With `expectPreload`, the page must be talking to the
 * app's main process through the preload's `window.layerwise`, not the web bridge.
 */
export async function firstRun(page, { log = () => {}, expectPreload = true, trainTimeoutMs = 300_000, windowTimeoutMs = 60_000, limit = 1000 } = {}) {
  const step = async (what, action) => {
    try {
      await action();
      log(`ok: ${what}`);
    } catch (e) {
      throw new SmokeError(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };
  await step('the window shows the Build tab', async () => {
    const build = page.getByRole('tab', { name: 'Build', exact: true });
    await build.waitFor({ timeout: windowTimeoutMs });
    const selected = await build.getAttribute('aria-selected');
    if (selected !== 'true') throw new Error(`the Build tab is there but not selected (aria-selected=${selected})`);
  });
  if (expectPreload) {
    await step('the preload exposes window.layerwise', async () => {
      const kind = await page.evaluate(() => typeof globalThis.layerwise);
      if (kind !== 'object') throw new Error(`window.layerwise is ${kind}`);
    });
  }
  await step('the MLP preset loads (Flatten, Dense 128, Dense 10)', async () => {
    await page.getByRole('button', { name: 'MLP', exact: true }).click();
    const items = page.getByRole('list', { name: 'Network', exact: true }).getByRole('listitem');
    await waitUntil(async () => (await items.count()) === 3, 10_000, 'the network did not show 3 layers');
    const text = await items.nth(1).textContent();
    if (!text?.includes('128')) throw new Error(`the second layer reads "${text}", not Dense 128`);
  });
  await step(`the Train tab takes ${limit} images and 1 epoch`, async () => {
    await page.getByRole('tab', { name: 'Train', exact: true }).click();
    await page.getByLabel('Training set size').selectOption(String(limit));
    await page.getByLabel('Epochs', { exact: true }).fill('1');
  });
  await step('training runs to the end (status "Done")', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const status = page.locator('[role="status"]').filter({ hasText: /^Done/ });
    try {
      await status.first().waitFor({ timeout: trainTimeoutMs });
    } catch {
      const seen = await page.locator('[role="status"]').allTextContents().catch(() => []);
      throw new Error(`no "Done" within ${trainTimeoutMs / 1000} s; status shows ${JSON.stringify(seen.map((s) => s.trim()).filter(Boolean))}`);
    }
  });
  await step('the confusion matrix shows', async () => {
    await page.getByRole('grid', { name: 'Confusion matrix' }).or(page.getByRole('table', { name: 'Confusion matrix' })).waitFor({ timeout: 30_000 });
  });
}

async function waitUntil(test, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Quits as a user would: close the window (Windows and Linux quit with their last
 * window), ask the browser to close (how Chromium quits), and on macOS, where an app
 * outlives its windows, send SIGTERM, which Electron handles as app.quit(). Resolves with
 * how the process ended; one still there after `timeoutMs` is killed and reported.
 */
export async function quit(child, browser, page, { timeoutMs = 30_000, platform = process.platform } = {}) {
  const exited = new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => r({ code, signal }));
  });
  const within = (ms) => Promise.race([exited, new Promise((r) => setTimeout(() => r(null), ms))]);
  const attempts = [
    ['window.close()', () => page?.evaluate(() => globalThis.close())],
    ['closing the page', () => page?.close()],
    ['Browser.close', async () => (await browser.newBrowserCDPSession()).send('Browser.close')],
    ...(platform === 'darwin' ? [['SIGTERM', () => child.kill('SIGTERM')]] : []),
  ];
  for (const [how, attempt] of attempts) {
    // The page or the connection may go away mid-call: that is the point.
    await Promise.resolve().then(attempt).catch(() => {});
    const result = await within(how === 'SIGTERM' ? timeoutMs : 5_000);
    if (result) return { ...result, how };
  }
  const result = await within(timeoutMs);
  if (result) return { ...result, how: 'late' };
  child.kill('SIGKILL');
  throw new SmokeError(`the app did not quit within ${timeoutMs / 1000} s of its window closing; killed it`);
}

function parseCli(argv) {
  const opts = { dist: 'dist', app: null, timeout: 300, screenshot: join('out', 'electron-smoke-failure.png') };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new SmokeError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--app') opts.app = value();
    else if (flag === '--dist') opts.dist = value();
    else if (flag === '--screenshot') opts.screenshot = value();
    else if (flag === '--timeout') {
      opts.timeout = Number(value());
      if (!(opts.timeout > 0)) throw new SmokeError('--timeout must be a number of seconds > 0');
    } else if (flag === '--help') {
      opts.help = true;
    } else throw new SmokeError(`unknown option ${flag} (options: --app PATH, --dist DIR, --timeout SECONDS, --screenshot FILE)`);
  }
  return opts;
}

export async function main(argv = process.argv.slice(2), out = (line) => console.log(line)) {
  const opts = parseCli(argv);
  if (opts.help) {
    out('node scripts/electron-smoke.mjs [--app PATH] [--dist DIR] [--timeout SECONDS] [--screenshot FILE]');
    return 0;
  }
  const app = resolve(opts.app ?? packagedAppPath(opts.dist));
  // Linux runners cannot use the SUID sandbox helper of an unpacked app (not root-owned),
  // and newer Ubuntu restricts the user-namespace sandbox: run without the OS sandbox
  // there, as Playwright does for Electron. The renderer is still sandboxed by Electron.
  const args = ['--lang=en-US', ...(process.platform === 'linux' ? ['--no-sandbox'] : [])];
  out(`Starting ${app}`);
  const { chromium } = await import('playwright-core');
  const { child, wsEndpoint, output } = await launchWithDevTools(app, args);
  let browser = null;
  let page = null;
  try {
    browser = await chromium.connectOverCDP(wsEndpoint);
    page = await appPage(browser);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await firstRun(page, { log: out, trainTimeoutMs: opts.timeout * 1000 });
    if (pageErrors.length > 0) throw new SmokeError(`the page threw: ${pageErrors.join(' | ')}`);
  } catch (e) {
    if (page && opts.screenshot) {
      mkdirSync(dirname(resolve(opts.screenshot)), { recursive: true });
      await page.screenshot({ path: opts.screenshot }).then(() => out(`screenshot of the window: ${opts.screenshot}`), () => {});
    }
    child.kill('SIGKILL');
    if (e instanceof SmokeError) throw new SmokeError(`${e.message}${output().trim() ? ` (app output: ${tail(output(), 3)})` : ''}`);
    throw e;
  }
  const { code, signal, how } = await quit(child, browser, page);
  // Asked to quit by SIGTERM (macOS), Electron normally exits with 0 all the same.
  if (code !== 0 && !(how === 'SIGTERM' && signal === 'SIGTERM')) {
    throw new SmokeError(`the app quit with ${signal ?? `exit code ${code}`} (after ${how})`);
  }
  out(`ok: the app quit after ${how} (${signal ?? `exit code ${code}`})`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`electron-smoke: ${e instanceof SmokeError ? e.message : e?.stack ?? e}`);
      process.exit(1);
    },
  );
}
