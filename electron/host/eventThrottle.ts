/**
 * Turns the trainer's per-batch events (thousands a second with tiny batches) into at
 * most `maxEventsPerSecond` 'batches' messages a second, each carrying every batch since
 * the previous one (nothing is dropped). Any other event flushes what is pending first,
 * so the renderer sees the batches of an epoch before that epoch's summary.
 */
import type { TrainEvent } from '../ipc/contract';
import { type TrainEvent as EngineTrainEvent, METRIC_NAMES } from '../../engine';

export type EngineBatchEvent = Extract<EngineTrainEvent, { type: 'batch' }>;
type BatchesEvent = Extract<TrainEvent, { type: 'batches' }>;

export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: ThrottleClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const DEFAULT_MAX_EVENTS_PER_SECOND = 30;

export interface EventThrottleOptions {
  maxEventsPerSecond?: number;
  clock?: ThrottleClock;
}

export class EventThrottle {
  private readonly interval: number;
  private readonly clock: ThrottleClock;
  private pending: BatchesEvent | null = null;
  private lastFlush = -Infinity;
  private timer: unknown = null;
  private closed = false;

  constructor(private readonly runId: string, private readonly emit: (event: TrainEvent) => void, opts: EventThrottleOptions = {}) {
    const rate = opts.maxEventsPerSecond ?? DEFAULT_MAX_EVENTS_PER_SECOND;
    if (!(rate > 0)) throw new RangeError(`maxEventsPerSecond must be > 0 (got ${rate}).`);
    this.interval = 1000 / rate;
    this.clock = opts.clock ?? realClock;
  }

  /** One trainer batch: kept, and sent with the others at the next flush. */
  batch(e: EngineBatchEvent): void {
    if (this.closed) return;
    if (this.pending && this.pending.epoch !== e.epoch) this.flush();
    const p = this.pending ??= {
      type: 'batches', runId: this.runId, epoch: e.epoch, steps: [], loss: [], metrics: {}, learningRate: [],
      samplesDone: 0, samplesTotal: 0, samplesPerSecond: 0, etaSeconds: 0,
    };
    p.steps.push(e.epoch * e.batchesPerEpoch + e.batch + 1);
    p.loss.push(e.measures.loss);
    p.learningRate.push(e.learningRate);
    for (const name of METRIC_NAMES) {
      const v = e.measures[name];
      if (v !== undefined) (p.metrics[name] ??= []).push(v);
    }
    p.samplesDone = e.samplesDone;
    p.samplesTotal = e.samplesTotal;
    p.samplesPerSecond = e.samplesPerSecond;
    p.etaSeconds = e.etaSeconds;
    this.schedule();
  }

  /** Any other event: pending batches go first, then the event, at once. */
  event(e: TrainEvent): void {
    if (this.closed) return;
    this.flush();
    this.emit(e);
  }

  /** Sends the pending batches now (if any). */
  flush(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.lastFlush = this.clock.now();
    this.emit(p);
  }

  /** Flushes, then ignores everything after (the run is over). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = this.lastFlush + this.interval - this.clock.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }
}
