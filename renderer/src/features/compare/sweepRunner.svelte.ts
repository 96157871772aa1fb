/**
 * Runs a sweep in the renderer: one run per value, one after the other, through the Train
 * tab's own session (so each run is an ordinary run: same data, same seed, live curves,
 * kept in the history by the host). After each run it finds the run's record (the one the
 * history did not list before) and adds it to the comparison. Stopping stops the run under
 * way and the ones left; a run that fails (a learning rate too big diverges) is marked so
 * and the sweep goes on. The settings it changed are put back at the end.
 */
import type { LayerwiseApi } from '../../../../electron/ipc/contract';
import type { NetworkSpec } from '$engine';
import type { Failure, TrainingSession } from '../training/trainingSession.svelte';
import type { TrainingSettings } from '../training/trainingSettings.svelte';
import type { Comparison } from './comparison.svelte';
import { applyToSpec, isLayerSetting, type SweepPlan, type SweepValue } from './sweeps';

export type SweepStepStatus = 'waiting' | 'running' | 'completed' | 'stopped' | 'failed' | 'skipped';
export interface SweepStep {
  value: SweepValue;
  status: SweepStepStatus;
  /** Its record in the history, once there. */
  recordId: string | null;
  /** Why it failed (the session's failure: a divergence, a refusal of the host). */
  failure: Failure | null;
}

type RunsApi = Pick<LayerwiseApi, 'runs:list'>;
/** Waits between two looks at the session or the history. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SweepRunner {
  plan = $state.raw<SweepPlan | null>(null);
  steps = $state.raw<SweepStep[]>([]);
  running = $state(false);
  private stopRequested = false;

  constructor(
    private readonly session: TrainingSession,
    private readonly comparison: Comparison,
    private readonly api: RunsApi,
    /** How long to wait for a run's record to appear in the history (it is written as the run ends). */
    private readonly recordWaitMs = 10_000,
  ) {}

  /** Runs every value of `plan` on `spec`; resolves when the last run ended or the sweep was stopped. */
  async run(plan: SweepPlan, spec: NetworkSpec, codeLayer: number | null = null): Promise<void> {
    if (this.running || this.session.active) return;
    this.running = true;
    this.stopRequested = false;
    this.plan = plan;
    this.steps = plan.values.map((value) => ({ value, status: 'waiting', recordId: null, failure: null }));
    this.comparison.clear();
    const settings = this.session.settings;
    const saved = snapshot(settings);
    try {
      for (let i = 0; i < plan.values.length; i++) {
        if (this.stopRequested) {
          this.setStep(i, { status: 'skipped' });
          continue;
        }
        // A run started by hand between two of the sweep's (Train is free then) ends first: the sweep's start would be ignored.
        while (this.session.active) await sleep(100);
        const value = plan.values[i]!;
        const runSpec = applyToSpec(spec, plan, value);
        applyToSettings(settings, plan, value);
        const before = new Set((await this.api['runs:list']({}).catch(() => [])).map((r) => r.id));
        this.setStep(i, { status: 'running' });
        this.comparison.live = { spec: runSpec, setting: plan.setting, value };
        await this.session.start(runSpec, null, codeLayer);
        while (this.session.active) await sleep(100);
        const ended = this.session.status;
        const failure = ended === 'failed' ? this.session.failure : null;
        this.setStep(i, { status: ended === 'completed' ? 'completed' : ended === 'stopped' ? 'stopped' : 'failed', failure });
        // A start the host refused never trained: it has no record to wait for.
        const recordId = failure?.reason === 'rejected' ? null : await this.newRecord(before);
        this.comparison.live = null;
        if (recordId !== null) {
          this.setStep(i, { recordId });
          await this.comparison.add(recordId);
        }
      }
    } finally {
      restore(settings, saved);
      this.comparison.live = null;
      this.running = false;
    }
  }

  /** Stops the run under way and skips those left. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopRequested = true;
    await this.session.stop();
  }

  private setStep(i: number, change: Partial<SweepStep>): void {
    this.steps = this.steps.map((s, j) => (j === i ? { ...s, ...change } : s));
  }

  /** The id of the record the host wrote for the run just ended: the newest not listed before it. */
  private async newRecord(before: ReadonlySet<string>): Promise<string | null> {
    const deadline = Date.now() + this.recordWaitMs;
    for (;;) {
      const runs = await this.api['runs:list']({}).catch(() => []);
      const fresh = runs.filter((r) => !before.has(r.id)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      if (fresh.length > 0) return fresh[0]!.id;
      if (Date.now() > deadline) return null;
      await sleep(150);
    }
  }
}

interface Saved {
  batchChoice: number;
  learningRate: number | null;
  optimizer: TrainingSettings['optimizer'];
  loss: TrainingSettings['loss'];
  scheduleType: TrainingSettings['scheduleType'];
}

function snapshot(s: TrainingSettings): Saved {
  return { batchChoice: s.batchChoice, learningRate: s.learningRate, optimizer: s.optimizer, loss: s.loss, scheduleType: s.scheduleType };
}

function restore(s: TrainingSettings, saved: Saved): void {
  s.optimizer = saved.optimizer; // before the rate: another optimizer may bring its own
  s.learningRate = saved.learningRate;
  s.batchChoice = saved.batchChoice;
  s.loss = saved.loss;
  s.scheduleType = saved.scheduleType;
}

/** Sets a hyperparameter's value for the next run (a layer's setting goes in its network instead). */
export function applyToSettings(s: TrainingSettings, plan: Pick<SweepPlan, 'setting'>, value: SweepValue): void {
  if (isLayerSetting(plan.setting)) return;
  switch (plan.setting) {
    case 'batchSize': s.batchChoice = Number(value); break;
    case 'learningRate': s.learningRate = Number(value); break;
    case 'optimizer': {
      // Only the optimizer changes: the rate stays the one chosen (the comparison is of optimizers, not of their usual rates).
      const rate = s.learningRate;
      s.optimizer = value as TrainingSettings['optimizer'];
      s.learningRate = rate;
      break;
    }
    case 'loss': s.loss = value as TrainingSettings['loss']; break;
    case 'schedule': s.scheduleType = value as TrainingSettings['scheduleType']; break;
  }
}
