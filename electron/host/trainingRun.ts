/**
 * The host's side of one training run: its worker thread, the control messages to it,
 * and the translation of what it posts into contract `TrainEvent`s (batches throttled).
 * However the run ends — completed, stopped, diverged, an error, or the worker dying —
 * exactly one final event is emitted, `onEnd` is called just before it (so the host's
 * state is ready when the renderer reacts), and the worker is terminated.
 */
import type { Worker } from 'node:worker_threads';
import { MAX_EXAMPLES_SENT, MAX_SAMPLES_SENT, type InsideViewRequest, type StepUnit, type TestResult, type TrainEvent } from '../ipc/contract';
import { isOutOfMemory, diagnoseRun, type EpochMetrics, formatMessage, msg, type Message, LossTrailBuilder, type LossTrail, type RunTest, MAX_RECORDED_MISTAKES } from '../../engine';
import { EventThrottle, type ThrottleClock } from './eventThrottle';
import type { DatasetCounts } from './datasetRegistry';
import { clip, HostError } from './hostError';
import { TestResults } from './testResults';
import type { ModelBytes, TrainJob, TrainWorkerMessage } from './workerProtocol';

export type StartedInfo = Extract<TrainWorkerMessage, { type: 'started' }>;

export interface RunOutcome {
  status: 'completed' | 'stopped' | 'failed';
  /** The trained weights (completed or stopped runs). */
  model: ModelBytes | null;
  history: EpochMetrics[];
  testAccuracy: number | null;
  results: TestResults | null;
  started: StartedInfo | null;
  /** The learning rate last set while the run trained (`train:set`); null if it kept its own. */
  learningRate: number | null;
  /** The batch-level loss, as the Train tab drew it (bounded: see lossTrail.ts), for the run history. */
  batchLoss: LossTrail;
  /** The test set's results (completed runs that had one). */
  test: RunTest | null;
  /** Training time as the worker measured it (completed and stopped runs); null when the worker did not say. */
  seconds: number | null;
  /** Why the run stopped or failed, as its final event says it; null for a completed run. */
  detail: Message | null;
}

export interface TrainingRunOptions {
  job: TrainJob;
  worker: Worker;
  emit(event: TrainEvent): void;
  /** Just before the final event. */
  onEnd(outcome: RunOutcome): void;
  onStarted?(info: StartedInfo): void;
  /** The worker read the dataset (its full size, before any limit). */
  onLoaded?(counts: DatasetCounts): void;
  onSnapshot?(epoch: number, model: ModelBytes): void;
  maxEventsPerSecond?: number;
  clock?: ThrottleClock;
  /** After a stop, how long the worker has to answer before it is terminated (default 5 s). */
  stopGraceMs?: number;
}

/** Events that end a run carry their message twice: English (logs) and as a catalog message (the UI). */
const said = (detail: Message) => ({ message: formatMessage(detail), detail });
const STOPPED = msg('train.stopped');

export class TrainingRun {
  readonly runId: string;
  /** Resolves once the run has ended, however it ended. */
  readonly ended: Promise<RunOutcome>;
  private state: 'running' | 'stopping' | 'ended' = 'running';
  private readonly throttle: EventThrottle;
  private readonly history: EpochMetrics[] = [];
  private started: StartedInfo | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  /** As the worker last said ('paused' … 'resumed'): a step needs a paused run. */
  private paused = false;
  /** A step asked for and not yet over ('stepped'). */
  private stepping = false;
  private learningRate: number | null = null;
  private readonly trail = new LossTrailBuilder();
  private resolveEnded!: (outcome: RunOutcome) => void;

  constructor(private readonly opts: TrainingRunOptions) {
    this.runId = opts.job.runId;
    this.ended = new Promise((resolve) => { this.resolveEnded = resolve; });
    this.throttle = new EventThrottle(this.runId, opts.emit, { maxEventsPerSecond: opts.maxEventsPerSecond, clock: opts.clock });
    const { worker } = opts;
    worker.on('message', (m: TrainWorkerMessage) => this.onMessage(m));
    worker.on('messageerror', (err) => this.crash(err.message));
    worker.on('error', (err) => this.crash(err instanceof Error ? err.message : String(err), err));
    worker.on('exit', (code) => this.crash(`exit code ${code}`));
    worker.postMessage({ type: 'job', job: opts.job });
  }

  get active(): boolean {
    return this.state !== 'ended';
  }

  /** The worker this run trains in (tests reach in to kill it). */
  get worker(): Worker {
    return this.opts.worker;
  }

