/**
 * One window's training: the settings, the run in progress (a status machine driven by
 * the host's events), its live curves, the results of the last completed run and the
 * previous run's curves for comparison. The api is injected (tests pass a fake).
 *
 *   idle ─Train→ starting ─started/batches→ running ⇄ paused
 *   running|paused ─Stop→ stopping ─stopped→ stopped
 *   running ─testing→ testing ─completed→ completed          any active ─failed→ failed
 *   completed|stopped|failed ─Train→ starting …
 */
import type { Hyperparams, LayerwiseApi, ModelData, ModelRef, RequestOf, RunFinding, StepUnit, TestResult, TrainEvent } from '../../../../electron/ipc/contract';
import { type NetworkSpec, type EpochMetrics, type SampleSet, METRIC_NAMES, type MetricName, isMessage, type Message } from '$engine';
import { api as realApi } from '../../lib/api';
import { errorText, t } from '../../lib/i18n/i18n.svelte';
import { CellExamples } from './cellExamples.svelte';
import { FrameScheduler } from './frameScheduler';
import { RunCurves } from './runCurves';
import { TrainingSettings, type SettingsApi } from './trainingSettings.svelte';
import { PLANE_VIEW, PlaneRun, type PlaneApi } from '../playground/planeRun.svelte';
import { RunWatch, type WatchApi } from './runWatch.svelte';
import { ReconstructionRun } from './reconstructionRun.svelte';
import { InsideView } from './insideView.svelte';
import { runData } from '../draw/modelInput';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'testing' | 'completed' | 'stopped' | 'failed';
export type TrainingApi = Pick<
  LayerwiseApi,
  'train:start' | 'train:pause' | 'train:resume' | 'train:stop' | 'train:examples' | 'datasets:pick' | 'app:info' | 'onTrainEvent'
  | 'datasets:pickCsv' | 'datasets:uploadCsv' | 'datasets:saveCsv'
> & PlaneApi & WatchApi & Pick<SettingsApi, 'transportKind'>;

export type RunInfo = Omit<Extract<TrainEvent, { type: 'started' }>, 'type' | 'runId'>;
export interface Progress {
  /** The epoch under way, 1-based. */
  epoch: number;
  epochs: number;
  samplesDone: number;
  samplesTotal: number;
  samplesPerSecond: number;
  etaSeconds: number;
}
export interface Failure {
  /** 'rejected': the host refused to start (its error code is in `code`). */
  reason: 'diverged' | 'crashed' | 'error' | 'rejected';
  /** English; `detail` is the same as a catalog message, shown in the UI's language (`errorText`). */
  message: string;
  detail?: Message;
  code: string | null;
}
const ACTIVE: ReadonlySet<RunStatus> = new Set(['starting', 'running', 'paused', 'stopping', 'testing']);
const NO_PROGRESS: Progress = { epoch: 0, epochs: 0, samplesDone: 0, samplesTotal: 0, samplesPerSecond: 0, etaSeconds: 0 };

export class TrainingSession {
  /** The model the drawing pad predicts with: the last trained run, or a saved model. */
  modelRef = $state<ModelRef | null>(null);
  /** Name shown next to predictions ("just trained", or the saved model's name). */
  modelLabel = $state<string | null>(null);
  /** The network of that model, as it was trained or opened (Draw & test compares it with Build's). */
  modelSpec = $state.raw<NetworkSpec | null>(null);
  /** What that model reads and answers, and the points it trained on (Draw & test's plane, fields or pad). */
  modelData = $state.raw<ModelData | null>(null);
  /** True once a run has completed in this window: the host then holds a model that 'Save model' can store. */
  hasCurrentModel = $state(false);

