/**
 * Number formatting shared by the CLI's human output and the benchmark table. Written
 * out rather than left to `toLocaleString`, so the output is the same whatever locale
 * (or ICU build) the user's Node has.
 */

/** 101770 → "101,770". Non-integers keep `decimals` places. */
export function group(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.') as [string, string | undefined];
  const sign = n < 0 && Number(Math.abs(n).toFixed(decimals)) !== 0 ? '-' : '';
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** 0.97123 → "97.12 %". */
export function percent(fraction: number, decimals = 2): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)} %` : '–';
}

/** Seconds as m:ss, or h:mm:ss from an hour on; for ETAs. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** Seconds for a finished run: "0.84 s", "12.3 s", "2 min 05 s". */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Bytes as Keras' summary writes them: 1024-based, two decimals ("397.54 KB"). */
export function memorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes, u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(2)} ${units[u]}`;
}

/** Rounds to `digits` decimals for JSON output (keeps lines short without losing what matters). */
export function round(n: number, digits: number): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A loss and the task's metrics in one phrase: "loss 0.1234, accuracy 97.50 %" or "loss 0.0100, MAE 0.0800, R² 0.962". */
export function measuresText(m: { loss: number; accuracy?: number; mae?: number; r2?: number; mse?: number }): string {
  const parts = [`loss ${m.loss.toFixed(4)}`];
  if (m.accuracy !== undefined) parts.push(`accuracy ${percent(m.accuracy)}`);
  if (m.mae !== undefined) parts.push(`MAE ${m.mae.toFixed(4)}`);
  if (m.r2 !== undefined) parts.push(`R² ${m.r2.toFixed(3)}`);
  if (m.mse !== undefined) parts.push(`MSE ${m.mse.toFixed(4)}`);
  return parts.join(', ');
}
