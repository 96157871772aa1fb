/**
 * Points in the plane, in real Chromium through the web bridge and the real engine host,
 * in French at 1024×768: choose the circles, train a 2-8-2 tanh network, watch the plane's
 * regions appear and change while it trains, read the test accuracy; the screen fits in
 * French and in English. Screenshots go to the system's temp folder (layerwise-playground-*.png).
 *
 * The builder's Input block cannot yet be set to 2 numbers, so the 2-8-2 network is put in
 * the app's own network storage (renderer/src/features/builder/networkStorage.ts) before
 * the page loads, as a network the student built and left would be; the training settings
 * likewise (settingsStorage.ts): 20 epochs, batch 16, Adam at 0.05. The Train tab's plane is
 * `.playground canvas.plane`: Draw & test, kept in the page, has its own once a model reads 2 numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { changedShare, PLANE_NETWORK, planeSettings } from './planeKit';

// The e2e tests compile without the DOM's types (they run in Node): the few page shapes used here.
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface PlanePage {
  document: { querySelector(selector: string): Canvas | null };
  requestAnimationFrame(callback: () => void): number;
  planeBefore: number[];
  planeFirst: number[] | null;
}

/** Runs in the page: samples the plane's canvas every animation frame and keeps the first picture that differs from the one before training. */
function watchPlane(): void {
  const w = globalThis as unknown as PlanePage;
  const canvas = w.document.querySelector('.playground canvas.plane')!;
  const read = () => Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
  const before = read();
  w.planeBefore = before;
  w.planeFirst = null;
  const look = () => {
    const now = read();
    if (now.some((v, i) => v !== before[i])) w.planeFirst = now;
    else w.requestAnimationFrame(look);
  };
  w.requestAnimationFrame(look);
}

describe('the 2-D playground in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;
  const planeFrames: number[] = [];

  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-playground-'));
    app = await openApp({
      modelsDir,
      viewport: { width: 1024, height: 768 },
      lang: 'fr',
      stored: { network: PLANE_NETWORK, trainingSettings: planeSettings(20) },
      prepare: (p) => {
        p.on('websocket', (ws) => ws.on('framereceived', (f) => {
          if (typeof f.payload === 'string' && f.payload.includes('"type":"plane"')) planeFrames.push(f.payload.length);
        }));
      },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('trains 2-8-2 on the circles: the regions appear, change while training, and the test accuracy is at least 90 %', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Points du plan/ }).check();
    await page.getByLabel('Points', { exact: true }).selectOption('circles');
    const plane = page.locator('.playground canvas.plane');
    await expect.poll(() => plane.getAttribute('aria-label')).toBe('Le plan (x₁, x₂) ; 320 points d’entraînement, 80 points de test');

    // Fits the smallest screen, in French, with the plane shown.
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    await page.evaluate(watchPlane);
    await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
    const score = page.locator('.results .big');
    await score.waitFor({ timeout: 120_000 });
    await expect.poll(() => plane.getAttribute('aria-label')).toMatch(/^Régions de décision du réseau sur le plan/);
    // The last picture is the finished model's (predict:plane): wait until drawn.
    await page.evaluate(afterLayout);
    await page.waitForTimeout(300);

    const { before, first, end } = await page.evaluate(() => {
      const w = globalThis as unknown as PlanePage;
      const canvas = w.document.querySelector('.playground canvas.plane')!;
      const end = Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
      return { before: w.planeBefore, first: w.planeFirst, end };
    });
    expect(planeFrames.length).toBeGreaterThan(0);
    expect(first).not.toBeNull();
    // Regions now cover the plane, and they moved between the first frame and the end.
    expect(changedShare(before, end)).toBeGreaterThan(0.3);
    expect(changedShare(first!, end)).toBeGreaterThan(0.05);

    const text = (await score.textContent())!;
    const accuracy = Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
    expect(accuracy).toBeGreaterThanOrEqual(90);

    // The network and its hidden units are drawn beside the plane (8 tanh units: one map each).
    await expect.poll(() => page.getByRole('img', { name: 'Schéma du réseau 2 → 8 → 2' }).count()).toBe(1);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-playground-fr.png'), fullPage: true });
    // And in English (other label lengths).
    await page.locator('header .settings select').nth(0).selectOption('en');
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'layerwise-playground-en.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('adds the student’s own points by clicking on the plane, keeps them after a reload, and fits', async () => {
    await page.locator('header .settings select').nth(0).selectOption('fr');
    await page.getByLabel('Points', { exact: true }).selectOption('own');
    const plane = page.locator('.playground canvas.plane');
    const box = (await plane.boundingBox())!;
    const at = (dx: number, dy: number) => plane.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    await page.getByRole('radio', { name: 'Classe 1' }).check();
    await at(-60, -60);
    await at(-40, -70);
    await page.getByRole('radio', { name: 'Classe 2' }).check();
    await at(60, 60);
    await at(70, 40);
    const total = async () => ((await plane.getAttribute('aria-label'))!.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    await expect.poll(total).toBe(4);
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    await page.reload();
    await page.locator('#tab-train').click();
    await expect.poll(() => page.getByLabel('Points', { exact: true }).inputValue()).toBe('own');
    await expect.poll(total).toBe(4);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
