/**
 * The model library with damaged models, in real Chromium through the browser bridge and
 * the real host: a model whose weights are a link out of the models folder, and one
 * whose weights are a FIFO, are listed as damaged with their reason in the UI language,
 * offer only Delete, and deleting one removes the link, never what it points to.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppInChromium } from '../../electron/web/browserTestKit';
import { Rng, Network, PRESETS } from '../../engine';
import { saveModel } from '../../engine/node';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('The model library in Chromium, with damaged models', () => {
  let dir: string;
  let modelsDir: string;
  let outside: string;
  let app: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'layerwise-e2e-library-'));
    modelsDir = join(dir, 'models');
    outside = join(dir, 'outside');
    mkdirSync(outside);
    const meta = { appVersion: 'e2e', createdAt: '2025-03-01T10:00:00.000Z', testAccuracy: 0.9 };
    for (const [id, name] of [['good', 'Good net'], ['linked', 'Linked net'], ['piped', 'Piped net']]) {
      await saveModel(join(modelsDir, id!), Network.fromSpec(PRESETS.mlp, new Rng(1)), { ...meta, name: name! });
    }
    renameSync(join(modelsDir, 'linked', 'weights.bin'), join(outside, 'weights.bin'));
    symlinkSync(join(outside, 'weights.bin'), join(modelsDir, 'linked', 'weights.bin'));
    unlinkSync(join(modelsDir, 'piped', 'weights.bin'));
    execFileSync('mkfifo', [join(modelsDir, 'piped', 'weights.bin')]);

    app = await openApp({ modelsDir, viewport: { width: 1024, height: 768 }, lang: 'fr' });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks damaged models with their reason and offers only Delete, which removes the link alone', async () => {
    await page.getByRole('button', { name: 'Modèles', exact: true }).click();
    const library = page.getByRole('dialog', { name: 'Modèles enregistrés' });
    const row = (name: string) => library.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });

    await expect.poll(() => row('Linked net').textContent()).toContain('weights.bin est un lien vers un autre emplacement');
    expect(await row('Linked net').textContent()).toContain('endommagé');
    // Its name and date still come from its model.json.
    expect(await row('Linked net').textContent()).toContain('1 mars 2025');
    expect(await row('Piped net').textContent()).toContain('weights.bin n’est pas un fichier ordinaire');
    expect(await row('Linked net').getByRole('button').allTextContents()).toEqual(['Supprimer']);
    // Open, Rename, Export…, Code…, Delete.
    expect(await row('Good net').getByRole('button').count()).toBe(5);
    // At 1024×768 the dialog shows the reason without a horizontal scroll.
    const wrap = library.locator('.table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: join(root, 'out', 'library-damaged-fr.png') });

    // Export as code asks the format first, in French, and still fits without a horizontal scroll.
    await row('Good net').getByRole('button', { name: /^Code… Good net/ }).click();
    await expect.poll(() => library.textContent()).toContain('Écrire « Good net » comme script Python');
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: join(root, 'out', 'library-code-fr.png') });
    await library.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => library.textContent()).not.toContain('Écrire « Good net »');

    await row('Linked net').getByRole('button', { name: /^Supprimer Linked net/ }).click();
    await library.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await expect.poll(() => row('Linked net').count()).toBe(0);
    expect(readdirSync(modelsDir).sort()).toEqual(['good', 'piped']);
    expect(readdirSync(outside)).toEqual(['weights.bin']);
    expect(app.pageErrors).toEqual([]);
  });
});