  readonly settings: TrainingSettings;
  /** The run's picture over the plane (networks on 2 numbers trained on points in the plane). */
  readonly plane: PlaneRun;
  /** The live grid of test images of an autoencoder's run. */
  readonly reconstruction = new ReconstructionRun();
  status = $state<RunStatus>('idle');
  runId = $state<string | null>(null);
  info = $state.raw<RunInfo | null>(null);
  /** What the run's data are, as it started: its samples' kind and its class names (the matrix names its rows by them). */
  runData = $state.raw<{
    kind: 'images' | 'points' | 'rows';
    classNames: readonly string[] | null;
    /** Points or a table's rows: the test samples (built here from the run's own source), listed beside their predictions. */
    test: SampleSet | null;
    featureNames: readonly string[];
  } | null>(null);
  progress = $state.raw<Progress>(NO_PROGRESS);
  history = $state.raw<EpochMetrics[]>([]);
  /** The curves of the run under way (or last run), and of the one before, mutated in place: watch `frames`. */
  current = $state.raw<RunCurves | null>(null);
  previous = $state.raw<RunCurves | null>(null);
  /** Off: the comparison (features/compare) replaced the previous run's overlay; kept for the metrics' fallback and the chart's tests. */
  showPrevious = $state(false);
  /**
   * The metrics the curves chart besides the loss, in the task's order: the run's (from its
   * 'started' event, or what its history holds), else the previous run's while a new one starts.
   */
  readonly metrics = $derived(chartedMetrics(this.info, this.history, this.current, this.previous));
  /** The loss chart on a logarithmic axis. */
  logLoss = $state(false);
  test = $state.raw<TestResult | null>(null);
  /** What went wrong with the last completed run (chance level, one class for everything, …), with causes and fixes. */
  diagnosis = $state.raw<RunFinding[]>([]);
  seconds = $state<number | null>(null);
  failure = $state.raw<Failure | null>(null);
  stopMessage = $state<string | null>(null);
  /** The host's stop message as a catalog message. */
  stopDetail = $state.raw<Message | null>(null);
  /** The hyperparameters of the run under way or last run. */
  runHyperparams = $state.raw<Hyperparams | null>(null);
  /** A pause/resume/stop request on its way (its button waits). */
  pendingAction = $state<'pause' | 'resume' | 'stop' | null>(null);
  /** Why the last pause, resume or stop request failed (the thrown error). */
  #actionErrorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the last pause, resume or stop request failed, worded in the UI's current language (it follows a language change). */
  get actionError(): string | null {
    return this.#actionErrorCause && errorText(this.#actionErrorCause.cause);
  }

  /** The test images of the confusion-matrix cell picked. */
  readonly gallery: CellExamples;
  /** Step mode, pace, One step / One epoch and the live learning rate (runWatch.svelte.ts). */
  readonly watch: RunWatch;
  readonly inside: InsideView; // "Inside the network": each layer's gradients, activations and weights while training

  readonly active = $derived(ACTIVE.has(this.status));
  readonly canStart = $derived(!this.active);
  readonly canPause = $derived(this.status === 'running' && this.runId !== null && this.pendingAction === null);
  readonly canResume = $derived(this.status === 'paused' && this.runId !== null && this.pendingAction === null);
  readonly canStop = $derived(
    (this.status === 'running' || this.status === 'paused' || this.status === 'starting') && this.runId !== null && this.pendingAction !== 'stop',
  );
  /** Share of the run's training samples done, 0–1. */
  readonly fraction = $derived(
    this.status === 'completed' ? 1 : this.progress.samplesTotal > 0 ? Math.min(1, this.progress.samplesDone / this.progress.samplesTotal) : 0,
  );

  private unsubscribe: (() => void) | null = null;
  private buffered: TrainEvent[] = [];
  private runCount = 0;
  /** The network of the run under way, which becomes `modelSpec` when the run leaves a model. */
  private runSpec: NetworkSpec | null = null;
  private pendingModelData: ModelData | null = null;
  private startToken = 0;

  /** `frames` wakes the charts at most once per animation frame. */
  constructor(readonly api: TrainingApi = realApi, readonly frames = new FrameScheduler()) {
    this.settings = new TrainingSettings(api);
    this.gallery = new CellExamples(api);
    this.plane = new PlaneRun(api);
    this.inside = new InsideView(api, () => this);
    this.watch = new RunWatch(api, () => this, (rate) => {
      // The rate a teacher settled on mid-run is the one the next run starts with.
      if (this.runHyperparams) this.runHyperparams = { ...this.runHyperparams, learningRate: rate };
      this.settings.learningRate = rate;
    });
  }

