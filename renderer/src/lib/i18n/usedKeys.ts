/**
 * The message keys a source file uses literally: `t('…')`, `i18n.t('…')`, and `key: '…'`
 * (notes and field problems that are worded later). A key built from a template literal,
 * t(`training.loss.${loss}`), counts by its fixed start (`prefix`), which at least one key
 * must have. Kept apart from its test so the scanner itself is tested.
 */
export interface UsedKey {
  readonly key: string;
  /** True for the fixed start of a template-literal key. */
  readonly prefix: boolean;
}

/** `t(` not preceded by a dot or a word character (so not `x.t(`), or `i18n.t(`. */
const CALL = String.raw`(?:(?<![\w.$])t|\bi18n\.t)\(\s*`;
const LITERAL = new RegExp(CALL + String.raw`(['"])([^'"\n]+)\1`, 'g');
const TEMPLATE = new RegExp(CALL + '`' + String.raw`([^\x60$\n]*)\$\{`, 'g');
const KEY_FIELD = /\bkey:\s*(['"])([a-z]+\.[\w.]+)\1/g;

export function usedKeys(source: string): UsedKey[] {
  const out: UsedKey[] = [];
  for (const m of source.matchAll(LITERAL)) out.push({ key: m[2]!, prefix: false });
  for (const m of source.matchAll(KEY_FIELD)) out.push({ key: m[2]!, prefix: false });
  for (const m of source.matchAll(TEMPLATE)) out.push({ key: m[1]!, prefix: true });
  return out;
}

/** Whether `used` names a message of `en` and of `fr` (for a prefix: some message in each). */
export function isDefined(used: UsedKey, en: Readonly<Record<string, unknown>>, fr: Readonly<Record<string, unknown>>): boolean {
  if (!used.prefix) return Object.hasOwn(en, used.key) && Object.hasOwn(fr, used.key);
  const starts = (dict: Readonly<Record<string, unknown>>) => Object.keys(dict).some((k) => k.startsWith(used.key));
  return used.key !== '' && starts(en) && starts(fr);
}
