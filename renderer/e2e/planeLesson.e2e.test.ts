/**
 * Document 000's first lesson as a student does it, in real Chromium through the web bridge
 * and the real engine host, at 1024×768, in French then in English — nothing put in the
 * page's storage beforehand:
 * build 2 → Dense 8 tanh → Dense 2 softmax by drag-and-drop (the Input block set to 2
 * numbers), choose the circles, start paused and step one batch (the regions move), train
 * to the end (they move again; the test accuracy is shown), add points of one's own by
 * clicking on the plane, switch to MNIST and back (the points are still there).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { changedShare, planePixels } from './planeKit';

const PLANE = 'section.playground canvas.plane';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Pictures for the README with `npm run screenshots` (LAYERWISE_SCREENSHOTS=docs), else beside the build.
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

describe('the plane lesson in Chromium, in French and English', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  const shot = async (name: string) => page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-lesson-'));
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

  it('builds 2-8-2 by drag-and-drop on an input of 2 numbers', async () => {
    await page.getByRole('button', { name: 'Vide', exact: true }).click();
    await page.getByRole('button', { name: 'Retirer toutes les couches' }).click();
    const network = page.getByRole('list', { name: 'Réseau', exact: true });
    await expect.poll(() => network.getByRole('listitem').count()).toBe(0);

    // What one sample is: a point of the plane. Convolution no longer applies.
    await page.locator('button.end.input').click();
    await page.getByRole('radio', { name: '2 nombres (un point du plan)' }).check();
    await expect.poll(() => page.locator('button.end.input').textContent()).toContain('x₁, x₂');
    await expect.poll(() => page.getByRole('button', { name: 'Conv2D', exact: true }).first().getAttribute('aria-disabled')).toBe('true');

    const palette = (name: string) => page.getByRole('button', { name, exact: true }).first();
    await palette('Dense').dragTo(network);
    await palette('Dense').dragTo(page.locator('.end.output'));
    await expect.poll(() => network.getByRole('listitem').count()).toBe(2);

    const setDense = async (index: number, units: string, activation: string) => {
      await network.getByRole('listitem').nth(index).click();
      const field = page.getByLabel('Neurones (units)');
      await field.fill(units);
      await field.blur();
      await page.getByRole('combobox', { name: /^Activation/ }).selectOption(activation);
    };
    await setDense(0, '8', 'tanh');
    await setDense(1, '2', 'softmax');
    // 2·8 + 8 + 8·2 + 2 parameters.
    await expect.poll(() => page.locator('body').textContent()).toMatch(/Paramètres au total\s*42\b/);
    await fits();
  });

  it('steps one batch on the circles, then trains: the regions move each time', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Points du plan/ }).check();
    await page.getByLabel('Points', { exact: true }).selectOption('circles');
    const plane = page.locator('section.playground canvas.plane');
    await expect.poll(() => plane.getAttribute('aria-label')).toMatch(/320 points d’entraînement, 80 points de test/);

    await page.getByRole('checkbox', { name: 'Démarrer en pause (pas à pas)' }).check();
    await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
    const counter = page.locator('output.counter');
    await expect.poll(() => counter.textContent(), { timeout: 60_000 }).toBe('Pas 0 · époque 1');
    await expect.poll(() => plane.getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/^Régions de décision/);
    await page.evaluate(afterLayout);
    const untrained = await page.evaluate(planePixels, PLANE);

    await page.getByRole('button', { name: 'Un pas' }).click();
    await expect.poll(() => counter.textContent(), { timeout: 30_000 }).toBe('Pas 1 · époque 1');
    await expect.poll(async () => changedShare(untrained, await page.evaluate(planePixels, PLANE)), { timeout: 10_000 }).toBeGreaterThan(0);
    const afterStep = await page.evaluate(planePixels, PLANE);
    await fits();

    await page.getByRole('button', { name: 'Reprendre' }).click();
    const score = page.locator('.results .big');
    await score.waitFor({ timeout: 120_000 });
    await page.waitForTimeout(300);
    // Trained: the regions are far from where one batch left them.
    expect(changedShare(afterStep, await page.evaluate(planePixels, PLANE))).toBeGreaterThan(0.05);
    const accuracy = Number((await score.textContent())!.replace(/[^\d,]/g, '').replace(',', '.'));
    expect(accuracy).toBeGreaterThan(50);
    await fits();
    await shot('playground-fr');
  }, 180_000);

  it('adds points of one’s own, switches to MNIST and back, and reads the same in English', async () => {
    await page.getByLabel('Points', { exact: true }).selectOption('own');
    const plane = page.locator('section.playground canvas.plane');
    const box = (await plane.boundingBox())!;
    const at = (dx: number, dy: number) => plane.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    await page.getByRole('radio', { name: 'Classe 1' }).check();
    await at(-50, -50);
    await page.getByRole('radio', { name: 'Classe 2' }).check();
    await at(50, 50);
    const total = async () => ((await plane.getAttribute('aria-label'))!.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    await expect.poll(total).toBe(2);

    await page.getByRole('radio', { name: /^MNIST/ }).check();
    await expect.poll(() => page.locator('section.playground').count()).toBe(0);
    await page.getByRole('radio', { name: /Points du plan/ }).check();
    await expect.poll(() => page.getByLabel('Points', { exact: true }).inputValue()).toBe('own');
    await expect.poll(total).toBe(2);
    await fits();

    await page.locator('header .settings select').nth(0).selectOption('en');
    await expect.poll(() => page.getByRole('radio', { name: /Points in the plane/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Start paused (step by step)' }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Class 1' }).check();
    await at(-60, 40);
    await expect.poll(total).toBe(3);
    await fits();
    await page.locator('#tab-build').click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/Total parameters\s*42\b/);
    // The points ask for 2 outputs: the network is ready.
    await expect.poll(() => page.locator('.end.output').textContent()).not.toMatch(/problem/i);
    await page.locator('button.end.input').click();
    await fits();
    await shot('build-plane');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
