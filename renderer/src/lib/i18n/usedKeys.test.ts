import { describe, expect, it } from 'vitest';
import { CATALOG } from '$engine';
import { MESSAGES } from './messages';
import { isDefined, usedKeys } from './usedKeys';

/** Every renderer source file but the tests (and the scanner, whose comments show keys), as text (Vite reads them; the renderer imports no Node). */
const SOURCES = import.meta.glob(['../../**/*.ts', '../../**/*.svelte', '!../../**/*.test.ts', '!./usedKeys.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** A key exists in a language when the UI's dictionary or the engine's catalog has it. */
const inLang = (lang: 'en' | 'fr'): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(CATALOG).map(([k, w]) => [k, w[lang]])),
  ...MESSAGES[lang],
});
const EN = inLang('en'), FR = inLang('fr');

describe('message keys used by the renderer', () => {
  it('finds literal keys, key fields and template-literal prefixes', () => {
    const source = `t('training.nonexistent'); i18n.t("common.error", { message }); t(\`training.loss.\${l}\`); p = { key: 'training.problem.epochs' }; x.t('no')`;
    expect(usedKeys(source)).toEqual([
      { key: 'training.nonexistent', prefix: false }, { key: 'common.error', prefix: false },
      { key: 'training.problem.epochs', prefix: false }, { key: 'training.loss.', prefix: true },
    ]);
    const [missing, ...present] = usedKeys(source);
    expect(isDefined(missing!, EN, FR)).toBe(false);
    for (const u of present) expect(isDefined(u, EN, FR), u.key).toBe(true);
    expect(isDefined({ key: 'training.nosuchpart.', prefix: true }, EN, FR)).toBe(false);
    // A key in one language only is missing.
    expect(isDefined({ key: 'only.en', prefix: false }, { 'only.en': 'x' }, {})).toBe(false);
  });

  it('exist in English and French, in the UI dictionaries or the engine catalog', () => {
    const files = Object.keys(SOURCES);
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.endsWith('.svelte'))).toBe(true);
    const missing: string[] = [];
    let seen = 0;
    for (const [file, source] of Object.entries(SOURCES)) {
      for (const used of usedKeys(source)) {
        seen++;
        if (!isDefined(used, EN, FR)) missing.push(`${file}: ${used.key}${used.prefix ? '…' : ''}`);
      }
    }
    expect(seen).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });
});
