/**
 * The browser bridge end to end, in real Chromium: the renderer's facade
 * (renderer/src/lib/api.ts, WebSocket transport) → electron/web/server.ts → the real
 * EngineHost with worker threads → training on the bundled MNIST, saving, listing and
 * predicting; plus the built renderer loading under the server's headers, a foreign page
 * being refused, and a dropped connection failing pending requests and reconnecting.
 *
 * The page that drives the facade is a tiny harness built here with vite (it imports
 * api.ts and sets `window.__layerwiseApi`), so the production bundle carries no test hook.
 *
 * Chromium: `findChromium()` from scripts/ensure-chromium.mjs ($LAYERWISE_CHROMIUM, then
 * the usual install paths). `npm test` installs it first where it can; without one this
 * suite fails with the line saying what to install.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../engine';
import type { Hyperparams, LayerwiseApi, RequestOf, TrainEvent } from '../ipc/contract';
import type { EngineHost } from '../host/engineHost';
import type { EngineHostApi } from '../host/types';
import { builtRenderer, launchChromium, serveApp, type ServedApp } from './browserTestKit';
import { cspFromHtml, RENDERER_CSP, startWebServer, type WebServer } from './server';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A page that exposes the real facade as `window.__layerwiseApi`, under the renderer's CSP. */
async function buildHarness(workDir: string): Promise<string> {
  const src = join(workDir, 'harness-src');
  const out = join(workDir, 'harness');
  mkdirSync(src, { recursive: true });
  const csp = cspFromHtml(readFileSync(join(projectRoot, 'renderer', 'index.html'), 'utf8')) ?? RENDERER_CSP;
  writeFileSync(
    join(src, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${csp}" />
<title>bridge harness</title></head><body><script type="module" src="./harness.ts"></script></body></html>`,
  );
  const apiModule = join(projectRoot, 'renderer', 'src', 'lib', 'api.ts').replaceAll('\\', '/');
  writeFileSync(
    join(src, 'harness.ts'),
    `import { api, ApiError } from ${JSON.stringify(apiModule)};\n`
    + 'Object.assign(window, { __layerwiseApi: api, __ApiError: ApiError });\n',
  );
  await build({
    configFile: false,
    root: src,
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, minify: false, modulePreload: false },
  });
  return out;
}

/** Serves one static page on 127.0.0.1: "another web site" for the origin check. */
async function foreignSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title><p>another site</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

interface PageProblems {
  /** Content-Security-Policy violations (from `securitypolicyviolation` events and the console). */
  csp: string[];
  /** Failed requests and error responses, except the favicon Chromium asks for by itself. */
  network: string[];
  /** Uncaught errors and other console errors. */
  script: string[];
}

/** Records what goes wrong in a page; call before navigating. */
async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { csp: [], network: [], script: [] };
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => void problems.csp.push(text));
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
      __reportCspViolation(text: string): void;
    };
    g.addEventListener('securitypolicyviolation', (event) => g.__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`));
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.includes('Content Security Policy')) problems.csp.push(text);
    else if (!text.startsWith('Failed to load resource')) problems.script.push(text);
  });
  page.on('pageerror', (error) => problems.script.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      problems.network.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => problems.network.push(`failed: ${request.url()}`));
  return problems;
}

/**
 * What the harness puts on the page's global object. The page functions below run in
 * Chromium, but this file is type-checked as Node code (no DOM types), so they reach the
 * page's globals through `globalThis as unknown as PageGlobals`. (Playwright sends those
 * functions as source text: they may use only their argument and the page's globals.)
 */
type HarnessApi = LayerwiseApi & { transportKind(): 'electron' | 'web' };
interface PageGlobals {
  __layerwiseApi?: HarnessApi;
  __ApiError?: new (...args: never[]) => Error & { code: string };
  __pending?: Promise<unknown>;
  WebSocket: new (url: string) => { onopen: (() => void) | null; onclose: ((event: { code: number }) => void) | null };
}
const harnessReady = (): boolean => '__layerwiseApi' in globalThis;

/** The app's MLP preset as the request carries it (plain JSON). */
const MLP = JSON.parse(JSON.stringify(PRESETS.mlp)) as RequestOf<'train:start'>['spec'];

