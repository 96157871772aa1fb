/**
 * Watched training, the renderer's side: whether Train starts paused ("step by step"),
 * the pace a run keeps (batches a second, or full speed), One step and One epoch while
 * paused, the step counter, and the learning rate of the run under way, which a teacher
 * may change without stopping it. The session owns one and feeds it the run's events.
 *
 * Why change the rate live rather than restart: a restart draws new weights and starts the
 * boundary from scratch, so the effect of the rate is lost among everything else; changed
 * mid-run, the same boundary speeds up, slows down or starts to jitter within a few steps.
 * Batch size and activations shape the run itself (batches per epoch, the network): for
 * those, Stop and Train again — with the same seed, the new run starts from the same weights.
 */
import type { LayerwiseApi, RunWatch as RunWatchRequest, StepUnit, TrainEvent } from '../../../../electron/ipc/contract';
import { errorText } from '../../lib/i18n/i18n.svelte';

export type WatchApi = Pick<LayerwiseApi, 'train:step' | 'train:pace' | 'train:set'>;

/** The paces offered, in batches a second; null = full speed. */
export const PACES: readonly (number | null)[] = [1, 5, 20, null];
/** The bounds the host accepts for a learning rate (the same as the settings'). */
export const MAX_LEARNING_RATE = 10;

/** What the watch needs to know of the session's run. */
export interface WatchedRun {
  readonly runId: string | null;
  readonly status: string;
}

export class RunWatch {
  /** Train starts the run paused before its first batch. */
  stepMode = $state(false);
  /** Batches a second for the runs to come and the one under way; null = full speed. */
  pace = $state<number | null>(null);
  /** Batches trained so far in the run (the step counter). */
  steps = $state(0);
  /** The step asked for and not yet over. */
  stepping = $state<StepUnit | null>(null);
  /** The base learning rate of the run under way (changed live with `setLearningRate`). */
  learningRate = $state<number | null>(null);
  #errorCause = $state.raw<{ cause: unknown } | null>(null);
  /** One step or One epoch pressed before there was a run: the run starts paused and takes it at its first pause. */
  #firstStep: StepUnit | null = null;
  /** The pace the run was started with: one chosen while it was starting is sent once it has started. */
  #startPace: number | null = null;

  /** Why the last step, pace or rate request failed, in the UI's language. */
  get error(): string | null {
    return this.#errorCause && errorText(this.#errorCause.cause);
  }

  /** One step / One epoch: the run is paused and no step is under way. */
  get canStep(): boolean {
    const run = this.run();
    return run.status === 'paused' && run.runId !== null && this.stepping === null;
  }

  /** A run that takes a new pace or rate now. */
  get live(): boolean {
    const run = this.run();
    return (run.status === 'running' || run.status === 'paused') && run.runId !== null;
  }

  /** `onLearningRate`: the rate was changed live (the session keeps it for the next run and the run's settings). */
  constructor(
    private readonly api: WatchApi,
    private readonly run: () => WatchedRun,
    private readonly onLearningRate: (rate: number) => void = () => {},
  ) {}

  /** What `train:start` carries. */
  request(): RunWatchRequest {
    this.#startPace = this.pace;
    return { paused: this.stepMode || this.#firstStep !== null, batchesPerSecond: this.pace };
  }

  /** A new run with this learning rate; `firstStep`: started by One step or One epoch, which it takes once paused. */
  begin(learningRate: number, firstStep: StepUnit | null = null): void {
    this.steps = 0;
    this.stepping = firstStep;
    this.#firstStep = firstStep;
    this.learningRate = learningRate;
    this.#errorCause = null;
  }

  /** After the session has taken the event in (a step needs its status). */
  onEvent(e: TrainEvent): void {
    switch (e.type) {
      case 'started':
        if (this.pace !== this.#startPace) void this.setPace(this.pace);
        break;
      case 'paused': {
        const first = this.#firstStep;
        this.#firstStep = null;
        if (first !== null) {
          this.stepping = null;
          void this.step(first);
        }
        break;
      }
      case 'batches':
        if (e.steps.length > 0) this.steps = e.steps[e.steps.length - 1]!;
        break;
      case 'stepped':
        this.steps = e.step;
        this.stepping = null;
        break;
      case 'resumed':
      case 'testing':
      case 'completed':
      case 'stopped':
      case 'failed':
        this.stepping = null;
        this.#firstStep = null;
        break;
    }
  }

  /** One batch, or to the end of the epoch under way; the run pauses again after it. */
  async step(unit: StepUnit): Promise<void> {
    if (!this.canStep) return;
    this.stepping = unit;
    this.#errorCause = null;
    try {
      await this.api['train:step']({ runId: this.run().runId!, unit });
    } catch (e) {
      this.stepping = null;
      this.#errorCause = { cause: e };
    }
  }

  async setPace(batchesPerSecond: number | null): Promise<void> {
    this.pace = batchesPerSecond;
    if (!this.live) return;
    await this.#send(() => this.api['train:pace']({ runId: this.run().runId!, batchesPerSecond }));
  }

  /** A new base rate for the run under way, from its next batch; a rate out of bounds is ignored. */
  async setLearningRate(rate: number | null): Promise<void> {
    if (rate === null || !(rate > 0 && rate <= MAX_LEARNING_RATE) || !this.live || rate === this.learningRate) return;
    const before = this.learningRate;
    this.learningRate = rate;
    const ok = await this.#send(() => this.api['train:set']({ runId: this.run().runId!, learningRate: rate }));
    if (ok) this.onLearningRate(rate);
    else if (this.learningRate === rate) this.learningRate = before;
  }

  async #send(call: () => Promise<void>): Promise<boolean> {
    this.#errorCause = null;
    try {
      await call();
      return true;
    } catch (e) {
      this.#errorCause = { cause: e };
      return false;
    }
  }
}