  /**
   * Starts a run of `spec` with the current settings (no-op while one is active);
   * `firstStep`: One step or One epoch pressed without a run, which starts it paused and takes that step.
   */
  async start(spec: NetworkSpec, firstStep: StepUnit | null = null, codeLayer: number | null = null): Promise<void> {
    if (this.active) return;
    this.unsubscribe ??= this.api.onTrainEvent((e) => this.onEvent(e));
    const hyperparams = this.settings.toHyperparams();
    const dataset = this.settings.toDataset();
    const request = plainSpec(spec);
    const onPlane = dataset.source.kind === 'generated' || dataset.source.kind === 'points' || (dataset.source.kind === 'csv' && this.settings.table.onPlane);
    const planeView = onPlane && request.input_shape.reduce((a, b) => a * b, 1) === 2 ? PLANE_VIEW : null;
    this.plane.begin(onPlane ? JSON.stringify(dataset.source) : null, planeView !== null);
    const reconstruct = this.settings.reconstructs ? this.settings.reconstruction.toRequest(codeLayer) : null;
    this.reconstruction.begin(reconstruct !== null);
    this.runSpec = JSON.parse(JSON.stringify(spec)) as NetworkSpec; // as sent, whatever Build does next
    this.pendingModelData = runData(request, dataset, { task: this.settings.plane.dataset?.task ?? null, bounds: this.settings.plane.info?.bounds ?? null });
    if (reconstruct) this.pendingModelData = { ...this.pendingModelData, task: { kind: 'reconstruction' } };
    const numbers = this.settings.source === 'table' ? this.settings.table.dataset : this.settings.source === 'plane' ? this.settings.plane.dataset : null;
    this.runData = {
      kind: this.settings.sampleKind, classNames: this.settings.dataset?.classNames ?? null,
      test: numbers?.test ?? null, featureNames: numbers?.featureNames ?? ['x₁', 'x₂'],
    };
    if (this.current?.hasData) this.previous = this.current;
    this.current = new RunCurves(++this.runCount);
    this.runId = null;
    this.buffered = [];
    this.info = null;
    this.history = [];
    this.test = null;
    this.diagnosis = [];
    this.seconds = null;
    this.failure = null;
    this.stopMessage = null;
    this.stopDetail = null;
    this.#actionErrorCause = null;
    this.pendingAction = null;
    this.gallery.clear();
    this.runHyperparams = hyperparams;
    this.watch.begin(hyperparams.learningRate, firstStep);
    this.progress = { ...NO_PROGRESS, epoch: 1, epochs: hyperparams.epochs };
    this.status = 'starting';
    this.frames.invalidate();
    const token = ++this.startToken;
    try {
      const { runId } = await this.api['train:start']({
        spec: request, hyperparams, dataset, ...(planeView ? { planeView } : {}), watch: this.watch.request(), ...(reconstruct ? { reconstruct } : {}), ...this.inside.begin(),
      });
      if (token === this.startToken) this.adopt(runId);
    } catch (e) {
      if (token === this.startToken && this.status === 'starting') this.fail('rejected', { message: messageOf(e), detail: detailOf(e) }, codeOf(e));
    }
  }

  async pause(): Promise<void> {
    if (this.canPause) await this.control('pause', () => this.api['train:pause']({ runId: this.runId! }));
  }

  async resume(): Promise<void> {
    if (this.canResume) await this.control('resume', () => this.api['train:resume']({ runId: this.runId! }));
  }

  async stop(): Promise<void> {
    if (!this.canStop) return;
    const before = this.status;
    this.status = 'stopping';
    await this.control('stop', () => this.api['train:stop']({ runId: this.runId! }), () => {
      if (this.status === 'stopping') this.status = before;
    });
  }

  /** After a divergence: a learning rate ten times smaller for the next run. */
  lowerLearningRate(): void {
    const lr = this.runHyperparams?.learningRate ?? this.settings.learningRate ?? 0.001;
    this.settings.learningRate = Number((lr / 10).toPrecision(6));
  }

  /** Shows the test images of one confusion-matrix cell of the completed run, most confident first. */
  async showExamples(label: number, predicted: number): Promise<void> {
    if (this.test && this.runId) await this.gallery.show(this.test, this.runId, label, predicted);
  }

  setLogLoss(log: boolean): void {
    this.logLoss = log;
    this.frames.invalidate();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.frames.dispose();
  }

  private async control(action: 'pause' | 'resume' | 'stop', call: () => Promise<void>, undo?: () => void): Promise<void> {
    this.pendingAction = action;
    this.#actionErrorCause = null;
    try {
      await call();
    } catch (e) {
      undo?.();
      if (this.active) this.#actionErrorCause = { cause: e };
    } finally {
      if (this.pendingAction === action) this.pendingAction = null;
    }
  }

  /** Every event of the channel; only this window's run counts (events may come before `train:start` answers). */
  private onEvent(e: TrainEvent): void {
    if (this.runId === null) {
      if (this.status !== 'starting') return;
      if (e.type !== 'started') {
        if (this.buffered.length < 1000) this.buffered.push(e);
        return;
      }
      this.adopt(e.runId);
    }
    if (e.runId === this.runId) this.handle(e);
  }

