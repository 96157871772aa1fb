/**
 * The runs set side by side (up to 8, each in its colour), read whole from the history
 * (`runs:get`), and the x axis they are drawn against. A sweep adds each of its runs as it
 * lands in the history; the run under way is drawn live beside them (`live`).
 */
import type { LayerwiseApi, OpenedRun } from '../../../../electron/ipc/contract';
import type { CompareAxis, NetworkSpec } from '$engine';
import type { SweepSetting, SweepValue } from './sweeps';

export const MAX_COMPARED = 8;
export type CompareApi = Pick<LayerwiseApi, 'runs:list' | 'runs:get'>;

/** A run being trained, as a comparison draws it before it is in the history. */
export interface LiveRun {
  spec: NetworkSpec;
  /** The sweep's setting and this run's value of it (its legend while it trains). */
  setting: SweepSetting;
  value: SweepValue;
}

export class Comparison {
  runs = $state.raw<OpenedRun[]>([]);
  axis = $state<CompareAxis>('epochs');
  /** Why the last run could not be added (the thrown error). */
  error = $state.raw<unknown>(null);
  /** The sweep's run under way, drawn live after the others; null otherwise. */
  live = $state.raw<LiveRun | null>(null);

  constructor(private readonly api: CompareApi) {}

  get ids(): string[] {
    return this.runs.map((r) => r.summary.id);
  }

  /** Adds a run of the history (a no-op if it is there already); the oldest goes when 8 are there. */
  async add(id: string): Promise<boolean> {
    if (this.ids.includes(id)) return true;
    try {
      const run = await this.api['runs:get']({ id });
      if (this.ids.includes(id)) return true;
      const room = MAX_COMPARED - (this.live ? 1 : 0);
      this.runs = [...this.runs, run].slice(-room);
      this.error = null;
      return true;
    } catch (e) {
      this.error = e;
      return false;
    }
  }

  /** Sets the runs compared to exactly `ids` (the chooser's ticks), in their order. */
  async choose(ids: readonly string[]): Promise<void> {
    const wanted = ids.slice(0, MAX_COMPARED);
    this.runs = this.runs.filter((r) => wanted.includes(r.summary.id));
    for (const id of wanted) await this.add(id);
    this.runs = wanted.map((id) => this.runs.find((r) => r.summary.id === id)).filter((r): r is OpenedRun => r !== undefined);
  }

  remove(id: string): void {
    this.runs = this.runs.filter((r) => r.summary.id !== id);
  }

  clear(): void {
    this.runs = [];
    this.error = null;
  }

  setAxis(axis: CompareAxis): void {
    this.axis = axis;
  }
}
