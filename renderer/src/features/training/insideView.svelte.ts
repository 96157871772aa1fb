/**
 * The Train tab's "Inside the network" view: whether it is open (the host measures the
 * statistics only then: `train:start`'s `inside`, `train:set` when it opens or closes during
 * a run), the last measurement of every layer (its histograms and shares), and each
 * weighted layer's gradient size and update/weight ratio over the run, for the log charts.
 */
import type { InsideEvent, InsideStats, InsideViewRequest, LayerwiseApi } from '../../../../electron/ipc/contract';

/** Four measurements a second at most, 24 bars a histogram: readable, and cheap (see the bench's --inside). */
export const INSIDE_VIEW: InsideViewRequest = { everyMs: 250, bins: 24 };
/** Points each line keeps: beyond, every other one is dropped (the line keeps its shape, the memory stays bounded). */
export const MAX_INSIDE_POINTS = 1500;

export type InsideApi = Pick<LayerwiseApi, 'train:set'>;

export interface InsidePoint {
  /** Batches trained before the measurement (the chart's x). */
  x: number;
  y: number;
}

/** One weighted layer's lines: its kernel's ‖∂L/∂W‖ and lr·‖∂L/∂W‖/‖W‖ at every measurement. */
export interface InsideLine {
  readonly index: number;
  readonly name: string;
  readonly activation: string | null;
  readonly grad: InsidePoint[];
  readonly ratio: InsidePoint[];
}

/** The run the view belongs to, as the session knows it. */
export interface InsideRunRef {
  readonly runId: string | null;
  readonly active: boolean;
}

export class InsideView {
  /** The view shown: the statistics are asked for (now, or from the next run's start). */
  open = $state(false);
  /** The latest measurement (histograms, shares, numbers of every layer); null before the first. */
  latest = $state.raw<InsideStats | null>(null);
  /** The lines, mutated in place: `version` changes with them. */
  lines: InsideLine[] = [];
  version = $state(0);
  /** Why opening or closing the view during a run failed (the run goes on; the toggle is put back). */
  failed = $state.raw<{ cause: unknown } | null>(null);

  constructor(private readonly api: InsideApi, private readonly run: () => InsideRunRef) {}

  /** A new run: the last one's measurements go. Returns what its `train:start` asks for: the statistics from the first batch when the view is open. */
  begin(): { inside?: InsideViewRequest } {
    this.latest = null;
    this.lines = [];
    this.version++;
    return this.open ? { inside: INSIDE_VIEW } : {};
  }

  show(e: InsideEvent | InsideStats): void {
    this.latest = e;
    for (const layer of e.layers) {
      const kernel = layer.params[0];
      if (!kernel) continue;
      let line = this.lines.find((l) => l.index === layer.index);
      if (!line) {
        line = { index: layer.index, name: layer.name, activation: layer.activation, grad: [], ratio: [] };
        this.lines.push(line);
      }
      // A log axis shows no 0 (a layer whose gradient is exactly 0): such points are left out.
      if (kernel.gradNorm > 0) push(line.grad, { x: e.step, y: kernel.gradNorm });
      if (kernel.updateRatio !== null && kernel.updateRatio > 0) push(line.ratio, { x: e.step, y: kernel.updateRatio });
    }
    this.version++;
  }

  /** Opens or closes the view; during a run, the host starts or stops measuring from its next batch. */
  async setOpen(open: boolean): Promise<void> {
    if (open === this.open) return;
    this.open = open;
    this.failed = null;
    const { runId, active } = this.run();
    if (!active || runId === null) return;
    try {
      await this.api['train:set']({ runId, inside: open ? INSIDE_VIEW : null });
    } catch (e) {
      // The run may have ended meanwhile: only a live run's refusal is worth saying.
      if (this.run().active) this.failed = { cause: e };
    }
  }
}

function push(points: InsidePoint[], p: InsidePoint): void {
  points.push(p);
  if (points.length > MAX_INSIDE_POINTS) {
    let w = 0;
    for (let r = 0; r < points.length; r += 2) points[w++] = points[r]!;
    points.length = w;
  }
}