const HYPERPARAMS: Hyperparams = {
  epochs: 1,
  batchSize: 50,
  learningRate: 0.1,
  optimizer: 'sgd',
  schedule: { type: 'constant' },
  weightDecay: 0,
  loss: 'categorical_crossentropy',
  validationSize: 50,
  seed: 7,
};

/** A rough hand-drawn "1": a vertical stroke in the middle of the 28×28 canvas. */
const ONE = Array.from({ length: 784 }, (_, i) => {
  const row = Math.floor(i / 28);
  const col = i % 28;
  return row >= 4 && row < 24 && col >= 13 && col <= 15 ? 1 : 0;
});

describe('browser bridge in Chromium', () => {
  let workDir: string;
  let harnessDir: string;
  let served: ServedApp;
  let host: EngineHost;
  let server: WebServer;
  let browser: Browser;
  const refused: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    workDir = mkdtempSync(join(tmpdir(), 'layerwise-bridge-'));
    builtRenderer();
    harnessDir = await buildHarness(workDir);
    served = await serveApp({ modelsDir: join(workDir, 'models'), appVersion: '0.0.0-test', rendererDir: harnessDir, log: (line) => refused.push(line) });
    ({ host, server } = served);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('loads the built renderer under the server’s headers: no CSP violation, no failed request', async () => {
    const rendererServer = await startWebServer({ host, rendererDir: builtRenderer() });
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    try {
      const response = await page.goto(rendererServer.url);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForSelector('#app *', { timeout: 10_000 });
      expect(await page.title()).toBe('Layerwise');
      await page.waitForTimeout(500); // let the app's first requests and effects run
      // The UI's own script errors are the UI tests' business; this checks what the bridge affects.
      expect({ csp: problems.csp, network: problems.network }).toEqual({ csp: [], network: [] });
    } finally {
      await page.close();
      await rendererServer.close();
    }
  });

  it('trains, saves, lists and predicts through the facade', async () => {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    try {
      await page.goto(server.url);
      await page.waitForFunction(harnessReady);

      const info = await page.evaluate(async () => {
        const api = (globalThis as unknown as PageGlobals).__layerwiseApi!;
        return { info: await api['app:info']({}), transport: api.transportKind() };
      });
      expect(info.transport).toBe('web');
      expect(info.info).toMatchObject({ version: '0.0.0-test', transport: 'web', modelsDir: join(workDir, 'models') });
      expect(info.info.automaticThreads).toBeGreaterThanOrEqual(1);
      expect(info.info.automaticThreads).toBeLessThanOrEqual(info.info.cores);

      const run = await page.evaluate(
        async ({ spec, hyperparams }) => {
          const api = (globalThis as unknown as PageGlobals).__layerwiseApi!;
          const events: TrainEvent[] = [];
          const finished = new Promise<void>((resolve) => {
            api.onTrainEvent((event) => {
              events.push(event);
              if (event.type === 'completed' || event.type === 'failed' || event.type === 'stopped') resolve();
            });
          });
          const { runId } = await api['train:start']({ spec, hyperparams, dataset: { source: { kind: 'bundled' }, limit: 500 } });
          await finished;
          // Keep what crosses back small: the completed event carries the whole test result.
          return {
            runId,
            types: events.map((e) => e.type),
            runIds: [...new Set(events.map((e) => e.runId))],
            started: events.find((e) => e.type === 'started'),
            steps: events.flatMap((e) => (e.type === 'batches' ? e.steps : [])),
            epoch: events.find((e) => e.type === 'epoch'),
            end: events.at(-1)!.type === 'completed'
              ? { type: 'completed', accuracy: (events.at(-1) as Extract<TrainEvent, { type: 'completed' }>).test?.measures.accuracy ?? null }
              : events.at(-1),
          };
        },
        { spec: MLP, hyperparams: HYPERPARAMS },
      );
      expect(run.end).toMatchObject({ type: 'completed' });
      expect(run.types[0]).toBe('started');
      expect(run.types).toContain('batches');
      expect(run.types).toContain('epoch');
      expect(run.runIds).toEqual([run.runId]);
      expect(run.started).toMatchObject({ dataset: 'MNIST', trainCount: 450, valCount: 50, epochs: 1, params: 101_770 });
      expect(run.steps.length).toBeGreaterThanOrEqual(9); // 450 images / 50 a batch, every batch reported
      expect(run.epoch).toMatchObject({ type: 'epoch', epoch: 0 }); // epochs count from 0
      const accuracy = (run.end as { accuracy: number | null }).accuracy;
      expect(accuracy).toBeGreaterThan(0.5); // 450 images, one epoch: well above chance (0.1)

      const library = await page.evaluate(async (pixels) => {
        const api = (globalThis as unknown as PageGlobals).__layerwiseApi!;
        const saved = await api['models:save']({ name: 'Bridge smoke', overwrite: false });
        const list = await api['models:list']({});
        const prediction = await api.predict({ pixels, model: { kind: 'saved', id: saved.id }, withActivations: true });
        let duplicate: unknown = null;
        try {
          await api['models:save']({ name: 'Bridge smoke', overwrite: false });
        } catch (error) {
          const e = error as Error & { code: string };
          duplicate = { isApiError: error instanceof (globalThis as unknown as PageGlobals).__ApiError!, code: e.code, message: e.message };
        }
        return { saved, list, prediction, duplicate };
      }, ONE);
      expect(library.saved).toMatchObject({ name: 'Bridge smoke', params: 101_770 });
      expect(library.list.map((m) => m.id)).toContain(library.saved.id);
      const { prediction } = library;
      expect(prediction.probs).toHaveLength(10);
      expect(prediction.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(prediction.predicted).toBe(prediction.probs.indexOf(Math.max(...prediction.probs)));
      expect(prediction.layers?.length).toBeGreaterThan(0);
      expect(library.duplicate).toMatchObject({ isApiError: true, code: 'exists' });
      expect((library.duplicate as { message: string }).message).not.toMatch(/\bat \w+ \(|\/work\//); // plain, no stack

      const webDialog = await page.evaluate(async () => {
        try {
          await (globalThis as unknown as PageGlobals).__layerwiseApi!['datasets:pick']({});
          return null;
        } catch (error) {
          return (error as Error).message;
        }
      });
      expect(webDialog).toMatch(/--dataset-dir <folder>/);
      expect(problems).toEqual({ csp: [], network: [], script: [] });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('refuses a WebSocket from another origin', async () => {
    const foreign = await foreignSite();
    const page = await browser.newPage();
    try {
      await page.goto(foreign.url);
      const outcome = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new ((globalThis as unknown as PageGlobals).WebSocket)(url);
            ws.onopen = () => resolve('open');
            ws.onclose = (event) => resolve(`closed ${event.code}`);
          }),
        `ws://127.0.0.1:${server.port}/bridge`,
      );
      expect(outcome).toBe('closed 1006');
      expect(refused).toContain(`refused a WebSocket connection from origin ${JSON.stringify(foreign.url.slice(0, -1))}`);
    } finally {
      await page.close();
      await new Promise((resolve) => foreign.server.close(resolve));
    }
  });

  it('fails pending requests when the connection drops, then reconnects', async () => {
    // A host that never answers app:info, so a request is surely in flight when the server goes.
    let calls = 0;
    const stuck: EngineHostApi = {
      handle: (clientId, channel, payload) => {
        calls++;
        return channel === 'app:info' && calls === 1 ? new Promise(() => {}) : host.handle(clientId, channel, payload);
      },
      subscribe: (clientId, listener) => host.subscribe(clientId, listener),
      closeClient: (clientId) => host.closeClient(clientId),
      dispose: async () => {},
    };
    const first = await startWebServer({ host: stuck, rendererDir: harnessDir });
    const page = await browser.newPage();
    let second: WebServer | null = null;
    try {
      await page.goto(first.url);
      await page.waitForFunction(harnessReady);
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobals).__pending = (globalThis as unknown as PageGlobals).__layerwiseApi!['app:info']({}).then(
          () => 'answered',
          (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
        );
      });
      await expect.poll(() => calls).toBe(1);
      await first.close();
      const lost = await page.evaluate(() => (globalThis as unknown as PageGlobals).__pending);
      expect(lost).toEqual({ code: 'disconnected', message: 'Lost the connection to the Layerwise engine; reload the page.' });

      // The engine comes back on the same address: the page reconnects and queued requests go through.
      second = await startWebServer({ host: stuck, rendererDir: harnessDir, port: first.port });
      const again = await page.evaluate(async () => (await (globalThis as unknown as PageGlobals).__layerwiseApi!['app:info']({})).transport);
      expect(again).toBe('web');
    } finally {
      await page.close();
      await second?.close();
    }
  });
});
