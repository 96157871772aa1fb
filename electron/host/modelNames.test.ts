import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanModelName, idMatchesSlug, MODEL_ID, modelFolder, sameName, slugFor, uniqueId, uniqueName } from './modelNames';

describe('cleanModelName', () => {
  it('trims, collapses whitespace and strips control characters and path separators', () => {
    expect(cleanModelName('  My   first\tnet \n')).toBe('My first net');
    expect(cleanModelName('a\u0000b\u001bc\u007f')).toBe('abc');
    expect(cleanModelName('evil\u202Egnp.exe')).toBe('evilgnp.exe');
    expect(cleanModelName('../../etc/passwd')).toBe('.. .. etc passwd');
    expect(cleanModelName('C:\\Windows\\System32')).toBe('C: Windows System32');
    expect(cleanModelName('Réseau à 2 couches')).toBe('Réseau à 2 couches');
  });

  it('refuses a name with nothing left', () => {
    expect(() => cleanModelName(' \u0000 / \\ ')).toThrow('A model needs a name.');
  });
});

describe('slugFor', () => {
  it('derives a plain lowercase id', () => {
    expect(slugFor('My CNN (v2)')).toBe('my-cnn-v2');
    expect(slugFor('Réseau à 2 couches')).toBe('reseau-a-2-couches');
    expect(slugFor('.. .. etc passwd')).toBe('etc-passwd');
    expect(slugFor('数字')).toBe('model');
    expect(slugFor('CON')).toBe('con-model');
    expect(slugFor('x'.repeat(200))).toHaveLength(60);
    for (const name of ['../../etc/passwd', '---', 'a-', ' LPT1 ', 'x'.repeat(80)]) expect(slugFor(name)).toMatch(MODEL_ID);
  });
});

describe('unique ids and names', () => {
  it('adds a numeric suffix until free', async () => {
    const taken = new Set(['net', 'net-2']);
    expect(await uniqueId('net', (id) => taken.has(id))).toBe('net-3');
    expect(await uniqueId('other', (id) => taken.has(id))).toBe('other');
    expect(idMatchesSlug('net-3', 'net')).toBe(true);
    expect(idMatchesSlug('net', 'net')).toBe(true);
    expect(idMatchesSlug('net-x', 'net')).toBe(false);
    expect(idMatchesSlug('network', 'net')).toBe(false);
  });

  it('numbers names ignoring case, within 80 characters', () => {
    expect(uniqueName('Net', ['net', 'Net (2)'])).toBe('Net (3)');
    expect(uniqueName('Fresh', ['net'])).toBe('Fresh');
    expect(uniqueName('y'.repeat(80), ['y'.repeat(80)])).toBe(`${'y'.repeat(76)} (2)`);
    expect(sameName('ABC', 'abc')).toBe(true);
  });
});

describe('modelFolder', () => {
  it('resolves ids inside the library only', () => {
    expect(modelFolder('/lib/models', 'my-net')).toBe(path.resolve('/lib/models/my-net'));
    for (const bad of ['..', '../x', 'a/b', '', '.hidden', 'A', 'a\\b', 'x'.repeat(81)]) {
      expect(() => modelFolder('/lib/models', bad)).toThrow('That is not a model id.');
    }
  });
});
