import { describe, expect, it } from 'vitest';
import { msg } from '$engine';
import { ApiError } from '../api';
import { LOST_CONNECTION } from '../transport/webSocketTransport';
import { detectLang, I18n } from './i18n.svelte';
import { PARTS } from './messages';

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    for (const [name, part] of Object.entries(PARTS)) {
      expect(Object.keys(part.fr).sort(), `part ${name}`).toEqual(Object.keys(part.en).sort());
      for (const key of Object.keys(part.en)) {
        expect(part.en[key]!.trim(), key).not.toBe('');
        expect(part.fr[key]!.trim(), key).not.toBe('');
        const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(holes(part.fr[key]!), key).toEqual(holes(part.en[key]!));
      }
    }
  });

  it('never defines a key in two parts', () => {
    const seen = new Map<string, string>();
    for (const [name, part] of Object.entries(PARTS)) {
      for (const key of Object.keys(part.en)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it('picks French for a French system, the URL over storage over the system', () => {
    expect(detectLang('', null, ['fr-CA', 'en'])).toBe('fr');
    expect(detectLang('', null, ['en-GB'])).toBe('en');
    expect(detectLang('', 'en', ['fr-FR'])).toBe('en');
    expect(detectLang('?lang=fr', 'en', ['en'])).toBe('fr');
    expect(detectLang('?lang=de', null, ['en'])).toBe('en');
  });

  it('fills placeholders and formats numbers per language', () => {
    const i = new I18n('fr');
    expect(i.t('common.error', { message: 'x' })).toBe('Un problème est survenu : x');
    expect(i.percent(0.9751)).toBe('97,5 %');
    i.lang = 'en';
    expect(i.percent(0.9751)).toBe('97.5 %');
    expect(i.t('no.such.key')).toBe('no.such.key');
  });

  it('words a failure from its detail (engine catalog or the UI\'s own keys), else shows its text', () => {
    const i = new I18n('fr');
    const lost = new ApiError('disconnected', LOST_CONNECTION, { key: 'common.connectionLost' });
    expect(i.errorText(lost)).toBe('La connexion au moteur de Layerwise est perdue ; rechargez la page.');
    const late = new ApiError('invalid-request', 'x', { key: 'general.sentences', params: { first: msg('train.epochs', { got: '0' }), next: msg('train.chunkSize') } });
    expect(i.errorText(late)).toMatch(/^Le nombre d’époques doit être un entier de 1 à 1000 \(reçu : 0\)\. la taille des morceaux/);
    expect(i.errorText(new Error('plain'))).toBe('plain');
    expect(i.errorText({ message: 'from an event' })).toBe('from an event');
    i.lang = 'en';
    expect(i.errorText(lost)).toBe(LOST_CONNECTION);
  });
});
