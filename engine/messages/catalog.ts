/**
 * Every message the engine and the host can show a user, in English and French, one part
 * per area (each part beside the others here). The keys are typed: `msg()` refuses a key
 * that is not in the catalog, and both languages are required for each key.
 *
 * To add a message: add it to its area's part with both languages, and use
 * `msg('area.key', { … })` where the problem is found. The renderer reads this catalog
 * as it is (`i18n.message`), the CLI writes the English (`formatMessage`).
 */
import { fillTemplate, type Lang, type Message, type MessageParams, type Wording } from './message';
import data from './parts/data';
import explain from './parts/explain';
import general from './parts/general';
import library from './parts/library';
import modelFile from './parts/modelFile';
import spec from './parts/spec';
import table from './parts/table';
import train from './parts/train';
import runs from './parts/runs';
import exportPart from './parts/export';
import report from './parts/report';


export const MESSAGE_PARTS = { data, explain, general, library, modelFile, spec, table, train, runs, export: exportPart, report } as const;

type Parts = typeof MESSAGE_PARTS;
export type MessageKey = { [P in keyof Parts]: keyof Parts[P] & string }[keyof Parts];

export const CATALOG: Readonly<Record<string, Wording>> = Object.assign({}, ...Object.values(MESSAGE_PARTS));

/** A message whose key the catalog has (checked by the type system). */
export function msg(key: MessageKey, params?: MessageParams): Message {
  return params === undefined ? { key } : { key, params };
}

/** Several messages read one after the other, as one message (null when there are none). */
export function joinMessages(ms: readonly Message[]): Message | null {
  if (ms.length === 0) return null;
  return ms.slice(1).reduce((first, next) => msg('general.sentences', { first, next }), ms[0]!);
}

/**
 * The message as a sentence on its own: a first word that the wording starts with is given
 * a capital ("batch size 500 is larger…", which starts in lower case because several such
 * problems may be joined), but a parameter it starts with (a file name) is left as it is.
 */
export function formatSentence(m: Message, lang: Lang = 'en', format: (m: Message) => string = (x) => formatMessage(x, lang)): string {
  const text = format(m);
  return startsWithWording(m, lang) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function startsWithWording(m: Message, lang: Lang): boolean {
  const wording = CATALOG[m.key];
  if (!wording) return false;
  const hole = /^\{(\w+)\}/.exec(wording[lang]);
  if (!hole) return true;
  const param = m.params?.[hole[1]!];
  return typeof param === 'object' && startsWithWording(param, lang);
}

/** The message in `lang`; an unknown key (a message from a newer host, say) falls back to the key itself. */
export function formatMessage(m: Message, lang: Lang = 'en'): string {
  const wording = CATALOG[m.key];
  if (!wording) return m.key;
  return fillTemplate(wording[lang], m.params, lang, (inner) => formatMessage(inner, lang));
}
