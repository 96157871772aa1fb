/**
 * Models keep their data kind, in real Chromium through the web bridge and the real engine
 * host: train 2-8-2 on the circles, save it, switch the data to MNIST and reload, open the
 * model again: the Train tab is back on the circles and Draw & test shows the plane; a click
 * inside the inner disc and one on the outer ring give different classes.
 *
 * As in playground.e2e.test.ts, the 2-8-2 network and quick training settings are put in the
 * app's own storage before the page loads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { PLANE_NETWORK, planeSettings } from './planeKit';

/**
 * The plot's margins inside the plane's canvas (planeRenderer.ts MARGINS; the clicked coordinates are checked below), written out because
 * the e2e tests compile without the DOM's types, which planeRenderer.ts needs.
 */
const MARGINS = { left: 44, right: 10, top: 18, bottom: 36 };

describe('a saved 2-D model in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-planemodel-'));
    app = await openApp({
      modelsDir,
      viewport: { width: 1280, height: 800 },
      lang: 'en',
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(20) },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  /** The plane of Draw & test (the Train tab, kept in the page, has its own). */
  const drawPlane = () => page.locator('section.draw canvas.plane');

  /** Clicks the Draw & test plane at a fraction of its plot area; returns the point's coordinates as the fields show them, and the answer. */
  async function clickPlane(fx: number, fy: number): Promise<{ x1: number; x2: number; status: string }> {
    const plane = drawPlane();
    const box = (await plane.boundingBox())!;
    const width = box.width - MARGINS.left - MARGINS.right, height = box.height - MARGINS.top - MARGINS.bottom;
    const x1 = page.getByLabel('x₁', { exact: true }), x2 = page.getByLabel('x₂', { exact: true });
    const before = await x1.inputValue();
    await page.mouse.click(box.x + MARGINS.left + fx * width, box.y + MARGINS.top + fy * height);
    // The fields take the point and the request leaves in the same update; then its answer comes back.
    await expect.poll(() => x1.inputValue()).not.toBe(before);
    const result = page.locator('section.result');
    await expect.poll(() => result.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    const status = (await page.getByRole('status').textContent())!;
    expect(status).toMatch(/^Prediction: \d/);
    return { x1: Number(await x1.inputValue()), x2: Number(await x2.inputValue()), status };
  }

  it('trains on the circles, saves, reopens after a reload: the Train tab is back on the circles and Draw & test shows the plane', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Points in the plane/ }).check();
    await page.getByLabel('Points', { exact: true }).selectOption('circles');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('.results .big').waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: 'Save model', exact: true }).click();
    const save = page.getByRole('dialog', { name: 'Save the trained model' });
    await save.getByLabel('Name').fill('circles 2-8-2');
    await save.getByRole('button', { name: 'Save', exact: true }).click();
    await save.waitFor({ state: 'detached' });

    // Elsewhere meanwhile: MNIST, and a new page (no model in it).
    await page.getByRole('radio', { name: /^MNIST/ }).check();
    await page.reload();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const library = page.getByRole('dialog', { name: 'Saved models' });
    await library.getByRole('button', { name: /^Open circles 2-8-2/ }).click();
    await library.waitFor({ state: 'detached' });

    await page.locator('#tab-train').click();
    await expect.poll(() => page.getByRole('radio', { name: /Points in the plane/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Points', { exact: true }).inputValue()).toBe('circles');

    await page.getByRole('tab', { name: 'Draw & test' }).click();
    expect(await page.getByRole('img', { name: 'Drawing pad' }).count()).toBe(0);
    await expect.poll(() => drawPlane().getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('Decision regions of the network over the plane; 320 training points, 80 test points');
    expect(app.pageErrors).toEqual([]);
  }, 240_000);

  it('a click inside the disc and one on the ring give different classes, with their probabilities', async () => {
    const inside = await clickPlane(0.5, 0.5);
    expect(Math.hypot(inside.x1, inside.x2)).toBeLessThan(0.3);
    const ring = await clickPlane(0.88, 0.5);
    expect(Math.hypot(ring.x1, ring.x2)).toBeGreaterThan(0.8);
    expect(Math.hypot(ring.x1, ring.x2)).toBeLessThan(1.25);
    expect(inside.status).not.toBe(ring.status);
    const bars = page.getByRole('list', { name: 'Probabilities' }).getByRole('meter');
    expect(await bars.count()).toBe(2);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-planemodel-draw.png'), animations: 'disabled' });
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('fits 1024×768 in French, numbers written the French way', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.evaluate(afterLayout);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Prédiction : \d/);
    expect(await page.getByLabel('x₁', { exact: true }).inputValue()).toMatch(/^\d,\d+$/);
    expect(await page.locator('section.result .confidence').textContent()).toMatch(/confiance : \d+,\d %/);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-planemodel-draw-fr.png'), animations: 'disabled' });
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
