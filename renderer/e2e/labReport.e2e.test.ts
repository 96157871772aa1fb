/**
 * The lab report in real Chromium, through the web bridge and the real engine host: train a
 * quick 2-D run, open the history, type notes on it, and take its report (a download in the
 * browser). The file holds the title, the network's summary table, the notes and the curves
 * as SVG; opened on its own — offline, scripts off — it asks for nothing and reads whole.
 * In English and in French.
 *
 * A picture of the report goes to docs/screenshots with `LAYERWISE_SCREENSHOTS=docs`
 * (`npm run screenshots`), else beside the build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { PLANE_NETWORK, planeSettings } from './planeKit';

const root = resolve(__dirname, '..', '..');
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

const WORDS = {
  en: {
    train: 'Train', plane: /Points in the plane/, history: 'Run history', title: 'Run history', notes: /^Notes on /, box: /^Your notes on /,
    save: 'Save notes', report: /^Lab report of /, downloaded: 'Report downloaded', heading: /<title>Lab report: circles, /,
    table: 'Layer (type)', total: 'Total parameters: 42', confusion: 'Confusion matrix (test set)', accuracy: /<td>test<\/td><td>[\d.]+<\/td><td>\d+\.\d%<\/td>/,
    note: 'Tanh gives a smooth boundary: <3 epochs is not enough.',
  },
  fr: {
    train: 'Entraîner', plane: /Points du plan/, history: 'Historique', title: 'Historique des entraînements', notes: /^Notes sur /, box: /^Vos notes sur /,
    save: 'Enregistrer les notes', report: /^Compte rendu de /, downloaded: 'Compte rendu téléchargé', heading: /<title>Compte rendu de TP : cercles, /,
    table: 'Couche (type)', total: 'Nombre total de paramètres : 42', confusion: 'Matrice de confusion (jeu de test)', accuracy: /<td>test<\/td><td>[\d,]+<\/td><td>\d+,\d\u00a0%<\/td>/,
    note: 'Tanh donne une frontière lisse : <3 époques ne suffisent pas.',
  },
} as const;

describe.each(['en', 'fr'] as const)('the lab report in Chromium (%s)', (lang) => {
  const w = WORDS[lang];
  let dir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'layerwise-report-'));
    app = await openApp({ modelsDir: join(dir, 'models'), viewport: { width: 1024, height: 768 }, lang, stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(4) } });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a self-contained report with the table, the curves and the notes typed in the history', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: w.plane }).check();
    await page.getByRole('button', { name: w.train, exact: true }).click();
    await page.locator('.results .big').waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: w.history }).click();
    const dialog = page.getByRole('dialog', { name: w.title });
    const item = dialog.getByRole('listitem').first();
    await item.waitFor();
    await item.getByRole('button', { name: w.notes }).click();
    await item.getByRole('textbox', { name: w.box }).fill(w.note);
    await item.getByRole('button', { name: w.save }).click();
    await item.getByRole('textbox', { name: w.box }).waitFor({ state: 'detached' });

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: w.report }).click()]);
    expect(download.suggestedFilename()).toMatch(/-report\.html$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await item.getByRole('status').filter({ hasText: w.downloaded }).waitFor();
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(w.heading);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(w.table);
    expect(html).toContain(w.total);
    expect(html).toContain(w.confusion);
    expect(html).toMatch(w.accuracy);
    expect(html).toContain(`<div class="notes">${w.note.replace('<', '&lt;')}</div>`);
    expect(html).toMatch(/<svg [^>]*class="chart"/);
    expect(app.pageErrors).toEqual([]);

    // Opened on its own, as a student's browser would: no script, and nothing asked of the network.
    const context = await app.browser.newContext({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: false, offline: true, colorScheme: 'light' });
    try {
      const reportPage = await context.newPage();
      const requests: string[] = [];
      reportPage.on('request', (r) => requests.push(r.url()));
      await reportPage.goto(pathToFileURL(file).href);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(await reportPage.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
      expect(await reportPage.locator('svg.chart path[stroke]').count()).toBeGreaterThanOrEqual(2);
      expect(await reportPage.locator('table.summary tbody tr').count()).toBe(3);
      expect(await reportPage.locator('.notes').textContent()).toBe(w.note);
      mkdirSync(shotsDir, { recursive: true });
      await reportPage.screenshot({ path: join(lang === 'en' ? shotsDir : join(root, 'out', 'screenshots'), `lab-report-${lang}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  }, 240_000);
});