  private adopt(runId: string): void {
    if (this.runId !== null) return;
    this.runId = runId;
    const waiting = this.buffered.filter((e) => e.runId === runId);
    this.buffered = [];
    for (const e of waiting) this.handle(e);
  }

  private handle(e: TrainEvent): void {
    const curves = this.current;
    switch (e.type) {
      case 'started': {
        const { type: _t, runId: _r, ...info } = e;
        this.info = info;
        curves?.configure(e.batchesPerEpoch, e.epochs, e.metrics);
        this.progress = { ...this.progress, epoch: 1, epochs: e.epochs, samplesTotal: e.trainCount * e.epochs };
        if (this.status === 'starting') this.status = 'running';
        break;
      }
      case 'batches':
        curves?.addBatches(e.steps, e.loss, e.metrics, e.learningRate);
        this.progress = {
          epoch: e.epoch + 1, epochs: this.progress.epochs, samplesDone: e.samplesDone, samplesTotal: e.samplesTotal,
          samplesPerSecond: e.samplesPerSecond, etaSeconds: e.etaSeconds,
        };
        if (this.status === 'starting') this.status = 'running';
        break;
      case 'epoch': {
        const { type: _t, runId: _r, ...metrics } = e;
        curves?.addEpoch(metrics);
        this.history = [...this.history.filter((m) => m.epoch !== metrics.epoch), metrics];
        break;
      }
      case 'paused':
        if (this.status === 'running') this.status = 'paused';
        break;
      case 'resumed':
        if (this.status === 'paused') this.status = 'running';
        break;
      case 'testing':
        this.status = 'testing';
        break;
      case 'completed':
        this.finish('completed', e.history);
        this.test = e.test;
        // An older host sends no diagnosis.
        this.diagnosis = e.diagnosis ?? [];
        this.seconds = e.seconds;
        this.modelRef = { kind: 'current' };
        this.modelLabel = t('training.justTrained');
        this.modelSpec = this.runSpec;
        this.modelData = this.pendingModelData;
        this.hasCurrentModel = true;
        void this.plane.finish();
        break;
      case 'stopped':
        this.finish('stopped', e.history);
        this.stopMessage = e.message;
        this.stopDetail = e.detail ?? null;
        void this.plane.finish();
        // The host keeps a stopped run's weights too: they can be tried on a drawing or saved.
        this.modelRef = { kind: 'current' };
        this.modelLabel = t('training.justTrained');
        this.modelSpec = this.runSpec;
        this.modelData = this.pendingModelData;
        this.hasCurrentModel = true;
        break;
      case 'failed':
        this.fail(e.reason, e, null);
        break;
      case 'plane':
        this.plane.show(e);
        return; // the plane view draws itself: no chart needs waking
      case 'reconstructions':
        this.reconstruction.show(e);
        return;
      case 'inside':
        this.inside.show(e);
        return;
    }
    this.watch.onEvent(e);
    this.frames.invalidate();
  }

  private finish(status: 'completed' | 'stopped', history: EpochMetrics[]): void {
    this.current?.setHistory(history);
    this.history = history;
    this.status = status;
    this.pendingAction = null;
  }

  private fail(reason: Failure['reason'], said: { message: string; detail?: Message | undefined }, code: string | null): void {
    this.failure = { reason, message: said.message, ...(said.detail ? { detail: said.detail } : {}), code };
    this.status = 'failed';
    this.pendingAction = null;
    this.frames.invalidate();
  }
}

function chartedMetrics(info: RunInfo | null, history: readonly EpochMetrics[], current: RunCurves | null, previous: RunCurves | null): MetricName[] {
  if (info && info.metrics.length > 0) return [...info.metrics];
  const held = METRIC_NAMES.filter((m) => history.some((e) => e.running[m] !== undefined || e.val?.[m] !== undefined));
  if (held.length > 0) return held;
  const known = current?.metrics ?? [];
  return known.length > 0 ? known : (previous?.metrics ?? []);
}

/** The spec as plain, mutable JSON (what the request schema types and what crosses the process boundary). */
export function plainSpec(spec: NetworkSpec): RequestOf<'train:start'>['spec'] {
  return JSON.parse(JSON.stringify(spec)) as RequestOf<'train:start'>['spec'];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function detailOf(e: unknown): Message | undefined {
  const detail = (e as { detail?: unknown } | null)?.detail;
  return isMessage(detail) ? detail : undefined;
}

function codeOf(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
