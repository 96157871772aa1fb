/**
 * Watched training in real Chromium through the web bridge and the real engine host, at
 * 1024×768 in English: the circles, a 2-8-2 tanh network, Start paused; One step trains
 * one batch (the counter says Step 1 and the plane's heat map changes), One epoch the rest
 * of the first epoch (the counter jumps, the map changes again), and the controls fit.
 *
 * The network and settings are put in the app's own storage before the page loads, as in
 * playground.e2e.test.ts: 5 epochs, batch 16, Adam at 0.05.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { changedShare, planePixels, PLANE_NETWORK, planeSettings } from './planeKit';

const PLANE = 'section.playground canvas.plane';

describe('watched training in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-watch-'));
    app = await openApp({
      modelsDir,
      viewport: { width: 1024, height: 768 },
      lang: 'en',
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(5) },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('starts the circles in step mode: One step moves the counter to 1 and the heat map, One epoch to the end of the epoch', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Points in the plane/ }).check();
    await page.getByLabel('Points', { exact: true }).selectOption('circles');
    const plane = page.locator('canvas.plane');
    await expect.poll(() => plane.getAttribute('aria-label')).toMatch(/320 training points, 80 test points/);

    await page.getByRole('checkbox', { name: 'Start paused (step by step)' }).check();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const counter = page.locator('output.counter');
    await expect.poll(() => counter.textContent(), { timeout: 60_000 }).toBe('Step 0 · epoch 1');
    // The untrained network's regions are drawn before any step.
    await expect.poll(() => plane.getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/^Decision regions/);
    await page.evaluate(afterLayout);
    const untrained = await page.evaluate(planePixels, PLANE);
    // Paused: nothing moves on its own.
    await page.waitForTimeout(300);
    expect(changedShare(untrained, await page.evaluate(planePixels, PLANE))).toBe(0);
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    const oneStep = page.getByRole('button', { name: 'One step' });
    await oneStep.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => counter.textContent(), { timeout: 30_000 }).toBe('Step 1 · epoch 1');
    await expect.poll(async () => changedShare(untrained, await page.evaluate(planePixels, PLANE)), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => oneStep.isEnabled()).toBe(true);
    const afterStep = await page.evaluate(planePixels, PLANE);

    await page.getByRole('button', { name: 'One epoch' }).click();
    // 320 points, a tenth held out for validation: 288 in batches of 16, 18 steps an epoch.
    await expect.poll(() => counter.textContent(), { timeout: 30_000 }).toBe('Step 18 · epoch 1');
    await expect.poll(async () => changedShare(afterStep, await page.evaluate(planePixels, PLANE)), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('.buttons .status').textContent()).toBe('Paused.');
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-watch-en.png'), fullPage: true });
    // In French too (longer labels), still fitting.
    await page.locator('header .settings select').nth(0).selectOption('fr');
    await expect.poll(() => page.getByRole('button', { name: 'Un pas' }).count()).toBe(1);
    expect(await counter.textContent()).toBe('Pas 18 · époque 1');
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-watch-fr.png'), fullPage: true });
    await page.locator('header .settings select').nth(0).selectOption('en');

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
