/**
 * The confusion matrix's pure side: cell shades that work in both themes (a percentage
 * of a theme colour mixed into the surface colour, so the CSS variables do the theming),
 * and which test images to show for a cell.
 */
import type { Example, TestResult } from '../../../../electron/ipc/contract';

export interface CellShade {
  /** How much of the cell's colour to mix into the surface, 0–88 %. */
  mix: number;
  /** True when the cell is dark enough to need light text. */
  strong: boolean;
  /** Correct predictions are shaded in the accent colour, mistakes in the danger colour. */
  tone: 'correct' | 'mistake';
}

/**
 * A cell's shade from the share of its row (the true digit) it holds. A square-root
 * scale, so that a 1 % confusion is still visible next to a 98 % diagonal.
 */
export function cellShade(count: number, rowTotal: number, diagonal: boolean): CellShade {
  const share = rowTotal > 0 && count > 0 ? Math.min(1, count / rowTotal) : 0;
  const mix = share === 0 ? 0 : Math.round(8 + 80 * Math.sqrt(share));
  return { mix, strong: mix >= 55, tone: diagonal ? 'correct' : 'mistake' };
}

/** The CSS background of a cell (theme variables only). */
export function cellBackground(shade: CellShade): string {
  if (shade.mix === 0) return 'var(--surface)';
  const colour = shade.tone === 'correct' ? 'var(--accent)' : 'var(--danger)';
  return `color-mix(in srgb, ${colour} ${shade.mix}%, var(--surface))`;
}

export function rowTotals(confusion: readonly (readonly number[])[]): number[] {
  return confusion.map((row) => row.reduce((a, b) => a + b, 0));
}

/** Most confident first; ties by image index, so the order is stable. */
export function byConfidence(examples: readonly Example[]): Example[] {
  return [...examples].sort((a, b) => b.confidence - a.confidence || a.index - b.index);
}

/**
 * The cell's images from the misclassified list the completed event carried, when that
 * list holds all of them (it has every mistake, or as many of this cell's as the matrix
 * counts); null when they must be asked for (`train:examples`), e.g. the diagonal.
 */
export function examplesFromTest(test: TestResult, label: number, predicted: number): Example[] | null {
  if (label === predicted) return null;
  const expected = test.confusion?.[label]?.[predicted] ?? 0;
  const local = test.misclassified.filter((e) => e.label === label && e.predicted === predicted);
  const complete = test.misclassified.length >= test.misclassifiedCount || local.length >= expected;
  return complete ? byConfidence(local) : null;
}
