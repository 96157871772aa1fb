/**
 * The run history as the Train tab shows it: the host's list of every run that trained
 * (`runs:list`), searched and sorted here, with rename, star and delete (after a
 * confirmation), the student's notes and the lab report, and reopening a run — its network back in Build, its data and settings
 * in Train (`reopenRun.ts`). Failures are kept next to where they happened: the list, a row.
 */
import type { LayerwiseApi, OpenedRun, RunSummary } from '../../../../electron/ipc/contract';
import type { MetricName } from '$engine';

export type RunsApi = Pick<LayerwiseApi, 'runs:list' | 'runs:get' | 'runs:rename' | 'runs:star' | 'runs:delete' | 'runs:notes'>;
/** Makes and saves the lab report of these runs: where it went ('download' in a browser), or null when cancelled. */
export type SaveReport = (ids: readonly string[]) => Promise<string | null>;
export type RunSort = 'date' | 'name' | 'metric';
export const RUN_SORTS: readonly RunSort[] = ['date', 'name', 'metric'];

/** What reopening a run changes (Build and Train); what it could not put back (a folder or table of another session) is returned. */
export type ReopenRun = (run: OpenedRun) => ReopenOutcome;
export interface ReopenOutcome {
  /** The data could not be chosen again (a folder or table picked in an earlier session): the student picks it again. */
  dataMissing: boolean;
}

/** Metrics where more is better; the others (errors) are better lower. */
const HIGHER_IS_BETTER: ReadonlySet<MetricName> = new Set(['accuracy', 'r2']);

/** A run's final metric as a score where higher is better (null: none to rank by). */
export function scoreOf(run: RunSummary): number | null {
  const f = run.final;
  if (!f || f.metric === null || f.value === null) return f?.loss != null ? -f.loss : null;
  return HIGHER_IS_BETTER.has(f.metric) ? f.value : -f.value;
}

export class RunHistory {
  runs = $state.raw<RunSummary[]>([]);
  loading = $state(false);
  /** Why the list could not be read (the thrown error). */
  listError = $state.raw<unknown>(null);
  open = $state(false);
  query = $state('');
  sort = $state<RunSort>('date');
  renaming = $state.raw<{ id: string; draft: string } | null>(null);
  /** The run whose delete waits for a confirmation. */
  confirmingDelete = $state<string | null>(null);
  busyId = $state<string | null>(null);
  /** Per-row failures (the thrown errors), by run id. */
  rowErrors = $state.raw<Record<string, unknown>>({});
  /** The run whose notes are being written, and the text so far. */
  notes = $state.raw<{ id: string; draft: string } | null>(null);
  /** The run whose report was just saved, and where ('download' in a browser). */
  reported = $state.raw<{ id: string; where: string } | null>(null);
  /** The run just reopened, and whether its data must be picked again. */
  reopened = $state.raw<{ id: string; dataMissing: boolean } | null>(null);

  /** `label` names a run as the list shows it (its name, or its data and date in the UI's language): search matches it. */
  constructor(
    private readonly api: RunsApi,
    private readonly reopenRun: ReopenRun,
    private readonly label: (run: RunSummary) => string,
    private readonly saveReport: SaveReport = async () => null,
  ) {}

