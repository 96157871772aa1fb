/**
 * The confusion matrix as a picture (a PNG for a report or a slide): the same cells and
 * shades as the table on screen (training/confusion.ts), on white, true classes down.
 */
import { cellShade, rowTotals } from '../training/confusion';

const CELL = 44;

export function confusionPicture(confusion: readonly (readonly number[])[], names: readonly string[], format: (n: number) => string, doc: Document = document): HTMLCanvasElement {
  const n = confusion.length;
  const margin = Math.min(160, 16 + 8 * Math.max(1, ...names.map((s) => s.length)));
  const canvas = doc.createElement('canvas');
  canvas.width = margin + n * CELL + 8;
  canvas.height = 28 + n * CELL + 8;
  const g = canvas.getContext('2d');
  if (!g) return canvas;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.font = '13px system-ui, sans-serif';
  g.textBaseline = 'middle';
  const totals = rowTotals(confusion);
  names.forEach((name, i) => {
    g.fillStyle = '#222';
    g.textAlign = 'center';
    g.fillText(name.slice(0, 6), margin + i * CELL + CELL / 2, 14);
    g.textAlign = 'right';
    g.fillText(name.slice(0, 18), margin - 8, 28 + i * CELL + CELL / 2);
  });
  confusion.forEach((row, r) => row.forEach((count, c) => {
    const shade = cellShade(count, totals[r] ?? 0, r === c);
    const rgb = shade.tone === 'correct' ? [31, 119, 180] : [214, 39, 40];
    const a = shade.mix / 100;
    g.fillStyle = `rgb(${rgb.map((v) => Math.round(255 + (v - 255) * a)).join(',')})`;
    g.fillRect(margin + c * CELL + 1, 28 + r * CELL + 1, CELL - 2, CELL - 2);
    g.fillStyle = shade.strong ? '#fff' : '#222';
    g.textAlign = 'center';
    g.fillText(format(count), margin + c * CELL + CELL / 2, 28 + r * CELL + CELL / 2);
  }));
  return canvas;
}
