/**
 * French and English. Every string the UI shows comes from a dictionary, looked up by a
 * dotted key (`training.start`); `{name}` placeholders are filled from params. The
 * language follows the system (French when it is French) until the user picks one, and
 * `?lang=en` / `?lang=fr` in the URL wins (browser bridge, tests).
 */
import { MESSAGES, type Lang } from './messages';

export const LANGS: readonly Lang[] = ['en', 'fr'];
const STORAGE_KEY = 'layerwise.lang';

export function detectLang(search: string, stored: string | null, navigatorLanguages: readonly string[]): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'fr') return fromUrl;
  if (stored === 'en' || stored === 'fr') return stored;
  return navigatorLanguages.some((l) => l.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

export class I18n {
  lang = $state<Lang>('en');

  constructor(lang?: Lang) {
    this.lang = lang ?? (typeof window === 'undefined'
      ? 'en'
      : detectLang(window.location.search, safeStorageGet(STORAGE_KEY), navigator.languages ?? [navigator.language]));
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    safeStorageSet(STORAGE_KEY, lang);
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  /** The message for `key` in the current language, placeholders filled; the key itself if missing (caught by the completeness test). */
  t = (key: string, params?: Record<string, string | number>): string => {
    const template = MESSAGES[this.lang][key] ?? MESSAGES.en[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? formatParam(params[name]!, this.lang) : m));
  };

  /** A number in the current language's notation (French: 97,5 and thin spaces). */
  number = (value: number, digits = 0): string =>
    value.toLocaleString(this.lang === 'fr' ? 'fr-FR' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  percent = (fraction: number, digits = 1): string => `${this.number(fraction * 100, digits)} %`;
}

function formatParam(v: string | number, lang: Lang): string {
  return typeof v === 'number' ? v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US') : v;
}

function safeStorageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeStorageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode, quota): the choice just isn't remembered.
  }
}

/** The app's one instance; components import it rather than threading it through props. */
export const i18n = new I18n();
export const t = i18n.t;
