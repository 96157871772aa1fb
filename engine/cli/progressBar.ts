/**
 * The training progress line on a terminal, redrawn in place:
 *
 *   Epoch 2/5 [#########...........]  45%  21,304 samples/s  ETA 0:38  loss 0.2871
 *
 * Redraws are throttled (a terminal that repaints on every batch of a fast MLP would
 * spend more time drawing than training), and the line is fitted to the terminal's
 * width, because a wrapped line cannot be overwritten with a carriage return.
 */
import { clock, group } from './format';

export interface ProgressState {
  /** 0-based. */
  readonly epoch: number;
  readonly epochs: number;
  /** Fraction of the current epoch done, 0–1. */
  readonly fraction: number;
  readonly samplesPerSecond: number;
  /** Seconds left for the whole run. */
  readonly etaSeconds: number;
  /** Mean loss of the latest batch. */
  readonly loss: number;
}

/** The line for `state`, at most `columns − 1` characters (the last column would wrap on some terminals). */
export function formatProgress(state: ProgressState, columns: number): string {
  const pct = `${Math.floor(Math.min(1, Math.max(0, state.fraction)) * 100)}%`.padStart(4);
  const head = `Epoch ${state.epoch + 1}/${state.epochs}`;
  const tail = [
    pct,
    `${group(state.samplesPerSecond)} samples/s`,
    `ETA ${clock(state.etaSeconds)}`,
    `loss ${Number.isFinite(state.loss) ? state.loss.toFixed(4) : String(state.loss)}`,
  ];
  const limit = Math.max(20, columns - 1);
  // Drop the least important fields first until the text fits, then give the bar what is left.
  for (let keep = tail.length; keep >= 1; keep--) {
    const text = [head, ...tail.slice(0, keep)];
    const fixed = text.join('  ').length;
    const room = limit - fixed - 3; // the bar's brackets and a separating space
    if (room >= 10) {
      const width = Math.min(30, room);
      // Floored like the percentage, so the bar is not full while it says 98%.
      const filled = Math.floor(Math.min(1, Math.max(0, state.fraction)) * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      return `${head} ${bar} ${tail.slice(0, keep).join('  ')}`;
    }
    if (fixed <= limit && keep === 1) return text.join('  ');
  }
  return `${head}  ${pct}`.slice(0, limit);
}

/** Minimal stream surface, so tests can pass a fake terminal. */
export interface ProgressStream {
  write(chunk: string): boolean;
  readonly columns?: number;
}

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    /** ≤ 10 redraws a second. */
    private readonly minIntervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Redraws unless the last redraw was less than minIntervalMs ago (or `force`). */
  update(state: ProgressState, force = false): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = t;
    // \r back to column 0, then ESC[2K clears whatever the previous, longer line left.
    this.stream.write(`\r\x1b[2K${formatProgress(state, this.stream.columns || 80)}`);
    this.drawn = true;
  }

  /** Shows `text` in the bar's place (e.g. during the test evaluation); cleared like the bar. */
  message(text: string): void {
    this.stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (this.stream.columns || 80) - 1))}`);
    this.drawn = true;
  }

  /** Erases the line so ordinary output can be printed; the next update draws it again. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[2K');
    this.drawn = false;
    // Draw again at the next update rather than waiting out the interval.
    this.lastDraw = -Infinity;
  }
}