  pause(): void {
    if (this.state === 'running') this.opts.worker.postMessage({ type: 'pause' });
  }

  resume(): void {
    if (this.state === 'running') this.opts.worker.postMessage({ type: 'resume' });
  }

  /** One batch, or to the end of the epoch under way, then paused again; refused unless the run is paused and not already stepping. */
  step(unit: StepUnit): void {
    if (this.state !== 'running') return;
    if (!this.paused) throw new HostError('invalid-request', msg('general.stepNeedsPause'));
    if (this.stepping) throw new HostError('busy', msg('general.stepUnderWay'));
    this.stepping = true;
    this.opts.worker.postMessage({ type: 'step', unit });
  }

  /** Holds the run to `batchesPerSecond` from now on (null = full speed). */
  pace(batchesPerSecond: number | null): void {
    if (this.state === 'running') this.opts.worker.postMessage({ type: 'pace', batchesPerSecond });
  }

  /** The base learning rate from the next batch on. */
  setLearningRate(learningRate: number): void {
    if (this.state !== 'running') return;
    this.learningRate = learningRate;
    this.opts.worker.postMessage({ type: 'learningRate', learningRate });
  }

  /** The inside-the-network statistics from the next batch on (null = none: the view was closed). */
  setInside(view: InsideViewRequest | null): void {
    if (this.state === 'running') this.opts.worker.postMessage({ type: 'inside', view });
  }

  /** Asks the worker to stop before its next batch; terminates it if it does not answer in time. */
  stop(): void {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.opts.worker.postMessage({ type: 'stop' });
    this.graceTimer = setTimeout(() => {
      this.finish({ type: 'stopped', runId: this.runId, history: [...this.history], ...said(STOPPED) }, this.outcome('stopped'));
    }, this.opts.stopGraceMs ?? 5000);
  }

  /** Ends the run at once without any event (the client went away). */
  async kill(): Promise<void> {
    if (this.state === 'ended') return;
    this.end();
    this.resolveEnded({ ...this.outcome('failed'), detail: msg('runs.windowClosed') });
    await this.opts.worker.terminate().catch(() => 0);
  }

