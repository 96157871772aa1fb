/**
 * Reads a number as people type it in French or English: "0,01" and "0.01", "1e-3",
 * "-2,5", spaces (also no-break and narrow no-break) between thousands groups ("60 000").
 * One decimal separator at most; anything else ("1,000.5", "0,0,1", "12abc", "") is not a
 * number: null, never a guess.
 */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(/(\d)[\u0020\u00a0\u202f](?=\d{3}(\D|$))/g, '$1');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const v = Number(s.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}
