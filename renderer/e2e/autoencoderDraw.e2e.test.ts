/**
 * Draw & test for an autoencoder with a 2-number code, in real Chromium through the web bridge
 * and the real host: a model trained by the CLI (autoencoder2d, reconstruction, 3 epochs on
 * 5,000 MNIST images) straight into the library folder, opened from the library; a digit
 * drawn is rebuilt and its code shown as bars; two clicks on the decoder map (over MNIST's
 * test codes) give two different images. In English and in French, at 1024×768, light and dark.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { drawSeven } from './pageActions';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Pictures for the README with `npm run screenshots` (LAYERWISE_SCREENSHOTS=docs), else beside the build.
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

const TEXT = {
  en: {
    models: 'Models', library: 'Saved models', open: /^Open autoencoder2d/, tab: 'Draw & test', pad: 'Drawing pad',
    reconstruction: /^The reconstruction of your drawing/, code: 'The code: 2 numbers', map: /^Decoder map: .* with 2,000 test images/,
    theme: 'Theme', decoded: /^The image the decoder makes of the code/, code2: /z₁ = -?\d\.\d\d, z₂ = -?\d\.\d\d$/,
  },
  fr: {
    models: 'Modèles', library: 'Modèles enregistrés', open: /^Ouvrir autoencoder2d/, tab: 'Dessiner et tester', pad: 'Zone de dessin',
    reconstruction: /^La reconstruction de votre dessin/, code: 'Le code : 2 nombres', map: /^Carte du décodeur : .* avec 2 000 images de test/,
    theme: 'Thème', decoded: /^L’image que le décodeur fait du code/, code2: /z₁ = -?\d,\d\d, z₂ = -?\d,\d\d$/,
  },
} as const;

/** The pixels a canvas shows, as a data URL (the e2e tests compile without the DOM's types). */
const pixelsOf = (canvas: Locator) => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());

describe.each(['en', 'fr'] as const)('Draw & test for an autoencoder in Chromium (%s)', (lang) => {
  const text = TEXT[lang];
  let dir: string;
  let app: AppInChromium;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'layerwise-e2e-ae-'));
    execFileSync(process.execPath, [
      join(root, 'bin', 'layerwise.mjs'), 'train', '--arch', 'autoencoder2d', '--task', 'reconstruction',
      '--epochs', '3', '--limit', '5000', '--seed', '1', '--out', join(dir, 'models', 'autoencoder2d'),
    ], { cwd: root, stdio: 'pipe' });
    app = await openApp({ modelsDir: join(dir, 'models'), viewport: { width: 1024, height: 768 }, lang });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds a drawn digit, shows its code, and decodes two clicked codes into two different images', async () => {
    const page = app.page;
    await page.getByRole('button', { name: text.models, exact: true }).click();
    await page.getByRole('dialog', { name: text.library }).getByRole('button', { name: text.open }).click();
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: text.tab }).click();

    // The decoder map comes with the model, over the codes of MNIST's first 2,000 test images.
    const map = page.getByRole('group', { name: text.map });
    await map.waitFor({ timeout: 30_000 });

    const pad = page.getByRole('img', { name: text.pad });
    await drawSeven(page, pad);

    const reconstruction = page.getByRole('img', { name: text.reconstruction });
    await reconstruction.waitFor({ timeout: 20_000 });
    const meters = page.getByRole('list', { name: text.code }).getByRole('meter');
    expect(await meters.count()).toBe(2);
    expect(await meters.first().getAttribute('aria-valuetext')).toMatch(/^z₁ = -?\d/);
    // The reconstruction is an image, not black: the decoder drew something.
    expect(await pixelsOf(reconstruction)).not.toBe(await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { createElement(t: string): { width: number; height: number; getContext(k: string): { fillRect(...a: number[]): void; fillStyle: string }; toDataURL(): string } } }).document;
      const c = d.createElement('canvas');
      c.width = 28;
      c.height = 28;
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 28, 28);
      return c.toDataURL();
    }));

    await page.screenshot({ path: join(root, 'out', 'screenshots', `draw-autoencoder-top-${lang}.png`), animations: 'disabled' });

    // Two clicks far apart on the map: two codes, two images.
    const plane = map.getByRole('img');
    const area = (await plane.boundingBox())!;
    const decoded = page.getByRole('img', { name: text.decoded });
    await plane.click({ position: { x: area.width * 0.3, y: area.height * 0.3 } });
    await decoded.waitFor({ timeout: 20_000 });
    const firstName = await decoded.getAttribute('aria-label');
    const first = await pixelsOf(decoded);
    await plane.click({ position: { x: area.width * 0.8, y: area.height * 0.75 } });
    await expect.poll(() => decoded.getAttribute('aria-label'), { timeout: 20_000 }).not.toBe(firstName);
    await expect.poll(() => pixelsOf(decoded)).not.toBe(first);
    // The code is written the way the UI language writes numbers, in the label and in the fields.
    const field = await page.getByRole('textbox', { name: 'z₁' }).inputValue();
    expect(field).toMatch(/^-?\d/);
    expect(firstName).toMatch(text.code2);

    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(lang === 'en' ? shotsDir : join(root, 'out', 'screenshots'), `draw-autoencoder-${lang}.png`), fullPage: true });
    // Dark too: the map keeps fitting, and its points take the dark theme's colours.
    await page.getByRole('combobox', { name: text.theme }).selectOption('dark');
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    await page.screenshot({ path: join(root, 'out', 'screenshots', `draw-autoencoder-dark-${lang}.png`) });
    expect(app.pageErrors).toEqual([]);
  });
});
