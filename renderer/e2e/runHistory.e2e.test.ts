/**
 * The run history in real Chromium, through the web bridge and the real engine host: train
 * two quick 2-D runs (learning rates 0.05 and 0.01), name and star the first, change the
 * network and the settings and reload the app, find the runs in the history (on disk, not
 * in the page), and reopen the first: Build has its network again and Train its data and
 * settings (0.05, not the last run's 0.01). In English and in French, at a projector's 1024×768.
 *
 * A picture of the history goes to docs/screenshots with `LAYERWISE_SCREENSHOTS=docs`
 * (`npm run screenshots`), else beside the build.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { PLANE_NETWORK, planeSettings } from './planeKit';

const root = resolve(__dirname, '..', '..');
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

const WORDS = {
  en: {
    train: 'Train', plane: /Points in the plane/, mnist: /^MNIST/, history: 'Run history', title: 'Run history',
    lr: 'Learning rate', epochs: 'Epochs', item: /circles, /, result: /test · accuracy \d+\.\d %/, settings: 'Adam · batch 16 · rate 0.05 · 6/6 epochs',
    rename: 'Rename', star: /^Star /, name: 'Adam, rate 0.05', reopen: 'Reopen Adam, rate 0.05', slower: 'rate 0.01',
    reopened: 'Reopened: the network is in Build, the data and settings in Train.',
  },
  fr: {
    train: 'Entraîner', plane: /Points du plan/, mnist: /^MNIST/, history: 'Historique', title: 'Historique des entraînements',
    lr: 'Taux d’apprentissage', epochs: 'Époques', item: /cercles, /, result: /test · exactitude \d+,\d\s%/, settings: 'Adam · lot de 16 · taux 0,05 · 6/6 époques',
    rename: 'Renommer', star: /^Marquer /, name: 'Adam, taux 0,05', reopen: 'Rouvrir Adam, taux 0,05', slower: 'taux 0,01',
    reopened: 'Rouvert : le réseau est dans Construire, les données et réglages dans Entraîner.',
  },
} as const;

/** What the builder keeps in the page's storage (networkStorage.ts): the network Build shows. */
const storedNetwork = (page: Page) => page.evaluate(() => JSON.parse((globalThis as unknown as { localStorage: { getItem(k: string): string } }).localStorage.getItem('layerwise.network.v1')).spec);

describe.each(['en', 'fr'] as const)('the run history in Chromium (%s)', (lang) => {
  const w = WORDS[lang];
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    modelsDir = join(mkdtempSync(join(tmpdir(), 'layerwise-history-')), 'models');
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang,
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(6) },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(join(modelsDir, '..'), { recursive: true, force: true });
  });

  /** Trains with the Train tab's settings and waits for the results of this run. */
  async function train(): Promise<void> {
    await page.getByRole('button', { name: w.train, exact: true }).click();
    await page.locator('.results .big').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.results .big').waitFor({ timeout: 120_000 });
  }

  it('keeps runs across a reload, named and starred, and reopens one with its network and settings', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: w.plane }).check();
    await train();
    await page.getByLabel(w.lr, { exact: true }).fill('0.01');
    await train();

    // The first run, named and starred by the student.
    await page.getByRole('button', { name: w.history }).click();
    const dialog = page.getByRole('dialog', { name: w.title });
    await dialog.getByRole('listitem').nth(1).waitFor();
    const first = dialog.getByRole('listitem').filter({ hasText: w.settings });
    await first.getByRole('button', { name: w.rename, exact: true }).click();
    await first.getByRole('textbox').fill(w.name);
    await first.getByRole('textbox').press('Enter');
    await dialog.getByRole('listitem').filter({ hasText: w.name }).getByRole('button', { name: w.star }).click();
    await expect.poll(() => dialog.getByRole('listitem').first().textContent()).toContain(w.name);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Elsewhere meanwhile: another network in Build, MNIST and other settings in Train; then a new page.
    await page.evaluate(() => {
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
      storage.setItem('layerwise.network.v1', JSON.stringify({ version: 1, spec: { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }] } }));
    });
    await page.getByRole('radio', { name: w.mnist }).check();
    await page.getByLabel(w.lr, { exact: true }).fill('0.2');
    await page.getByLabel(w.epochs, { exact: true }).fill('2');
    await page.reload();
    await page.locator('#tab-train').click();
    expect(await page.getByRole('radio', { name: w.mnist }).isChecked()).toBe(true);
    expect(await storedNetwork(page)).not.toEqual(PLANE_NETWORK.spec);

    await page.getByRole('button', { name: w.history }).click();
    await dialog.getByRole('listitem').nth(1).waitFor();
    expect(await dialog.getByRole('listitem').count()).toBe(2);
    const item = dialog.getByRole('listitem').first();
    expect(await item.textContent()).toContain(w.name);
    expect(await item.getByRole('button', { name: w.star }).getAttribute('aria-pressed')).toBe('true');
    expect(await item.textContent()).toMatch(w.result);
    expect(await item.textContent()).toContain(w.settings);
    const second = dialog.getByRole('listitem').nth(1);
    expect(await second.textContent()).toMatch(w.item);
    expect(await second.textContent()).toContain(w.slower);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(lang === 'en' ? shotsDir : join(root, 'out', 'screenshots'), `history-${lang}.png`), animations: 'disabled' });

    await item.getByRole('button', { name: w.reopen, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: w.reopened }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: w.plane }).isChecked()).toBe(true);
    expect(await page.getByLabel(w.lr, { exact: true }).inputValue()).toMatch(/^0[.,]05$/);
    expect(await page.getByLabel(w.epochs, { exact: true }).inputValue()).toBe('6');
    expect(await storedNetwork(page)).toEqual(PLANE_NETWORK.spec);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
