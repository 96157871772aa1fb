/**
 * French and English. Every string the UI shows comes from a dictionary, looked up by a
 * dotted key (`training.start`); `{name}` placeholders are filled from params. The
 * language follows the system (French when it is French) until the user picks one, and
 * `?lang=en` / `?lang=fr` in the URL wins (browser bridge, tests).
 */
import { CATALOG, fillTemplate, formatSentence, isMessage, type Message } from '$engine';
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

  /**
   * The message for `key` in the current language, placeholders filled (numbers written
   * the language's way); the UI's dictionaries first, then the engine's message catalog;
   * the key itself if missing (caught by the completeness tests).
   */
  t = (key: string, params?: Record<string, string | number | Message>): string => {
    const template = MESSAGES[this.lang][key] ?? CATALOG[key]?.[this.lang] ?? MESSAGES.en[key] ?? key;
    return fillTemplate(template, params, this.lang, this.message);
  };

  /** An engine or host message (key and parameters) in the current language. */
  message = (m: Message): string => this.t(m.key, m.params);

  /**
   * What to show for a failure: its catalog message in the UI's language when it carries
   * one (`detail`, as ApiError, the engine's errors and the host's final training events
   * do), as a sentence (`formatSentence`); else its own text.
   */
  errorText = (e: unknown): string => {
    const detail = (e as { detail?: unknown } | null)?.detail;
    if (isMessage(detail)) return this.sentence(detail);
    const own = (e as { message?: unknown } | null)?.message;
    return typeof own === 'string' ? own : String(e);
  };

  /** An engine message shown on its own, starting with a capital where its wording starts the sentence. */
  sentence = (m: Message): string => formatSentence(m, this.lang, this.message);

  /** A number in the current language's notation (French: 97,5 and thin spaces). */
  number = (value: number, digits = 0): string =>
    value.toLocaleString(this.lang === 'fr' ? 'fr-FR' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  percent = (fraction: number, digits = 1): string => `${this.number(fraction * 100, digits)} %`;
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
export const errorText = i18n.errorText;
