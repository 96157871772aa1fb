/**
 * The training worker's gate between batches when a run is watched: it holds the run
 * while paused, lets exactly one batch (or the rest of an epoch) through for a step and
 * pauses again, and spaces batches to a pace by sleeping on a timer (never a busy wait).
 * Every control message wakes it, so pause, resume, stop and a new pace act at once.
 *
 * The trainer asks `holds(next)` before every batch (its `holdBefore` hook) and awaits
 * `hold(next)` in `between`: at full speed and not paused, `holds` is false and the run
 * yields only on the trainer's own clock.
 */
import type { BatchPosition } from '../../engine';
import type { RunWatch, StepUnit } from '../ipc/contract';

export interface GateSignals {
  /** The run has stopped before a batch and waits (said once per pause). */
  paused(): void;
  resumed(): void;
  /** A step is over: what it trained is done and the run waits again. */
  stepped(unit: StepUnit): void;
}

export interface GateClock {
  now(): number;
}

interface Step {
  unit: StepUnit;
  /** Batches trained in all when the step was asked for. */
  fromStep: number;
  /** The epoch the step trains to the end of (for an epoch step). */
  epoch: number;
}

export class WatchGate {
  #paused: boolean;
  #saidPaused = false;
  #stopped = false;
  #step: Step | null = null;
  /** Milliseconds between two batches at the pace asked for; null = full speed. */
  #interval: number | null;
  #lastRelease = -Infinity;
  #next: BatchPosition = { epoch: 0, batch: 0 };
  #learningRate: number | null = null;
  #wake: (() => void) | null = null;

  /** `stepsDone`: the batches trained so far in the run (a step ends when it has grown by one). */
  constructor(
    watch: RunWatch | null | undefined,
    private readonly signals: GateSignals,
    private readonly stepsDone: () => number,
    private readonly clock: GateClock = { now: () => performance.now() },
  ) {
    this.#paused = watch?.paused ?? false;
    this.#interval = intervalOf(watch?.batchesPerSecond ?? null);
  }

  /** The base learning rate set during the run, if any (the trainer's `learningRate` hook). */
  get learningRate(): number | null {
    return this.#learningRate;
  }

  pause(): void {
    this.#paused = true;
  }

  /** Back to training (at the pace in force); a step under way becomes ordinary training. */
  resume(): void {
    this.#paused = false;
    this.#step = null;
    this.#wakeUp();
  }

  stop(): void {
    this.#stopped = true;
    this.#wakeUp();
  }

  /** Starts a step if the run is paused and no step is under way; false otherwise (nothing changes). */
  step(unit: StepUnit): boolean {
    if (!this.#paused || this.#step !== null || this.#stopped) return false;
    this.#step = { unit, fromStep: this.stepsDone(), epoch: this.#next.epoch };
    this.#wakeUp();
    return true;
  }

  pace(batchesPerSecond: number | null): void {
    this.#interval = intervalOf(batchesPerSecond);
    this.#wakeUp();
  }

  setLearningRate(rate: number): void {
    this.#learningRate = rate;
  }

  /** Whether the batch `next` must wait for the gate (the trainer's `holdBefore`). */
  holds(next: BatchPosition): boolean {
    this.#next = next;
    return this.#paused || this.#step !== null || this.#interval !== null;
  }

  /** Resolves when the batch `next` may train (or the run is to stop). */
  async hold(next: BatchPosition): Promise<void> {
    this.#next = next;
    for (;;) {
      if (this.#stopped) return;
      if (this.#step !== null && this.#stepOver(this.#step, next)) {
        const { unit } = this.#step;
        this.#step = null;
        this.signals.stepped(unit);
        continue;
      }
      if (this.#paused && this.#step === null) {
        if (!this.#saidPaused) {
          this.#saidPaused = true;
          this.signals.paused();
        }
        await this.#sleep(null);
        continue;
      }
      if (!this.#paused && this.#saidPaused) {
        this.#saidPaused = false;
        this.signals.resumed();
      }
      // A one-batch step goes at once; an epoch step keeps the pace, to be watched.
      if (this.#interval !== null && this.#step?.unit !== 'batch') {
        const wait = this.#lastRelease + this.#interval - this.clock.now();
        if (wait > 0) {
          await this.#sleep(wait);
          continue;
        }
      }
      this.#lastRelease = this.clock.now();
      return;
    }
  }

  #stepOver(step: Step, next: BatchPosition): boolean {
    return step.unit === 'batch' ? this.stepsDone() > step.fromStep : next.epoch > step.epoch;
  }

  /** Sleeps until woken by a control message, or `ms` milliseconds (null: until woken). */
  #sleep(ms: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const done = () => {
        if (timer !== null) clearTimeout(timer);
        if (this.#wake === done) this.#wake = null;
        resolve();
      };
      if (ms !== null) timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #wakeUp(): void {
    this.#wake?.();
  }
}

function intervalOf(batchesPerSecond: number | null): number | null {
  return batchesPerSecond === null ? null : 1000 / batchesPerSecond;
}
