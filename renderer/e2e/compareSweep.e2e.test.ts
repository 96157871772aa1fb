/**
 * A named sweep in real Chromium, through the web bridge and the real engine host: on points
 * in the plane (a small network, three quick epochs), "Stochastic vs mini-batch vs batch" trains
 * batch 1, batch 32 and the whole set one after the other; the comparison then overlays the
 * three runs, its legend and table show the batch size and nothing else that is the same, the
 * best result is marked, the x axis switches to weight updates, and each run is in the history.
 * Then "MSE vs BCE": each loss gets its own, labelled panel (two losses never share an axis).
 * In English and in French (numbers written the French way), at a projector's 1024×768.
 *
 * A picture of the comparison goes to docs/screenshots with `LAYERWISE_SCREENSHOTS=docs`
 * (`npm run screenshots`), else beside the build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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
    plane: /Points in the plane/, sweep: 'Stochastic vs mini-batch vs batch', region: 'Compare runs', table: 'Settings that differ and results',
    batch: 'batch', completed: 'completed', axis: 'Against', updates: 'Weight updates', best: /★ best/, history: 'Run history', historyTitle: 'Run history',
    progress: /Sweep: Stochastic vs mini-batch vs batch/, report: 'Lab report', batchSize: 'batch size', csvHead: 'run,epoch,seconds,',
    losses: 'MSE vs BCE', lossesProgress: /Sweep: MSE vs BCE/, lossPanel: /^Loss \((Mean squared error|Binary cross-entropy)\)/, separate: /different losses/,
  },
  fr: {
    plane: /Points du plan/, sweep: 'Stochastique, mini-lots ou lot complet', region: 'Comparer des entraînements', table: 'Réglages qui diffèrent et résultats',
    batch: 'lot', completed: 'terminé', axis: 'En fonction de', updates: 'Mises à jour des poids', best: /★ meilleur/, history: 'Historique', historyTitle: 'Historique des entraînements',
    progress: /Balayage : Stochastique, mini-lots ou lot complet/, report: 'Compte rendu', batchSize: 'taille de lot', csvHead: 'run;epoch;seconds;',
    losses: 'MSE ou BCE', lossesProgress: /Balayage : MSE ou BCE/, lossPanel: /^Perte \((Erreur quadratique moyenne|Entropie croisée binaire)\)/, separate: /pertes différentes/,
  },
} as const;

describe.each(['en', 'fr'] as const)('a named sweep compared in Chromium (%s)', (lang) => {
  const w = WORDS[lang];
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    modelsDir = join(mkdtempSync(join(tmpdir(), 'layerwise-compare-')), 'models');
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang,
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(3) },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(join(modelsDir, '..'), { recursive: true, force: true });
  });

  it('runs batch 1, 32 and the whole set, overlays them with only the batch size differing, and keeps each in the history', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: w.plane }).check();
    const region = page.getByRole('region', { name: w.region });
    await region.getByRole('button', { name: w.sweep }).click();

    const progress = region.getByRole('status').filter({ hasText: w.progress });
    await progress.waitFor({ timeout: 30_000 });
    // Each value's run ends before the next starts; the three end completed.
    await expect.poll(() => progress.getByRole('listitem').allTextContents(), { timeout: 240_000, interval: 500 })
      .toEqual([`1 — ${w.completed}`, `32 — ${w.completed}`, expect.stringMatching(new RegExp(`— ${w.completed}$`))]);

    const table = region.getByRole('table', { name: w.table });
    await expect.poll(() => table.locator('thead th').count(), { timeout: 30_000 }).toBe(4);
    // The table's settings: the batch size only (everything else the runs share).
    const settingRows = table.locator('tbody tr.setting');
    expect(await settingRows.count()).toBe(1);
    const cells = await settingRows.first().locator('th, td').allTextContents();
    expect(cells.slice(0, 3)).toEqual([w.batch, '1', '32']);
    const whole = Number(cells[3]!.replace(/\s/g, '').replace(',', '.'));
    expect(whole).toBeGreaterThan(32);
    if (lang === 'fr' && whole >= 1000) expect(cells[3]).toMatch(/\d\s\d{3}/);
    expect(await table.locator('td.best').count()).toBeGreaterThan(0);
    expect(await table.locator('td.best').first().textContent()).toMatch(w.best);

    // The legend names each run by its batch size.
    const legend = await region.locator('.legend li .settings').allTextContents();
    expect(legend).toEqual([`${w.batch} 1`, `${w.batch} 32`, `${w.batch} ${cells[3]}`]);
    expect(await region.locator('canvas').count()).toBeGreaterThanOrEqual(2);

    await region.getByLabel(w.axis).selectOption({ label: w.updates });
    expect(await region.getByLabel(w.axis).inputValue()).toBe('updates');

    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    // The comparison at the top of the Train tab's column, as a student scrolls to it.
    await region.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(lang === 'en' ? shotsDir : join(root, 'out', 'screenshots'), `compare-${lang}.png`), animations: 'disabled' });

    // The comparison taken out: its lab report (only the batch size differs; each run in full),
    // the compared curves as a CSV for the language's spreadsheet, a chart as a PNG.
    const take = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const file = join(modelsDir, '..', download.suggestedFilename());
      await download.saveAs(file);
      return readFileSync(file);
    };
    const html = (await take(() => region.getByRole('button', { name: w.report, exact: true }).click())).toString('utf8');
    const differs = /<table class="differs">(.*?)<\/table>/s.exec(html)![1]!;
    expect(differs.match(/<tr><th>/g)!.length).toBe(2);
    expect(differs).toContain(`<th>${w.batchSize}</th><td>1</td><td>32</td>`);
    expect(html.match(/<article class="run">/g)!.length).toBe(3);
    expect(html).toMatch(/<svg [^>]*class="chart"/);
    // The comparison's report read on its own (scripts off, offline), as a student opens it.
    const reportFile = join(modelsDir, '..', `comparison-${lang}.html`);
    writeFileSync(reportFile, html);
    const reader = await app.browser.newContext({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: false, offline: true });
    try {
      const reportPage = await reader.newPage();
      await reportPage.goto(pathToFileURL(reportFile).href);
      expect(await reportPage.locator('table.differs tbody tr').count()).toBe(1);
      await reportPage.screenshot({ path: join(root, 'out', 'screenshots', `comparison-report-${lang}.png`) });
    } finally {
      await reader.close();
    }
    const csv = (await take(() => region.getByRole('button', { name: 'CSV' }).first().click())).toString('utf8');
    expect(csv.replace(/^\ufeff/, '').startsWith(w.csvHead)).toBe(true);
    expect(csv.trim().split('\r\n').length).toBe(1 + 3 * 3);
    const png = await take(() => region.locator('figure').first().getByRole('button', { name: 'PNG' }).click());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    // Each run of the sweep is in the history.
    await page.getByRole('button', { name: w.history }).click();
    const dialog = page.getByRole('dialog', { name: w.historyTitle });
    await dialog.getByRole('listitem').nth(2).waitFor({ timeout: 10_000 });
    expect(await dialog.getByRole('listitem').count()).toBe(3);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  }, 400_000);

  it('never puts two losses on one axis: MSE vs BCE gets a panel per loss, labelled, and says why', async () => {
    const region = page.getByRole('region', { name: w.region });
    await region.getByRole('button', { name: w.losses }).click();
    const progress = region.getByRole('status').filter({ hasText: w.lossesProgress });
    await progress.waitFor({ timeout: 30_000 });
    await expect.poll(() => progress.getByRole('listitem').allTextContents(), { timeout: 240_000, interval: 500 })
      .toEqual([expect.stringMatching(/ — \S+$/), expect.stringMatching(/ — \S+$/)]);
    const table = region.getByRole('table', { name: w.table });
    await expect.poll(() => table.locator('thead th').count(), { timeout: 30_000 }).toBe(3);
    // The panels follow the table: wait for them rather than read them once (a loaded machine drew the second one later).
    const lossPanels = async () => (await region.locator('figcaption').allTextContents()).filter((c) => w.lossPanel.test(c)).length;
    await expect.poll(lossPanels, { timeout: 30_000 }).toBe(2);
    expect(await region.getByRole('note').textContent()).toMatch(w.separate);
    // Each loss's panel has its own chart.
    await expect.poll(() => region.locator('figure canvas').count(), { timeout: 30_000 }).toBe(3);
    expect(app.pageErrors).toEqual([]);
  }, 400_000);
});
