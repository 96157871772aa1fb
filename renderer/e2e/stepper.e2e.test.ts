/**
 * The backpropagation stepper on the 2-2-1 network of the course's document 004 (two sigmoid
 * units, one sigmoid output, no biases), in real Chromium through the web bridge and the real
 * engine host, at 1024×768, in French then in English: choose the circles, take a point, step
 * Forward, Backward, Update, and read the accessible tables. Every ∂L/∂w of the hidden layer is
 * checked against the course's formula ∂L/∂w_{i,j} = w_i · X_j · A_i(1 − A_i)(ŷ − y), computed
 * here from the other numbers of the tables; every update against w − α·∂L/∂w. The whole step
 * fits on one screen. Screenshots: stepper-fr.png / stepper-en.png (docs/screenshots with
 * LAYERWISE_SCREENSHOTS=docs, else out/screenshots).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { afterLayout, layoutProblems } from './layoutFit';
import { planeSettings } from './planeKit';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shotsDir = process.env['LAYERWISE_SCREENSHOTS'] === 'docs' ? join(root, 'docs', 'screenshots') : join(root, 'out', 'screenshots');

/** Document 004's network, as the builder stores it (networkStorage.ts). */
const DOC_004_NETWORK = {
  version: 1,
  spec: {
    input_shape: [2],
    layers: [
      { type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false },
      { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false },
    ],
  },
};

interface TablePage {
  document: { querySelectorAll(s: string): ArrayLike<{ querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }> };
}

/** Runs in the page: every row of the stepper's tables, symbol → value as written. */
function stepperTables(): [string, string][] {
  const doc = (globalThis as unknown as TablePage).document;
  const out: [string, string][] = [];
  for (const row of Array.from(doc.querySelectorAll('#panel-step table tbody tr'))) {
    const cells = Array.from(row.querySelectorAll('th, td'));
    out.push([cells[0]!.textContent!.trim(), cells[2]!.textContent!.trim()]);
  }
  return out;
}

/** A number as the page writes it in either language. */
const readNumber = (text: string, lang: 'fr' | 'en') => {
  if (lang === 'fr') expect(text).not.toMatch(/\d\.\d/);
  return Number(text.replace('−', '-').replace(',', '.'));
};

describe('the stepper on the 2-2-1 network of document 004, in Chromium', () => {
  let modelsDir: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    modelsDir = mkdtempSync(join(tmpdir(), 'layerwise-stepper-'));
    app = await openApp({
      modelsDir, viewport: { width: 1024, height: 768 }, lang: 'fr',
      stored: { network: DOC_004_NETWORK, trainingSettings: { ...planeSettings(5), learningRate: 0.5, optimizer: 'sgd' } },
    });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  async function checkStep(lang: 'fr' | 'en') {
    const values = new Map(await page.evaluate(stepperTables));
    const n = (sym: string) => {
      const text = values.get(sym);
      expect(text, sym).toBeDefined();
      return readNumber(text!, lang);
    };
    const y = n('y₁'), yHat = n('ŷ₁'), alpha = n('α');
    expect(alpha).toBe(0.5);
    expect(y === 0 || y === 1).toBe(true);
    // The output's δ: binary cross-entropy after a sigmoid gives ŷ − y.
    expect(n('∂L/∂z₁⁽²⁾')).toBeCloseTo(yHat - y, 4);
    for (const i of [1, 2]) {
      const s = i === 1 ? '₁' : '₂';
      const A = n(`A${s}⁽¹⁾`), wi = n(`w₁,${s}⁽²⁾`);
      expect(n(`∂L/∂w₁,${s}⁽²⁾`)).toBeCloseTo((yHat - y) * A, 4);
      for (const j of [1, 2]) {
        const t = j === 1 ? '₁' : '₂';
        const X = n(`X${t}`);
        // Document 004: ∂L/∂w_{i,j} = w_i · X_j · A_i(1 − A_i)(ŷ − y).
        expect(n(`∂L/∂w${s},${t}⁽¹⁾`)).toBeCloseTo(wi * X * A * (1 - A) * (yHat - y), 4);
        expect(n(`w${s},${t}⁽¹⁾ ←`)).toBeCloseTo(n(`w${s},${t}⁽¹⁾`) - alpha * n(`∂L/∂w${s},${t}⁽¹⁾`), 4);
      }
    }
    expect(n('L ←')).toBeLessThan(n('L'));
  }

  async function fitsOneScreen() {
    await page.evaluate(afterLayout);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    // The whole step on one screen: no column scrolls.
    const scrolled = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ scrollHeight: number; clientHeight: number }> } }).document;
      return Array.from(doc.querySelectorAll('#panel-step .column')).filter((c) => c.scrollHeight > c.clientHeight + 1).length;
    });
    expect(scrolled).toBe(0);
    // The header, one tab longer, still shows every button's label whole.
    const clipped = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ scrollWidth: number; clientWidth: number; textContent: string | null }> } }).document;
      return Array.from(doc.querySelectorAll('header .models-bar, header .models-bar button, header .tabs')).filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent);
    });
    expect(clipped).toEqual([]);
  }

  it('in French: a point of the circles, Forward, Backward, Update, the numbers as document 004 computes them', async () => {
    await page.locator('#tab-train').click();
    await page.getByRole('radio', { name: /Points du plan/ }).check();
    await page.getByLabel('Points', { exact: true }).selectOption('circles');
    await page.getByRole('tab', { name: 'Pas à pas' }).click();
    await page.getByRole('button', { name: 'Prendre cet exemple' }).click();
    await page.getByRole('region', { name: 'L’exemple X et sa cible y' }).waitFor();

    await page.getByRole('button', { name: 'Propagation', exact: true }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Couche 1 · Dense (sigmoid) · propagation' }).getAttribute('aria-current')).toBe('step');
    await page.getByRole('button', { name: 'Suivante ▶' }).click();
    await page.getByRole('button', { name: 'Suivante ▶' }).click();
    await page.getByRole('region', { name: 'La perte L et ∂L/∂ŷ' }).waitFor();
    await page.getByRole('button', { name: 'Rétropropagation', exact: true }).click();
    await page.getByRole('region', { name: 'Couche 2 · Dense (sigmoid) · rétropropagation' }).waitFor();
    await page.getByRole('button', { name: 'Mise à jour', exact: true }).click();
    await page.getByRole('region', { name: 'Mise à jour : w ← w − α·∂L/∂w' }).waitFor();

    await checkStep('fr');
    await fitsOneScreen();
    await page.screenshot({ path: join(shotsDir, 'stepper-fr.png'), animations: 'disabled' });
  });

  it('in English, the same step on another point', async () => {
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByLabel('Sample no.').fill('7');
    await page.getByRole('button', { name: 'Take this sample' }).click();
    await expect.poll(() => page.locator('#panel-step .sample').textContent()).toContain('Sample 7 of the training data');
    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.getByRole('region', { name: 'Update: w ← w − α·∂L/∂w' }).waitFor();
    await checkStep('en');
    await fitsOneScreen();
    await page.screenshot({ path: join(shotsDir, 'stepper-en.png'), animations: 'disabled' });
  });
});
