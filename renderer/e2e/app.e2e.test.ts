/**
 * The whole app as a student uses it, in real Chromium, through the browser bridge and the
 * real engine host: build an MLP from an empty canvas by dragging blocks, train it (pause,
 * resume), read the confusion matrix and its gallery, save the model, reload, open it, draw
 * a digit, switch language and theme. Screenshots of the main screens go to
 * out/screenshots, or to docs/screenshots with LAYERWISE_SCREENSHOTS=docs
 * (`npm run screenshots`), which the README shows.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

/** The text of a progress bar's current value, as a number. */
async function progressValue(bar: Locator): Promise<number> {
  return Number(await bar.getAttribute('aria-valuenow'));
}

describe('Layerwise in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;
  /** Every request the page sends the host (the web bridge's WebSocket frames). */
  const sent: string[] = [];

  // Transitions fast-forwarded to their end: a probability bar caught mid-transition showed 98 % as a half bar.
  const shot = async (name: string) => page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-e2e-'));
    app = await openApp({
      modelsDir,
      viewport: { width: 1280, height: 800 },
      lang: 'en',
      prepare: (p) => void p.on('websocket', (ws) => ws.on('framesent', (f) => void (typeof f.payload === 'string' && sent.push(f.payload)))),
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('builds an MLP from an empty canvas by dragging blocks, with live shapes', async () => {
    await page.getByRole('button', { name: 'Empty', exact: true }).click();
    await page.getByRole('button', { name: 'Remove all layers' }).click();
    const network = page.getByRole('list', { name: 'Network', exact: true });
    await expect.poll(() => network.getByRole('listitem').count()).toBe(0);

    const palette = (name: string) => page.getByRole('button', { name, exact: true }).first();
    await palette('Flatten').dragTo(network);
    const output = page.locator('.end.output');
    await palette('Dense').dragTo(output);
    await palette('Dense').dragTo(output);
    await expect.poll(() => network.getByRole('listitem').count()).toBe(3);

    // The last Dense must give one score per digit: set its units in the inspector.
    await network.getByRole('listitem').nth(2).click();
    const units = page.getByLabel('Units (neurons)');
    await units.fill('10');
    await units.blur();
    await page.getByRole('combobox', { name: /^Activation/ }).selectOption('softmax');

    const items = network.getByRole('listitem');
    await expect.poll(() => items.nth(0).textContent()).toContain('784');
    await expect.poll(() => items.nth(1).textContent()).toContain('64');
    await expect.poll(() => items.nth(2).textContent()).toContain('10');
    // 784·64 + 64 + 64·10 + 10
    await expect.poll(() => page.locator('body').textContent()).toContain('50,890');
    await shot('build');
  });

  it('trains one run with live curves, pauses and resumes, and shows the confusion matrix and its gallery', async () => {
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByLabel('Training set size').selectOption('5000');
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByLabel('Batch size', { exact: true }).selectOption('8');
    const curves = page.locator('canvas').first();
    const before = await curves.screenshot();

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Training progress' });
    await expect.poll(() => progressValue(bar), { timeout: 60_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor({ timeout: 20_000 });
    const paused = await progressValue(bar);
    await page.waitForTimeout(1000);
    expect(await progressValue(bar)).toBe(paused);
    // The curves have grown since the start.
    expect((await curves.screenshot()).equals(before)).toBe(false);
    await shot('train');

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    const matrix = page.getByRole('grid', { name: 'Confusion matrix' }).or(page.getByRole('table', { name: 'Confusion matrix' }));
    await matrix.waitFor({ timeout: 180_000 });
    const cells = matrix.getByRole('button', { name: /^True \d, predicted \d: \d+ image/ });
    expect(await cells.count()).toBe(100);

    // An off-diagonal cell with mistakes in it opens a gallery of those digits.
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    const mistake = names.findIndex((n) => {
      const m = /True (\d), predicted (\d): (\d+)/.exec(n);
      return m !== null && m[1] !== m[2] && Number(m[3]) > 0;
    });
    expect(mistake).toBeGreaterThanOrEqual(0);
    await cells.nth(mistake).click();
    const gallery = page.getByRole('region', { name: 'Examples' }).or(page.getByRole('list', { name: 'Examples' }));
    await expect.poll(() => gallery.locator('img, canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot('results');
  }, 300_000);

  it('saves the model, and opens it again after a reload', async () => {
    await page.getByRole('button', { name: 'Save model', exact: true }).click();
    const save = page.getByRole('dialog', { name: 'Save the trained model' });
    await save.getByLabel('Name').fill('first MLP');
    await save.getByRole('button', { name: 'Save', exact: true }).click();
    await save.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const library = page.getByRole('dialog', { name: 'Saved models' });
    await library.getByRole('button', { name: /^Open first MLP/ }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('first MLP');
  });

  it('draws a digit and shows ten probabilities and a prediction', async () => {
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Draw & test' }).click();
    const pad = page.getByRole('img', { name: 'Drawing pad' });
    const box = (await pad.boundingBox())!;
    // A "1": one vertical stroke down the middle.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.05 * i));
    await page.mouse.up();

    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/Prediction: \d/);
    const bars = page.getByRole('list', { name: 'Probabilities' }).getByRole('meter');
    expect(await bars.count()).toBe(10);
    await shot('draw');
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
  });

  it('switches to French and to the dark theme', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect.poll(() => page.getByRole('tab').first().textContent()).toBe('Construire');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('fr');
    await page.getByRole('combobox', { name: 'Thème' }).selectOption('dark');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByRole('tab', { name: 'Construire' }).click();
    await shot('build-dark-fr');
    await page.getByRole('tab', { name: 'Entraîner' }).click();
    await shot('train-dark-fr');
    expect(app.pageErrors).toEqual([]);
  });

  it('reads “0,01” typed as the learning rate in French and trains at 0.01', async () => {
    const lr = page.getByLabel('Taux d’apprentissage', { exact: true });
    await lr.fill('');
    await lr.pressSequentially('0,01');
    expect(await lr.inputValue()).toBe('0,01');
    const starts = () => sent.filter((f) => f.includes('"train:start"'));
    const before = starts().length;
    await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
    await expect.poll(() => starts().length, { timeout: 20_000 }).toBe(before + 1);
    const request = JSON.parse(starts().at(-1)!) as { payload: { hyperparams: { learningRate: number } } };
    expect(request.payload.hyperparams.learningRate).toBe(0.01);
    const stop = page.getByRole('button', { name: 'Arrêter', exact: true });
    await expect.poll(() => stop.isEnabled(), { timeout: 60_000 }).toBe(true);
    await stop.click();
    await page.getByRole('button', { name: 'Entraîner', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
