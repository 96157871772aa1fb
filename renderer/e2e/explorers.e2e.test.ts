/**
 * The explorers where the concepts live, in real Chromium at 1024×768 in French: the inspector
 * plots the selected layer's activation with its derivative (σ′ ≤ 0,25 for a sigmoid, ReLU's dead
 * side) and gives every initializer's range for the layer's fans; the Train tab plots the chosen
 * loss and its gradient. The screens still fit. Screenshots: explorers-fr.png, loss-explorer-fr.png
 * (docs/screenshots with LAYERWISE_SCREENSHOTS=docs, else out/screenshots).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

describe('the explorers in Chromium, in French', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-explorers-'));
    app = await openApp({ modelsDir, viewport: { width: 1024, height: 768 }, lang: 'fr' });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  const fits = async () => {
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
  };

  it('the inspector: the layer’s activation and its derivative, and the initializers’ ranges for its fans', async () => {
    // The MLP preset: Flatten → Dense 128 ReLU → Dense 10 softmax; its hidden layer reads 784 values.
    await page.getByRole('list', { name: 'Réseau', exact: true }).getByRole('listitem').nth(1).click();
    const inspector = page.locator('aside.inspector');
    await expect.poll(() => inspector.getByRole('region', { name: 'ReLU et sa dérivée' }).textContent()).toContain('côté mort : f′ = 0');
    await page.getByRole('combobox', { name: /^Activation/ }).selectOption('sigmoid');
    const sigmoid = inspector.getByRole('region', { name: 'Sigmoid et sa dérivée' });
    await expect.poll(() => sigmoid.textContent()).toContain('σ′ ≤ 0,25');
    const table = inspector.getByRole('table');
    // Glorot uniform for 784 inputs and 128 units: ±√(6 / 912) = ±0,0811.
    await expect.poll(() => table.locator('tbody').first().textContent()).toContain('0,0811');
    await sigmoid.evaluate((e) => (e as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'start' }));
    await fits();
    await page.screenshot({ path: join(shotsDir, 'explorers-fr.png'), animations: 'disabled' });
  });

  it('the Train tab: the chosen loss and its gradient beside the choice', async () => {
    await page.locator('#tab-train').click();
    await page.getByText('Voir cette perte et son gradient').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Entropie croisée et son gradient' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Fonction de perte' }).selectOption('mean_squared_error');
    await expect.poll(() => page.getByRole('heading', { name: 'Erreur quadratique moyenne et son gradient' }).count()).toBe(1);
    await page.getByRole('heading', { name: 'Erreur quadratique moyenne et son gradient' }).scrollIntoViewIfNeeded();
    await fits();
    await page.screenshot({ path: join(shotsDir, 'loss-explorer-fr.png'), animations: 'disabled' });
  });
});
