/**
 * Typeset formulas: the one place the renderer calls KaTeX. MathML output needs no fonts or
 * stylesheet and screen readers read it; a formula KaTeX cannot parse shows as its source in red
 * instead of throwing (throwOnError: false), so a typo never blanks a panel.
 */
import katex from 'katex';
import type { Lang } from '../i18n/messages';

export function texToMathml(tex: string, display = false): string {
  return katex.renderToString(tex, { output: 'mathml', throwOnError: false, displayMode: display });
}

/**
 * A number inside a formula, written the way the language writes it (0{,}25 in French: a bare
 * comma in TeX is punctuation and would get a space after it), with `digits` significant
 * digits — enough to tell values apart without a column of noise.
 */
export function texNumber(value: number, lang: Lang, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '\\infty' : value < 0 ? '-\\infty' : '\\text{NaN}';
  const text = value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumSignificantDigits: digits, useGrouping: false });
  return text.replace('−', '-').replace(',', '{,}');
}
