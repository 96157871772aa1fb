/**
 * The Train tab's "Inside the network" view in real Chromium through the web bridge and the
 * real engine host, at 1024×768: a deep sigmoid MLP (six Dense 32 sigmoid layers) trained on
 * MNIST shows vanishing gradients — its first layer's gradient orders of magnitude below its
 * last one's, most of its sigmoids saturated — and the same network with ReLU and He
 * initialization does not. The log charts fill as it trains; the view closes and its
 * measurements stop. Then in French: the words, the numbers with decimal commas, the charts.
 * Screenshots of both runs for docs/training.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Pictures for the docs with `npm run screenshots` (LAYERWISE_SCREENSHOTS=docs), else beside the build.
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

/** Six Dense 32 layers of one activation and initializer, then ten softmax outputs, as the builder stores it. */
const deepNetwork = (activation: string, init: string) => ({
  version: 1,
  spec: {
    input_shape: [28, 28, 1],
    layers: [
      { type: 'Flatten' },
      ...Array.from({ length: 6 }, () => ({ type: 'Dense', units: 32, activation, kernel_initializer: init })),
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
});
/** MNIST, 10,000 images, 5 epochs of plain SGD at 0.1 in batches of 32: a few seconds, a few dozen measurements. */
const SETTINGS = { version: 1, source: 'bundled', limit: 10000, epochs: 5, batchChoice: 32, learningRate: 0.1, optimizer: 'sgd' };

interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
/** Runs in the page: how many pixels of the chart's canvas are drawn (not transparent). */
function inkOf(which: string): number {
  const canvas = (globalThis as unknown as { document: { querySelector(s: string): Canvas | null } }).document.querySelector(`canvas[data-inside="${which}"]`)!;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
  return ink;
}

/** The measured kernel gradient size of each weighted layer's card, first to last. */
async function gradients(page: Page): Promise<number[]> {
  const values = await page.locator('#panel-train section.inside article[data-grad]').evaluateAll((cards) => cards.map((c) => Number((c as unknown as { dataset: { grad: string } }).dataset.grad)));
  return values;
}

/** The whole view in one picture: the window made tall enough for it, then put back to 1024×768. */
async function shoot(page: Page, section: Locator, file: string): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 1500 });
  await page.evaluate(afterLayout);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(shotsDir, file) });
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function trainAndWatch(page: Page, trainName: string, done: RegExp): Promise<void> {
  await page.getByRole('button', { name: trainName, exact: true }).click();
  await expect.poll(() => page.locator('#panel-train section.inside article').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByText(done).count(), { timeout: 120_000 }).toBeGreaterThan(0);
  await page.evaluate(afterLayout);
}

describe('the inside-the-network view in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium | undefined;
  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('shows vanishing gradients in a deep sigmoid MLP, and ReLU with He initialization fixing them (English)', async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-inside-'));
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang: 'en',
      stored: { network: deepNetwork('sigmoid', 'glorot_uniform'), trainingSettings: SETTINGS },
    });
    const { page } = app;
    await page.locator('#tab-train').click();
    const section = page.getByRole('region', { name: 'Inside the network' });
    await section.getByRole('checkbox', { name: 'Show what happens inside the network while it trains' }).check();
    await expect.poll(() => section.getByText('Train the network to see its layers from the inside.').count()).toBe(1);
    await page.evaluate(afterLayout);
    const emptyInk = await page.evaluate(inkOf, 'grad');

    await trainAndWatch(page, 'Train', /Test accuracy/);
    // The charts filled: many more pixels drawn than the empty axes.
    expect(await page.evaluate(inkOf, 'grad')).toBeGreaterThan(emptyInk * 1.2);
    expect(await page.evaluate(inkOf, 'ratio')).toBeGreaterThan(emptyInk * 1.2);
    const sigmoid = await gradients(page);
    expect(sigmoid).toHaveLength(7);
    // Vanishing: the first layer's gradient is far below the last one's.
    expect(sigmoid[0]! / sigmoid.at(-1)!).toBeLessThan(0.01);
    const firstCard = section.getByRole('article', { name: 'dense_1 (sigmoid)' });
    expect(await firstCard.textContent()).toMatch(/Saturated: \d+ %/);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await shoot(page, section, 'inside-sigmoid.png');
    // In Build, the first hidden layer's activation explorer shows the z that went into it, from the same measurements.
    await page.locator('#tab-build').click();
    await page.getByRole('list', { name: 'Network' }).getByRole('listitem').nth(1).click();
    await expect.poll(() => page.getByRole('img', { name: 'Histogram of the inputs z of dense_1’s activation, latest batch' }).count()).toBe(1);
    await page.locator('#tab-train').click();

    // The same network with ReLU and He initialization, as a student would change it in Build.
    await page.evaluate((network) => {
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('layerwise.network.v1', JSON.stringify(network));
    }, deepNetwork('relu', 'he_normal'));
    await page.reload();
    await page.locator('#tab-train').click();
    // The view's choice is the window's: reopened after the reload.
    await section.getByRole('checkbox', { name: 'Show what happens inside the network while it trains' }).check();
    await trainAndWatch(page, 'Train', /Test accuracy/);
    const relu = await gradients(page);
    expect(relu[0]! / relu.at(-1)!).toBeGreaterThan(0.1);
    expect(await section.getByRole('article', { name: 'dense_1 (relu)' }).textContent()).toMatch(/Dead units: \d+ %/);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await shoot(page, section, 'inside-relu.png');

    // Closed, the view asks for nothing: a run trained meanwhile sends no measurements, so
    // reopened after it, the view still waits for a run.
    const toggle = section.getByRole('checkbox', { name: 'Show what happens inside the network while it trains' });
    await toggle.uncheck();
    await expect.poll(() => section.locator('article').count()).toBe(0);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).isEnabled(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
    await toggle.check();
    await expect.poll(() => section.getByText('Train the network to see its layers from the inside.').count()).toBe(1);
    expect(await section.locator('article').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);

  it('speaks French, numbers included, and fills its charts while training', async () => {
    await app?.close();
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang: 'fr',
      stored: { network: deepNetwork('sigmoid', 'glorot_uniform'), trainingSettings: SETTINGS },
    });
    const { page } = app;
    await page.locator('#tab-train').click();
    const section = page.getByRole('region', { name: 'L’intérieur du réseau' });
    await section.getByRole('checkbox', { name: 'Montrer ce qui se passe dans le réseau pendant l’entraînement' }).check();
    await page.evaluate(afterLayout);
    const emptyInk = await page.evaluate(inkOf, 'grad');
    await trainAndWatch(page, 'Entraîner', /Exactitude au test/);
    expect(await page.evaluate(inkOf, 'grad')).toBeGreaterThan(emptyInk * 1.2);
    expect(await section.getByRole('heading', { name: /^Couches, lot [\d\s  ]+$/ }).count()).toBe(1);
    const card = await section.getByRole('article', { name: 'dense_1 (sigmoid)' }).textContent();
    expect(card).toMatch(/Saturées : \d+ %/);
    // A decimal comma, never a point, in the sizes.
    expect(card).toMatch(/‖∂L\/∂kernel‖ = \d+,\d+/);
    expect(card).not.toMatch(/\d\.\d/);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
