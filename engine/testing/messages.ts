import { expect } from 'vitest';
import { CATALOG, formatMessage, type Message } from '../messages';

/**
 * Checks a message a user would read: its key (and every nested message's key) is in the
 * catalog, both languages fill every hole, and the French is not the English left as is.
 */
export function expectWorded(m: Message | undefined | null, label: string): void {
  expect(m, label).toBeTruthy();
  const keys = (x: Message): string[] => [x.key, ...Object.values(x.params ?? {}).flatMap((v) => (typeof v === 'object' ? keys(v) : []))];
  for (const key of keys(m!)) expect(CATALOG[key], `${label}: ${key}`).toBeDefined();
  const en = formatMessage(m!, 'en'), fr = formatMessage(m!, 'fr');
  expect(en, label).not.toMatch(/\{\w+\}/);
  expect(fr, label).not.toMatch(/\{\w+\}/);
  expect(fr, label).not.toBe(en);
}

/** What `f` throws, worded in `lang` from the catalog message it carries (fails if it does not throw). */
export function thrownMessage(f: () => unknown, lang: 'en' | 'fr' = 'en'): string {
  try {
    f();
  } catch (e) {
    return formatMessage((e as { detail: Message }).detail, lang);
  }
  throw new Error('did not throw');
}
