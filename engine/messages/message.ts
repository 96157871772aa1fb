/**
 * A sentence a user may read, as data: a key into the message catalog and its
 * parameters. The engine and the host describe every problem this way, so the renderer
 * can word it in the UI's language (numbers written as that language writes them) and
 * the CLI in English; the English text also travels as the error's `message` for logs.
 *
 * A parameter may itself be a message (a translated fragment such as the name of what
 * an activation does), and numbers stay numbers until they are written.
 */
export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  readonly key: string;
  readonly params?: MessageParams;
}

export type Lang = 'en' | 'fr';

/** How a language writes a number: 20,000,000 and 0.01 in English, 20 000 000 and 0,01 in French. */
export function formatNumber(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 6 });
}

/**
 * Fills `{name}` holes in `template` from `params`; a hole with no parameter stays as it is
 * (a test catches those). `lookup` words nested messages.
 */
export function fillTemplate(template: string, params: MessageParams | undefined, lang: Lang, lookup: (m: Message) => string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (hole, name: string) => {
    if (!(name in params)) return hole;
    const v = params[name]!;
    if (typeof v === 'number') return formatNumber(v, lang);
    if (typeof v === 'string') return v;
    return lookup(v);
  });
}

export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).key === 'string'
    && ((v as Message).params === undefined || (typeof (v as Message).params === 'object' && (v as Message).params !== null));
}

/** One message in both languages. */
export interface Wording {
  readonly en: string;
  readonly fr: string;
}

/** Keeps a part's keys as literal types while checking each entry has both languages. */
export function defineMessages<const T extends Record<string, Wording>>(part: T): T {
  return part;
}
