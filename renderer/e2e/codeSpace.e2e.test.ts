/**
 * The code space in Chromium, through the web bridge and the real host and its code-space
 * worker, at 1024×768: a model the engine saved into the library is opened, its codes on
 * MNIST's test images are pictured with PCA and clustered with k-means (purity of the codes
 * beside the raw pixels), a point is clicked to see its image; then t-SNE shows its
 * progress and ends. In English, then in French.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { Network, PRESETS, Rng } from '../../engine';
import { saveModel } from '../../engine/node';
import { afterLayout, layoutProblems } from './layoutFit';
import { clickAPoint } from './pageActions';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots of the code space, beside the app's (see app.e2e.test.ts). */
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

/** In the page: the header's parts that overlap the next one or overflow their own box (four tabs must fit at 1024 pixels). */
function headerCrowding(): string[] {
  const doc = (globalThis as unknown as { document: { querySelector(s: string): { children: ArrayLike<{ className: string; scrollWidth: number; clientWidth: number; getBoundingClientRect(): { left: number; right: number } }> } } }).document;
  const parts = Array.from(doc.querySelector('header').children);
  const problems: string[] = [];
  parts.forEach((p, i) => {
    if (p.scrollWidth > p.clientWidth + 1) problems.push(`${p.className} overflows by ${p.scrollWidth - p.clientWidth}px`);
    const next = parts[i + 1];
    if (next && p.getBoundingClientRect().right > next.getBoundingClientRect().left + 1) problems.push(`${p.className} overlaps ${next.className}`);
  });
  return problems;
}

describe('The code space in Chromium', () => {
  let dir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'layerwise-e2e-codes-'));
    const modelsDir = join(dir, 'models');
    await saveModel(join(modelsDir, 'mlp'), Network.fromSpec(PRESETS.mlp, new Rng(1)), { appVersion: 'e2e', createdAt: '2025-03-01T10:00:00.000Z', name: 'Digits MLP' });
    app = await openApp({ modelsDir, viewport: { width: 1024, height: 768 }, lang: 'en' });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a saved model, pictures its codes with PCA, reads the k-means purity, and shows a clicked point\'s image', async () => {
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const library = page.getByRole('dialog');
    await library.getByRole('button', { name: /^Open/ }).first().click();
    await expect.poll(() => library.count()).toBe(0);

    await page.getByRole('tab', { name: 'Codes' }).click();
    const layer = page.getByRole('combobox', { name: 'Layer' });
    await expect.poll(() => layer.locator('option').allTextContents(), { timeout: 60_000 }).toEqual([
      '1. flatten_1 · Flatten · 784', '2. dense_1 · Dense · 128 (code)', '3. dense_2 · Dense · 10',
    ]);
    expect(await layer.inputValue()).toBe('1');

    await page.getByRole('button', { name: 'Compute' }).click();
    await page.getByTestId('codes-done').waitFor({ timeout: 120_000 });
    const purity = async (which: 'codes' | 'pixels') => {
      const text = (await page.getByTestId(`codes-clusters-${which}-purity`).textContent())!;
      expect(text).toMatch(/^Purity \d\.\d\d$/);
      return Number(text.slice(-4));
    };
    const codes = await purity('codes'), pixels = await purity('pixels');
    // MNIST's pixels group by digit well above chance (0.1 for ten balanced classes).
    expect(pixels).toBeGreaterThan(0.3);
    expect(codes).toBeGreaterThan(0.1);
    expect(await page.getByTestId('codes-clusters-codes').getByRole('row').count()).toBe(11);
    expect(await page.getByText(/The two axes keep \d+ % of the codes’ variance/).count()).toBe(1);

    await clickAPoint(page);
    const picked = page.getByTestId('codes-picked');
    expect(await picked.textContent()).toMatch(/Label: \d.*Model’s answer: \d/);
    expect(await picked.getByRole('img', { name: /^Label: \d$/ }).count()).toBe(1);

    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    expect(await page.evaluate(headerCrowding)).toEqual([]);
    await page.screenshot({ path: join(shotsDir, 'code-space.png'), fullPage: true, animations: 'disabled' });
  }, 240_000);

  it('t-SNE shows its progress as the points move, and finishes', async () => {
    await page.getByRole('radio', { name: 't-SNE' }).check();
    expect(await page.getByTestId('codes-method-help').textContent()).toContain('distorts distances and cluster sizes');
    await page.getByRole('combobox', { name: 'Test images' }).selectOption('500');
    await page.getByRole('combobox', { name: /k-means/ }).selectOption('5');
    await page.getByRole('button', { name: 'Compute' }).click();
    const bar = page.getByRole('progressbar', { name: 'Progress' });
    await bar.waitFor({ timeout: 60_000 });
    await expect.poll(async () => Number(await bar.getAttribute('value')) > 0 && (await page.getByText(/Arranging the picture… step/).count()) > 0, { timeout: 60_000 }).toBe(true);
    await page.getByTestId('codes-done').waitFor({ timeout: 180_000 });
    expect(await bar.count()).toBe(0);
    expect(await page.getByTestId('codes-clusters-codes').getByRole('row').count()).toBe(6);
    await page.screenshot({ path: join(shotsDir, 'code-space-tsne.png'), animations: 'disabled' });
  }, 240_000);

  it('in French: the purity written 0,xx, the help on t-SNE, and the page still fits', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect.poll(() => page.getByTestId('codes-clusters-codes-purity').textContent()).toMatch(/^Pureté \d,\d\d$/);
    expect(await page.getByTestId('codes-purity-summary').textContent()).toMatch(/k-means sur les codes : pureté \d,\d\d ; sur les pixels bruts : \d,\d\d\./);
    expect(await page.getByTestId('codes-method-help').textContent()).toContain('déforme les distances et la taille des groupes');
    await page.getByRole('radio', { name: /ACP/ }).check();
    await page.getByRole('button', { name: 'Calculer' }).click();
    await page.getByTestId('codes-done').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('codes-done').textContent()).toMatch(/^Terminé en \d+,\d s\.$/);
    await clickAPoint(page);
    expect(await page.getByTestId('codes-picked').textContent()).toMatch(/Étiquette : \d/);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    expect(await page.evaluate(headerCrowding)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
