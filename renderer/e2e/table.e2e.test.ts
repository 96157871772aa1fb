/**
 * A table (CSV) in real Chromium, through the web bridge and the real engine host, in
 * French at 1024×768: the page's file input picks a small French spreadsheet (`;`
 * separators, decimal commas, quoted class names), the import dialog shows what it read,
 * a 2-feature table shows its rows on the plane, a 2-8-2 network trains on it, and the test
 * accuracy shows. The network and training settings are put in the app's own storage
 * before the page loads (as playground.e2e.test.ts does).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { PLANE_NETWORK, planeSettings } from './planeKit';

/** Two classes either side of x₁ + x₂ = 2, as a French spreadsheet writes them. */
function frenchSheet(): string {
  const rows = Array.from({ length: 200 }, (_, i) => {
    const x1 = ((i * 37 + 1) % 100) / 50, x2 = ((i * 61 + 7) % 100) / 50;
    const comma = (v: number) => String(v).replace('.', ',');
    return `${comma(x1)};${comma(x2)};"${x1 + x2 > 2 ? 'au-dessus' : 'en dessous'}"`;
  });
  return ['x1;x2;"position"', ...rows].join('\r\n') + '\r\n';
}

describe('a table (CSV) in Chromium', () => {
  let dir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'layerwise-table-'));
    writeFileSync(join(dir, 'positions.csv'), frenchSheet());
    app = await openApp({
      modelsDir: join(dir, 'models'),
      viewport: { width: 1024, height: 768 },
      lang: 'fr',
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(30) },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports a French spreadsheet, shows it on the plane, trains 2-8-2 on it and shows the test accuracy', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Un tableau \(CSV\)/ }).check();
    await page.locator('input[type=file][data-part=train]').setInputFiles(join(dir, 'positions.csv'));

    const dialog = page.getByRole('dialog', { name: 'Importer un tableau : positions.csv' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Séparateur').inputValue()).toBe(';');
    await dialog.getByText('La première ligne est un en-tête : elle nomme les colonnes.').waitFor();
    await dialog.getByText('Les nombres à virgule décimale (0,5) sont lus comme tels.').waitFor();
    expect(await dialog.getByLabel('Étiquette : ce que le réseau prédit').inputValue()).toBe('2');
    await dialog.getByText('160 lignes d’entraînement, 40 lignes de test').waitFor();
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-table-dialog-fr.png') });
    await dialog.getByRole('button', { name: 'Utiliser ce tableau' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Two features: the rows are points of the plane.
    const plane = page.locator('canvas.plane');
    await expect.poll(() => plane.getAttribute('aria-label')).toBe('Le plan (x₁, x₂) ; 160 points d’entraînement, 40 points de test');

    await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
    const score = page.locator('.results .big');
    await score.waitFor({ timeout: 150_000 });
    const accuracy = Number((await score.textContent())!.replace(/[^\d,]/g, '').replace(',', '.'));
    expect(accuracy).toBeGreaterThanOrEqual(85);
    // The test rows beside their predictions, named by the file's classes.
    const samples = page.getByRole('region', { name: 'Exemples de test' });
    await samples.scrollIntoViewIfNeeded();
    await samples.getByRole('checkbox', { name: 'Seulement les erreurs' }).uncheck();
    expect(await samples.getByRole('row').count()).toBe(1 + 40);
    expect(await samples.getByRole('cell', { name: /^(au-dessus|en dessous)$/ }).count()).toBe(80);
    await page.locator('.results').screenshot({ path: join(tmpdir(), 'layerwise-table-results-fr.png') });
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-table-fr.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 200_000);
});
