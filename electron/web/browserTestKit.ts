/**
 * Shared by the tests that drive Layerwise in real Chromium (renderer/e2e, the bridge test,
 * the plane test; not a test itself): the built renderer, Chromium found and launched the
 * same way everywhere, the real engine host behind the web server as `--web` runs it, and
 * the app opened in a page of a given size and language with its uncaught errors collected.
 * Each test keeps its own temporary folders; what starts here is closed by the returned `close`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, INSTALL_HINT } from '../../scripts/ensure-chromium.mjs';
import { EngineHost } from '../host/engineHost';
import { createTsxWorkerFactory } from '../host/testWorkers';
import { startWebServer, type WebServer } from './server';
import { createWebDialogs } from './webDialogs';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Headless, and quiet: nothing of Chromium's own reaches the network or the screen. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** The installed Chromium; without one, fails with the line saying what to install. */
export function chromiumPath(): string {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  return executablePath;
}

export function launchChromium(args: readonly string[] = CHROMIUM_ARGS): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...args] });
}

/** The built renderer; built here when missing (e.g. `npx vitest run` before any build). */
export function builtRenderer(): string {
  const dir = join(projectRoot, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    execFileSync(process.execPath, [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
  }
  return dir;
}

export interface ServedApp {
  host: EngineHost;
  server: WebServer;
  /** Closes the server, then disposes of the host and its workers. */
  close(): Promise<void>;
}

export interface ServeOptions {
  modelsDir: string;
  appVersion?: string;
  /** The folder the server serves: the built renderer unless given. */
  rendererDir?: string;
  log?: (line: string) => void;
}

/** The real engine host (worker threads, web dialogs) behind the web server, on 127.0.0.1. */
export async function serveApp({ modelsDir, appVersion = '0.0.0-e2e', rendererDir, log }: ServeOptions): Promise<ServedApp> {
  const host = new EngineHost({ modelsDir, appVersion, transport: 'web', dialogs: createWebDialogs({}), createWorker: createTsxWorkerFactory() });
  try {
    const server = await startWebServer({ host, rendererDir: rendererDir ?? builtRenderer(), ...(log ? { log } : {}) });
    return {
      host,
      server,
      async close() {
        await server.close();
        await host.dispose();
      },
    };
  } catch (error) {
    await host.dispose();
    throw error;
  }
}

export interface AppInChromium extends ServedApp {
  browser: Browser;
  page: Page;
  /** The page's uncaught errors, as they come. */
  pageErrors: string[];
}

export interface OpenOptions {
  modelsDir: string;
  viewport: { width: number; height: number };
  /** The UI language (`?lang=`), and the browser's locale to go with it. */
  lang: 'en' | 'fr';
  /** Runs on the page before the app loads: init scripts, listeners. */
  prepare?: (page: Page) => Promise<unknown> | void;
  /**
   * What the app finds in its own storage on first load, as a student who built a network
   * and chose settings, then left, would leave it (the keys of networkStorage.ts and
   * settingsStorage.ts); kept across reloads once the app changes it.
   */
  stored?: { network?: unknown; trainingSettings?: unknown };
}

const LOCALES = { en: 'en-US', fr: 'fr-FR' } as const;

function storedEntries(stored: NonNullable<OpenOptions['stored']>): [string, string][] {
  const entries: [string, string][] = [];
  if (stored.network !== undefined) entries.push(['layerwise.network.v1', JSON.stringify(stored.network)]);
  if (stored.trainingSettings !== undefined) entries.push(['layerwise.trainingSettings.v1', JSON.stringify(stored.trainingSettings)]);
  return entries;
}

/** Runs in the page before the app: writes each entry unless the app has written its own since. */
function storeOnce(entries: [string, string][]): void {
  const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
  for (const [key, value] of entries) if (storage.getItem(key) === null) storage.setItem(key, value);
}

/** The app served by {@link serveApp} and loaded in a light-themed Chromium page. */
export async function openApp({ modelsDir, viewport, lang, prepare, stored }: OpenOptions): Promise<AppInChromium> {
  const browser = await launchChromium();
  let served: ServedApp | undefined;
  try {
    served = await serveApp({ modelsDir });
    const context = await browser.newContext({ viewport, colorScheme: 'light', locale: LOCALES[lang] });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // esbuild names functions with a helper the page does not have: give it one (for page.evaluate).
    await page.addInitScript('globalThis.__name = (f) => f;');
    if (stored) await page.addInitScript(storeOnce, storedEntries(stored));
    await prepare?.(page);
    await page.goto(`${served.server.url}?lang=${lang}`);
    const { close } = served;
    return {
      ...served,
      browser,
      page,
      pageErrors,
      async close() {
        await browser.close();
        await close();
      },
    };
  } catch (error) {
    await browser.close();
    await served?.close();
    throw error;
  }
}
