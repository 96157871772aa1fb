/**
 * Numbers typed by people, in French or English, and numbers shown back to them.
 *
 * Reading, the same in both languages (a French class uses English computers and the
 * other way round): one comma or one point is the decimal separator ("0,01" = "0.01");
 * an exponent is allowed ("1e-3", "2,5E4"); spaces (also no-break and narrow no-break
 * spaces) group thousands only where the grouping is unmistakable ("60 000"). A comma
 * is never a thousands separator: "1,000" reads as 1 (decimal comma), and a text that
 * mixes a comma and a point ("1,000.5", "1.000,5") is refused rather than guessed.
 * Anything else ("0,0,1", "abc", "1..2") is refused: the caller keeps its value.
 *
 * Writing: the shortest text that reads back to the same number, with the language's
 * decimal separator (0,01 in French) and no grouping, so what is shown can be edited.
 */
export type NumberPair = readonly [number, number];

export type NumberRead<T = number> =
  | { readonly ok: true; readonly value: T | null } // null: the text is empty
  | { readonly ok: false; readonly reason: 'unreadable' | 'mixed' };

const SPACES = /[\s\u00a0\u202f\u2009]/;
const GROUPED = /^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?=$|[.,eE])/;
const PLAIN = /^(\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?$/;

export function readNumber(text: string): NumberRead {
  let s = text.trim();
  if (s === '') return { ok: true, value: null };
  let sign = 1;
  if (/^[-+\u2212]/.test(s)) {
    sign = s[0] === '+' ? 1 : -1;
    s = s.slice(1).trimStart();
  }
  if (s.includes(',') && s.includes('.')) return { ok: false, reason: 'mixed' };
  const grouped = GROUPED.exec(s);
  if (grouped) s = grouped[0].replace(new RegExp(SPACES.source, 'g'), '') + s.slice(grouped[0].length);
  if (!PLAIN.test(s)) return { ok: false, reason: 'unreadable' };
  const value = sign * Number(s.replace(',', '.'));
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'unreadable' };
}

/** A number, or two whole numbers written "3×5" (also "3x5", "3*5") for kernel, pool and stride sizes. */
export function readNumberOrPair(text: string): NumberRead<number | NumberPair> {
  const m = /^\s*(\d+)\s*[x×*]\s*(\d+)\s*$/i.exec(text);
  if (m) return { ok: true, value: m[1] === m[2] ? Number(m[1]) : [Number(m[1]), Number(m[2])] };
  return readNumber(text);
}

/** 0.01 → "0,01" in French, "0.01" in English; a pair → "3×5"; null → "". */
export function writeNumber(value: number | NumberPair | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return value[0] === value[1] ? String(value[0]) : `${value[0]}×${value[1]}`;
  const text = String(value);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** Whether `text` reads as `value` (so a field showing it need not be rewritten). */
export function showsValue(text: string, value: number | NumberPair | null | undefined): boolean {
  const read = readNumberOrPair(text);
  if (!read.ok) return false;
  return JSON.stringify(read.value ?? null) === JSON.stringify(value ?? null);
}