  /** The runs to show: those matching the search (name, data, architecture, optimizer), starred first, then by the sort. */
  get visible(): RunSummary[] {
    const words = this.query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const text = (r: RunSummary) => [this.label(r), r.dataset.name, r.architecture, r.settings?.optimizer ?? '', r.settings?.loss ?? ''].join(' ').toLocaleLowerCase();
    const shown = this.runs.filter((r) => words.every((w) => text(r).includes(w)));
    const by: Record<RunSort, (a: RunSummary, b: RunSummary) => number> = {
      date: (a, b) => b.startedAt.localeCompare(a.startedAt),
      name: (a, b) => this.label(a).localeCompare(this.label(b)),
      metric: (a, b) => (scoreOf(b) ?? Number.NEGATIVE_INFINITY) - (scoreOf(a) ?? Number.NEGATIVE_INFINITY) || b.startedAt.localeCompare(a.startedAt),
    };
    return [...shown].sort((a, b) => Number(b.starred) - Number(a.starred) || by[this.sort](a, b));
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.runs = await this.api['runs:list']({});
      this.listError = null;
    } catch (e) {
      this.listError = e;
    } finally {
      this.loading = false;
    }
  }

  show(): void {
    this.open = true;
    this.rowErrors = {};
    this.reopened = null;
    void this.refresh();
  }

  close(): void {
    this.open = false;
    this.renaming = null;
    this.notes = null;
    this.reported = null;
    this.confirmingDelete = null;
  }

  startRename(id: string): void {
    const run = this.runs.find((r) => r.id === id);
    if (!run) return;
    this.confirmingDelete = null;
    this.renaming = { id, draft: run.name ?? this.label(run) };
  }

  cancelRename(): void {
    this.renaming = null;
  }

  /** An empty name gives the run back its default one (data and date). */
  rename(id: string, draft: string): Promise<boolean> {
    const name = draft.trim() === '' ? null : draft.trim();
    return this.row(id, async () => {
      this.replace(await this.api['runs:rename']({ id, name }));
      this.renaming = null;
    });
  }

  /** Opens the run's notes (as saved with it) for writing. */
  startNotes(id: string): Promise<boolean> {
    return this.row(id, async () => {
      const run = await this.api['runs:get']({ id });
      this.renaming = null;
      this.notes = { id, draft: run.notes };
    });
  }

  cancelNotes(): void {
    this.notes = null;
  }

  saveNotes(id: string, draft: string): Promise<boolean> {
    return this.row(id, async () => {
      this.replace(await this.api['runs:notes']({ id, notes: draft }));
      this.notes = null;
    });
  }

  /** The run's lab report, saved (desktop) or downloaded (browser). */
  report(id: string): Promise<boolean> {
    return this.row(id, async () => {
      this.reported = null;
      const where = await this.saveReport([id]);
      if (where !== null) this.reported = { id, where };
    });
  }

  toggleStar(id: string): Promise<boolean> {
    const run = this.runs.find((r) => r.id === id);
    if (!run) return Promise.resolve(false);
    return this.row(id, async () => this.replace(await this.api['runs:star']({ id, starred: !run.starred })));
  }

  requestDelete(id: string): void {
    this.renaming = null;
    this.confirmingDelete = id;
  }

  cancelDelete(): void {
    this.confirmingDelete = null;
  }

  confirmDelete(): Promise<boolean> {
    const id = this.confirmingDelete;
    if (id === null) return Promise.resolve(false);
    return this.row(id, async () => {
      this.confirmingDelete = null;
      await this.api['runs:delete']({ id });
      this.runs = this.runs.filter((r) => r.id !== id);
    });
  }

  /** Puts the run's network in Build and its data and settings in Train. */
  reopen(id: string): Promise<boolean> {
    return this.row(id, async () => {
      const run = await this.api['runs:get']({ id });
      const outcome = this.reopenRun(run);
      this.reopened = { id, dataMissing: outcome.dataMissing };
      this.open = outcome.dataMissing; // The note about the data stays in view; otherwise back to the Train tab.
    });
  }

  private replace(summary: RunSummary): void {
    this.runs = this.runs.map((r) => (r.id === summary.id ? summary : r));
  }

  private async row(id: string, work: () => Promise<void>): Promise<boolean> {
    this.busyId = id;
    const { [id]: _old, ...rest } = this.rowErrors;
    this.rowErrors = rest;
    try {
      await work();
      return true;
    } catch (e) {
      this.rowErrors = { ...this.rowErrors, [id]: e };
      return false;
    } finally {
      this.busyId = null;
    }
  }
}
