/**
 * An autoencoder trained in real Chromium through the web bridge and the real engine host,
 * at 1024×768: the 2-number-code preset from the builder's toolbar (its code drawn as the
 * network's waist), Reconstruct in the Train tab, one epoch on 5,000 MNIST images; the
 * reconstruction grid's pixels change between its first frame and the end, the results
 * give the test MSE, and everything fits, in English and in French; then a denoising run in French
 * (Gaussian noise typed with a decimal comma) whose grid shows the damaged inputs; then the
 * autoencoder just trained is looked at: its codes pictured by PCA with the k-means purity
 * (codes and raw pixels), a clicked point's image, and a drawn digit rebuilt in Draw & test.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { clickAPoint, drawSeven } from './pageActions';

// The e2e tests compile without the DOM's types (they run in Node): the few page shapes used here.
const root = fileURLToPath(new URL('../../', import.meta.url));
// Pictures for the README with `npm run screenshots` (LAYERWISE_SCREENSHOTS=docs), else beside the build.
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface GridPage {
  document: { querySelectorAll(selector: string): ArrayLike<Canvas> };
}

/** Runs in the page: the alpha (ink) of every pixel of the grid's reconstructions, image after image. */
function reconstructionInk(): number[] {
  const canvases = Array.from((globalThis as unknown as GridPage).document.querySelectorAll('tr.reconstruction canvas'));
  return canvases.flatMap((c) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4 + 3]!);
  });
}

describe('an autoencoder trained in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-autoencoder-'));
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang: 'en',
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('builds the 2-D-code autoencoder, trains it one epoch on 5,000 images and sees its reconstructions change', async () => {
    await page.locator('#tab-build').click();
    await page.getByRole('button', { name: /^Autoencoder 2-D/ }).click();
    const replace = page.getByRole('button', { name: /^Load Autoencoder 2-D/ });
    if (await replace.count()) await replace.click();
    const network = page.getByRole('list', { name: 'Network' });
    await expect.poll(() => network.getByRole('listitem').count()).toBe(6);

    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Reconstruct the images \(autoencoder\)/ }).check();
    expect(await page.locator('#train-loss').inputValue()).toBe('binary_crossentropy');
    await page.getByLabel('Training set size').selectOption('5000');
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    // The code is drawn as the waist of the network once the task is a reconstruction.
    await page.locator('#tab-build').click();
    await expect.poll(() => network.locator('li.code').count()).toBe(1);
    expect(await network.locator('li.code').textContent()).toContain('Code');
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-autoencoder-build.png') });
    await page.locator('#tab-train').click();

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const grid = page.getByRole('region', { name: 'Reconstructions' });
    await expect.poll(async () => Number(await grid.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    await expect.poll(() => grid.locator('tr.reconstruction canvas').count()).toBe(8);
    await page.evaluate(afterLayout);
    const first = await page.evaluate(reconstructionInk);
    const firstStep = Number(await grid.getAttribute('data-step'));

    const results = page.getByRole('region', { name: 'Results' });
    await results.waitFor({ timeout: 60_000 });
    expect(await results.textContent()).toContain('Test mean squared error (MSE)');
    expect(await results.getByRole('grid').count()).toBe(0);
    expect(Number(await grid.getAttribute('data-step'))).toBeGreaterThan(firstStep);
    await page.evaluate(afterLayout);
    const last = await page.evaluate(reconstructionInk);
    expect(last).toHaveLength(first.length);
    let changed = 0;
    for (let i = 0; i < first.length; i++) if (Math.abs(first[i]! - last[i]!) > 8) changed++;
    expect(changed / first.length).toBeGreaterThan(0.05);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(shotsDir, 'autoencoder-train.png'), animations: 'disabled' });

    await page.locator('header .settings select').nth(0).selectOption('fr');
    await expect.poll(() => page.getByRole('region', { name: 'Reconstructions' }).getByText('Original', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: /Reconstruire les images \(auto-encodeur\)/ }).isChecked()).toBe(true);
    expect(await page.getByRole('region', { name: 'Résultats' }).textContent()).toContain('Erreur quadratique moyenne (MSE) au test');
    // Denoising, in French: Gaussian noise typed with a decimal comma; the grid adds the damaged inputs.
    await page.getByRole('checkbox', { name: 'Bruit gaussien (σ)' }).check();
    await page.locator('#corruption-noise').fill('0,4');
    await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
    const gridFr = page.getByRole('region', { name: 'Reconstructions' });
    await expect.poll(() => gridFr.locator('tr.corrupted canvas').count(), { timeout: 30_000 }).toBe(8);
    expect(await gridFr.getByRole('rowheader', { name: 'Entrée vue' }).count()).toBe(1);
    await page.getByRole('region', { name: 'Résultats' }).waitFor({ timeout: 60_000 });
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-autoencoder-fr.png'), fullPage: true });
    await page.locator('#tab-build').click();
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.locator('header .settings select').nth(0).selectOption('en');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('pictures the codes of the autoencoder just trained, reads the purity, and rebuilds a drawn digit, in English and French', async () => {
    await page.getByRole('tab', { name: 'Codes' }).click();
    // The code layer (the 2-number waist) is offered first.
    await expect.poll(async () => (await page.getByRole('combobox', { name: 'Layer' }).locator('option:checked').textContent()) ?? '', { timeout: 60_000 }).toMatch(/2/);
    await page.getByRole('combobox', { name: 'Test images' }).selectOption('500');
    await page.getByRole('button', { name: 'Compute' }).click();
    await page.getByTestId('codes-done').waitFor({ timeout: 120_000 });
    for (const which of ['codes', 'pixels']) {
      expect(await page.getByTestId(`codes-clusters-${which}-purity`).textContent()).toMatch(/^Purity \d\.\d\d$/);
    }
    await clickAPoint(page);
    expect(await page.getByTestId('codes-picked').getByRole('img', { name: /^Label: \d$/ }).count()).toBe(1);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    await page.getByRole('tab', { name: 'Draw & test' }).click();
    await drawSeven(page, page.getByRole('img', { name: 'Drawing pad' }));
    await page.getByRole('img', { name: /^The reconstruction of your drawing/ }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('list', { name: 'The code: 2 numbers' }).getByRole('meter').count()).toBe(2);

    await page.locator('header .settings select').nth(0).selectOption('fr');
    await page.getByRole('img', { name: /^La reconstruction de votre dessin/ }).waitFor();
    await page.getByRole('tab', { name: 'Codes' }).click();
    await expect.poll(() => page.getByTestId('codes-clusters-codes-purity').textContent()).toMatch(/^Pureté \d,\d\d$/);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.locator('header .settings select').nth(0).selectOption('en');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