  private onMessage(m: TrainWorkerMessage): void {
    if (this.state === 'ended') return;
    const runId = this.runId;
    switch (m.type) {
      case 'loaded':
        this.opts.onLoaded?.(m.counts);
        break;
      case 'started':
        this.started = m;
        this.opts.onStarted?.(m);
        this.throttle.event({
          type: 'started', runId, dataset: m.dataset, trainCount: m.trainCount, valCount: m.valCount, testCount: m.testCount,
          batchesPerEpoch: m.batchesPerEpoch, epochs: m.epochs, params: m.params, threads: m.threads, head: m.head, metrics: m.metrics,
          bounds: m.bounds,
        });
        break;
      case 'plane':
        // Forwarded as it comes (the worker paces them), then acknowledged: at most one frame is ever on its way.
        this.throttle.event({ type: 'plane', runId, step: m.step, epoch: m.epoch, ...m.frame });
        if (this.state === 'running') this.opts.worker.postMessage({ type: 'planeAck' });
        break;
      case 'reconstructions':
        this.throttle.event({ type: 'reconstructions', runId, step: m.step, epoch: m.epoch, ...m.frame });
        if (this.state === 'running') this.opts.worker.postMessage({ type: 'reconstructionsAck' });
        break;
      case 'events':
        for (const e of m.events) {
          if (e.type === 'batch') {
            this.trail.push(e.epoch * e.batchesPerEpoch + e.batch + 1, e.measures.loss);
            this.throttle.batch(e);
          }
          else if (e.type === 'epoch') {
            const { type: _type, ...metrics } = e;
            this.history.push(metrics);
            this.throttle.event({ type: 'epoch', runId, ...metrics });
          } else if (e.type === 'inside') {
            // Paced by the worker (at most one per the view's everyMs): passed on as it comes.
            this.throttle.event({ ...e, runId });
          }
        }
        break;
      case 'paused':
      case 'resumed':
      case 'testing':
        this.paused = m.type === 'paused';
        if (m.type !== 'paused') this.stepping = false;
        this.throttle.event({ type: m.type, runId });
        break;
      case 'stepped':
        this.stepping = false;
        this.throttle.event({ type: 'stepped', runId, unit: m.unit, step: m.step, epoch: m.epoch });
        break;
      case 'snapshot':
        this.opts.onSnapshot?.(m.epoch, m.model);
        break;
      case 'diverged':
        this.finish({ type: 'failed', runId, reason: 'diverged', ...(m.detail ? said(m.detail) : { message: m.message }) }, this.outcome('failed'));
        break;
      case 'error':
        if (!m.expected) console.error(`Layerwise: training run ${runId} failed:`, m.stack ?? m.message);
        this.finish({
          type: 'failed', runId, reason: 'error',
          ...(!m.expected ? said(msg('train.internalError')) : m.detail ? { message: m.message, detail: m.detail } : { message: m.message }),
        }, this.outcome('failed'));
        break;
      case 'result': {
        const results = m.predictions ? new TestResults(runId, m.predictions) : null;
        const outcome: RunOutcome = {
          status: m.status, model: m.model, history: m.history, testAccuracy: m.test?.measures.accuracy ?? null, results, started: this.started,
          learningRate: this.learningRate, batchLoss: this.trail.trail(),
          test: m.test ? {
            count: m.test.count, measures: m.test.measures, confusion: m.test.confusion,
            // A few of the images it got wrong, for the lab report (not kept for numbers: there is no picture).
            ...(results ? { misclassified: results.misclassified(MAX_RECORDED_MISTAKES).map(({ label, predicted, confidence, pixels }) => ({ label, predicted, confidence: Math.min(1, Math.max(0, confidence)), pixels })) } : {}),
          } : null,
          seconds: m.seconds, detail: null,
        };
        if (m.status === 'completed') {
          const test: TestResult | null = m.test ? {
            count: m.test.count, measures: m.test.measures, confusion: m.test.confusion,
            // Without images to list (numbers), the matrix still counts the mistakes: every cell off its diagonal.
            misclassified: results ? results.misclassified(MAX_EXAMPLES_SENT) : [], misclassifiedCount: results ? results.misclassifiedCount : offDiagonal(m.test.confusion),
            ...(m.samplePredictions ? { samples: {
              predicted: Array.from(m.samplePredictions.predicted.subarray(0, MAX_SAMPLES_SENT)),
              confidence: Array.from(m.samplePredictions.confidence.subarray(0, MAX_SAMPLES_SENT), (c) => Math.round(c * 1e4) / 1e4),
            } } : {}),
          } : null;
          const { config, spec } = this.opts.job;
          const diagnosis = diagnoseRun({ history: m.history, test: m.test, config, spec });
          this.finish({ type: 'completed', runId, test, history: m.history, seconds: m.seconds, diagnosis }, outcome);
        } else {
          const detail = m.detail ?? (m.message === null ? STOPPED : undefined);
          this.finish({ type: 'stopped', runId, history: m.history, ...(detail ? said(detail) : { message: m.message! }) }, outcome);
        }
        break;
      }
    }
  }

  private crash(why: string, err?: unknown): void {
    if (this.state === 'ended') return;
    console.error(`Layerwise: the worker of training run ${this.runId} stopped unexpectedly (${why}).`, err ?? '');
    if (isOutOfMemory(err)) {
      this.finish({ type: 'failed', runId: this.runId, reason: 'error', ...said(msg('train.outOfMemory')) }, this.outcome('failed'));
      return;
    }
    this.finish({
      type: 'failed', runId: this.runId, reason: 'crashed',
      ...said(msg('train.crashed', { why: clip(why, 200) })),
    }, this.outcome('failed'));
  }

  private outcome(status: RunOutcome['status']): RunOutcome {
    return {
      status, model: null, history: [...this.history], testAccuracy: null, results: null, started: this.started, learningRate: this.learningRate,
      batchLoss: this.trail.trail(), test: null, seconds: null, detail: null,
    };
  }

  private finish(event: TrainEvent, outcome: RunOutcome): void {
    if (this.state === 'ended') return;
    this.throttle.flush();
    this.end();
    try {
      const detail = (event.type === 'stopped' || event.type === 'failed') ? event.detail ?? null : null;
      this.opts.onEnd({ ...outcome, detail });
    } finally {
      this.opts.emit(event);
      this.resolveEnded(outcome);
      void this.opts.worker.terminate().catch(() => 0);
    }
  }

  private end(): void {
    this.state = 'ended';
    this.throttle.close();
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }
}

/** The samples a confusion matrix counts as mistakes (0 without one). */
function offDiagonal(confusion: number[][] | null): number {
  let wrong = 0;
  confusion?.forEach((row, r) => row.forEach((n, c) => { if (r !== c) wrong += n; }));
  return wrong;
}
