import { describe, expect, it } from 'vitest';
import { CATALOG, formatMessage, formatSentence, joinMessages, MESSAGE_PARTS, msg } from './catalog';
import { fillTemplate, isMessage } from './message';

const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('message catalog', () => {
  it('has every message in English and French, non-empty, with the same placeholders', () => {
    expect(Object.keys(CATALOG).length).toBeGreaterThan(0);
    for (const [key, wording] of Object.entries(CATALOG)) {
      expect(wording.en.trim(), key).not.toBe('');
      expect(wording.fr.trim(), key).not.toBe('');
      expect(holes(wording.fr), key).toEqual(holes(wording.en));
    }
  });

  it('defines each key once, under its part\'s prefix', () => {
    const seen = new Set<string>();
    for (const [part, messages] of Object.entries(MESSAGE_PARTS)) {
      for (const key of Object.keys(messages)) {
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        expect(key.startsWith(`${part}.`), `${key} in part ${part}`).toBe(true);
      }
    }
  });

  it('writes numbers the language\'s way and words nested messages', () => {
    const t = (template: string, lang: 'en' | 'fr') =>
      fillTemplate(template, { n: 20_000_000, lr: 0.01, inner: msg('general.diskFull'), left: 'x' }, lang, (m) => formatMessage(m, lang));
    expect(t('{n} / {lr} / {left} / {missing}', 'en')).toBe('20,000,000 / 0.01 / x / {missing}');
    expect(t('{n} / {lr}', 'fr').replace(/\s/g, ' ')).toBe('20 000 000 / 0,01');
    expect(t('{inner}', 'fr')).toBe(CATALOG['general.diskFull']!.fr);
    expect(formatMessage({ key: 'no.such.key' })).toBe('no.such.key');
  });

  it('joins problems into one message and writes a sentence with a capital, but never capitalises a file name', () => {
    expect(joinMessages([])).toBeNull();
    const both = joinMessages([msg('train.epochs', { got: '0' }), msg('train.chunkSize')])!;
    expect(formatMessage(both)).toBe('epochs must be a whole number from 1 to 1000 (got 0). chunk size must be a whole number ≥ 1.');
    expect(formatSentence(both, 'fr')).toMatch(/^Le nombre d’époques .* la taille des morceaux/);
    expect(formatSentence(msg('data.inFile', { file: 'train-images', problem: msg('data.empty') }))).toMatch(/^train-images: the file is empty/);
  });

  it('recognises a message value', () => {
    expect(isMessage(msg('general.internal'))).toBe(true);
    expect(isMessage({ key: 1 })).toBe(false);
    expect(isMessage(null)).toBe(false);
    expect(isMessage({ key: 'a', params: null })).toBe(false);
  });
});
