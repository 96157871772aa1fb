/**
 * A line chart as inline SVG text, drawn from numbers (a run's curves), for the lab report:
 * a file that must open offline and print sharply, so vectors rather than a screenshot.
 * Pure: the same series give the same text. Labels are escaped here; the caller gives the
 * tick formatter so that numbers are written per language.
 */
import { escapeHtml } from './html';

export interface ChartSeries {
  label: string;
  color: string;
  /** [x, y] pairs; non-finite y (a diverged loss) break the line. */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  format: (value: number, step: number) => string;
  /** The x values are counts (epochs): ticks at whole numbers only. */
  wholeX?: boolean;
  width?: number;
  height?: number;
}

const PAD = { left: 56, right: 12, top: 28, bottom: 40 };

/** Up to ~6 round ticks covering [lo, hi] (1, 2, 5 × 10ⁿ apart). */
export function niceTicks(lo: number, hi: number, count = 5, minStep = 0): { ticks: number[]; step: number } {
  if (!(hi > lo)) return { ticks: [lo], step: 1 };
  const raw = Math.max(minStep, (hi - lo) / count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, step };
}

export function lineChartSvg(series: readonly ChartSeries[], opts: ChartOptions): string {
  const width = opts.width ?? 440;
  const height = opts.height ?? 260;
  const finite = series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const xt = niceTicks(x0, x1 === x0 ? x0 + 1 : x1, 5, opts.wholeX ? 1 : 0);
  const yt = niceTicks(y0, y1);
  const xLo = Math.min(x0, xt.ticks[0]!), xHi = Math.max(x1 === x0 ? x0 + 1 : x1, xt.ticks.at(-1)!);
  const yLo = Math.min(y0, yt.ticks[0]!), yHi = Math.max(y1, yt.ticks.at(-1)!);
  const plotW = width - PAD.left - PAD.right, plotH = height - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + ((x - xLo) / (xHi - xLo || 1)) * plotW;
  const py = (y: number) => PAD.top + plotH - ((y - yLo) / (yHi - yLo || 1)) * plotH;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(opts.title)}">`);
  out.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(opts.title)}</text>`);
  for (const v of yt.ticks) {
    out.push(`<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(py(v))}" y2="${f(py(v))}" class="grid"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${f(py(v) + 4)}" text-anchor="end">${escapeHtml(opts.format(v, yt.step))}</text>`);
  }
  for (const v of xt.ticks) {
    out.push(`<text x="${f(px(v))}" y="${height - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(opts.format(v, xt.step))}</text>`);
  }
  out.push(`<text x="${PAD.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(opts.xLabel)}</text>`);
  out.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="frame"/>`);
  for (const s of series) {
    const parts: string[] = [];
    let pen = 'M';
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) { pen = 'M'; continue; }
      parts.push(`${pen}${f(px(x))},${f(py(y))}`);
      pen = 'L';
    }
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    out.push(`<path d="${parts.join(' ')}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="2"${dash}><title>${escapeHtml(s.label)}</title></path>`);
    if (s.points.length === 1 && parts.length === 1) {
      const [x, y] = s.points[0]!;
      out.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3" fill="${escapeHtml(s.color)}"/>`);
    }
  }
  out.push('</svg>');
  const legend = series.map((s) =>
    `<span class="key"><span class="swatch${s.dashed ? ' dashed' : ''}" style="border-color:${escapeHtml(s.color)}"></span>${escapeHtml(s.label)}</span>`).join(' ');
  return `<figure class="chart-box">${out.join('')}<figcaption>${legend}</figcaption></figure>`;
}
