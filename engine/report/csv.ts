/**
 * Tables as CSV for a spreadsheet, written the way the UI's language reads them.
 *
 * A French spreadsheet (LibreOffice, Excel set to French) reads `0,5` as a number and
 * `0.5` as text, and since the comma is then the decimal mark, it splits columns on `;`.
 * So in French: `;` between fields and a decimal comma; in English: `,` and a decimal
 * point. Numbers are written plainly (no thousands separators, which would be read as
 * text), non-finite ones (a diverged loss) as an empty cell. A field holding the separator,
 * a quote or a line break is quoted, its quotes doubled (RFC 4180). Lines end in CRLF.
 * A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
 * leading `'`, so that a run named `=HYPERLINK(…)` stays text.
 */
import type { Lang } from '../messages';

export type CsvCell = string | number | null;

export const csvSeparator = (lang: Lang): string => (lang === 'fr' ? ';' : ',');

/** A number as a spreadsheet in `lang` reads it: `0.0125` / `0,0125`, never `1.2e-7`-free rounding. */
export function csvNumber(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '';
  const plain = Math.abs(value) < 1e-6 && value !== 0 ? value.toFixed(12).replace(/0+$/, '') : String(value);
  return lang === 'fr' ? plain.replace('.', ',') : plain;
}

function csvText(text: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as one CSV text (a header row is just the first row). */
export function toCsv(rows: readonly (readonly CsvCell[])[], lang: Lang): string {
  const sep = csvSeparator(lang);
  const cell = (c: CsvCell) => (c === null ? '' : typeof c === 'number' ? csvNumber(c, lang) : csvText(c, sep));
  return rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n';
}
