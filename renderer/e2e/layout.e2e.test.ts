/**
 * Every screen fits a projector's or a small laptop's window, in real Chromium through the
 * web bridge: at 1024×768 and 1280×720 (and idle just above 1180 px, where the header
 * turns compact), in English and in French (longer labels), light
 * and dark, the Build, Train (idle, during a run, and after it with the results, the
 * confusion matrix and a gallery open), Draw & test screens and the model library dialog
 * must not scroll sideways nor cut anything off (renderer/e2e/layoutFit.ts says how that
 * is checked). Screenshots of each screen go to the system's temp folder
 * (layerwise-layout/), to look at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems, padInkMatchesTheme, scrollEverythingToEnd } from './layoutFit';

const shotsDir = join(tmpdir(), 'layerwise-layout');
const VIEWPORTS = [{ width: 1024, height: 768 }, { width: 1280, height: 720 }] as const;
const LANGS = ['fr', 'en'] as const;

describe('every screen fits from 1024×768 up', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;
  /** Every problem found, prefixed by where: one assertion at the end shows them all. */
  const found: string[] = [];

  async function check(where: string): Promise<void> {
    // Let a resize or a language change lay out (and chart.js redraw) first.
    await page.evaluate(afterLayout);
    for (const problem of await page.evaluate(layoutProblems)) found.push(`${where}: ${problem}`);
    await page.screenshot({ path: join(shotsDir, `${where.replace(/[^a-z0-9-]+/gi, '-')}.png`) });
  }

  const scrollToBottom = () => page.evaluate(scrollEverythingToEnd);
  const setLang = (lang: 'en' | 'fr') => page.locator('header .settings select').nth(0).selectOption(lang);
  const setTheme = (theme: 'light' | 'dark') => page.locator('header .settings select').nth(1).selectOption(theme);
  const tab = (id: 'build' | 'train' | 'test') => page.locator(`#tab-${id}`).click();

  beforeAll(async () => {
    rmSync(shotsDir, { recursive: true, force: true });
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-layout-'));
    app = await openApp({
      modelsDir,
      viewport: VIEWPORTS[0],
      lang: 'fr',
      // esbuild names functions with a helper the page does not have: give it one.
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('before, during and after a short run, in both languages, both sizes, light and dark', async () => {
    // Idle screens, everywhere, and just above where the header turns compact (1180 px).
    for (const viewport of [...VIEWPORTS, { width: 1184, height: 720 }]) {
      await page.setViewportSize(viewport);
      for (const lang of LANGS) {
        await setLang(lang);
        const at = `${viewport.width}x${viewport.height}-${lang}`;
        await tab('build');
        await check(`${at}-build`);
        await tab('train');
        await check(`${at}-train-idle`);
        await tab('test');
        await check(`${at}-test-untrained`);
      }
    }

    // A short run at the smallest size, in French: checked while it trains, then with its results.
    await page.setViewportSize(VIEWPORTS[0]);
    await setLang('fr');
    await tab('train');
    await page.locator('#train-limit').selectOption('1000');
    await page.locator('#train-epochs').fill('1');
    await page.locator('#train-epochs').blur();
    await page.locator('main button.primary').first().click();
    const bar = page.getByRole('progressbar');
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
    await check('1024x768-fr-train-running');
    const matrix = page.getByRole('grid').or(page.getByRole('table')).first();
    await matrix.waitFor({ timeout: 60_000 });
    // A cell with mistakes in it opens its gallery.
    const cells = matrix.getByRole('button');
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const mistake = names.findIndex((n) => {
      const m = /(\d)\D+(\d)\D+(\d+)/.exec(n);
      return m !== null && m[1] !== m[2] && Number(m[3]) > 0;
    });
    expect(mistake).toBeGreaterThanOrEqual(0);
    await cells.nth(mistake).click();
    await expect.poll(() => page.locator('main img, main canvas').count(), { timeout: 20_000 }).toBeGreaterThan(2);

    // The save dialog, then a saved model with a long name, so the library has a row to lay out.
    await page.locator('header .models-bar button').first().click();
    const save = page.getByRole('dialog');
    await check('1024x768-fr-save');
    await save.locator('input').first().fill('Mon premier perceptron multicouche, entraîné sur mille images');
    await save.locator('button[type="submit"]').click();
    await save.waitFor({ state: 'detached' });
    // A digit on the pad, so Draw & test shows its prediction and the layers' activations.
    await tab('test');
    const pad = page.locator('#panel-test [role="img"]').first();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.05 * i));
    await page.mouse.up();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /\d/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Trained screens and the library, everywhere; dark once per size.
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const lang of LANGS) {
        await setLang(lang);
        const at = `${viewport.width}x${viewport.height}-${lang}`;
        const themes = lang === 'fr' ? (['light', 'dark'] as const) : (['light'] as const);
        for (const theme of themes) {
          await setTheme(theme);
          const where = `${at}-${theme}`;
          await tab('train');
          await check(`${where}-train-results`);
          await scrollToBottom();
          await check(`${where}-train-results-bottom`);
          await tab('build');
          await check(`${where}-build`);
          await tab('test');
          await check(`${where}-test`);
          // The digit drawn earlier is redrawn in this theme's ink (not the previous theme's, invisible on this pad).
          const { ink, wanted } = await page.evaluate(padInkMatchesTheme);
          expect(`rgb(${ink.slice(0, 3).join(', ')})`, where).toBe(wanted);
          await scrollToBottom();
          await check(`${where}-test-bottom`);
          await page.locator('header').getByRole('button', { name: lang === 'fr' ? 'Modèles' : 'Models', exact: true }).click();
          await page.getByRole('dialog').waitFor();
          await check(`${where}-library`);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'detached' });
        }
        await setTheme('light');
      }
    }
    // The CNN preset: more blocks, longer descriptions.
    await page.setViewportSize(VIEWPORTS[0]);
    await setLang('fr');
    await tab('build');
    await page.getByRole('button', { name: 'CNN', exact: true }).click();
    const confirm = page.locator('#panel-build button.primary');
    if (await confirm.count()) await confirm.first().click();
    await expect.poll(() => page.locator('#panel-build').textContent()).toContain('Conv2D');
    await check('1024x768-fr-build-cnn');
    await tab('train');
    await check('1024x768-fr-train-cnn');

    writeFileSync(join(shotsDir, 'problems.txt'), found.join('\n'));
    expect(found).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
