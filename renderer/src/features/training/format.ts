/** Durations for the progress line: "0.6 s", "45 s", "3 min 05 s", "1 h 02 min"; `number` formats the decimals (per language). */
export function formatDuration(seconds: number, number: (value: number, digits: number) => string = (v, d) => v.toFixed(d)): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 10) return `${number(seconds, 1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A number in the language's notation, like `i18n.number` but with the formatter kept:
 * the progress line formats several numbers for every training event.
 */
export function formatNumber(value: number, lang: string, digits = 0): string {
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f.format(value);
}

/** Decimals for an error or a loss: three, or enough for two significant digits when it is tiny (0.00042). */
export function measureDigits(value: number): number {
  const size = Math.abs(value);
  if (size === 0 || !Number.isFinite(size) || size >= 0.01) return 3;
  return Math.min(8, 1 - Math.floor(Math.log10(size)));
}
