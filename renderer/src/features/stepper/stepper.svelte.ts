/**
 * The backpropagation stepper's state: which sample, which weights, the engine's trace of one
 * training step on it (asked of the host: `explain:step`), and how far the student has stepped
 * through it (next / previous / play, or straight to Forward, Backward, Update). Every number
 * shown comes from the trace; nothing here computes a forward or a gradient.
 */
import type { DatasetChoice, ExplainedStep, ExplainRequest, LayerwiseApi, ModelRef } from '../../../../electron/ipc/contract';
import type { LossName, NetworkSpec } from '$engine';
import { errorText } from '../../lib/i18n/i18n.svelte';
import { plainSpec } from '../training/trainingSession.svelte';
import { firstOf, stagesOf, type Phase, type Stage } from './stepStages';

export type StepperApi = Pick<LayerwiseApi, 'explain:step'>;

/** What the step is taken on, read from the builder and the Train tab when the student asks. */
export interface StepperSource {
  spec: NetworkSpec;
  dataset: DatasetChoice;
  learningRate: number;
  /** The run just trained or a loaded model, when it is this network; null = a fresh seeded initialization. */
  trained: ModelRef | null;
  seed: number;
}

/** Milliseconds between two stages while playing. */
export const PLAY_INTERVAL = 1400;
/** Values per tensor asked for: a 28×28 image and a 32×32 weight grid stay whole. */
const MAX_VALUES = 4096;

export class Stepper {
  split = $state<'train' | 'test'>('train');
  sample = $state(0);
  /** null = the task's own loss, as training picks it. */
  loss = $state<LossName | null>(null);
  /** Use the trained weights when there are some for this network (else a fresh initialization). */
  useTrained = $state(true);

  result = $state.raw<ExplainedStep | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  error = $state<string | null>(null);
  /** Where the student stands in `stages`. */
  at = $state(0);
  playing = $state(false);
  /** The unit shown in detail for each layer with more than SMALL_LAYER units (by layer index). */
  units = $state<Record<number, number>>({});
  /** The weight written out for each layer: [unit j, input i]. */
  weights = $state<Record<number, [number, number]>>({});

  #token = 0;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly api: StepperApi, private readonly source: () => StepperSource | null) {}

  get stages(): Stage[] {
    return this.result ? stagesOf(this.result.trace) : [];
  }

  get stage(): Stage | null {
    return this.stages[this.at] ?? null;
  }

  /** Asks the host for the step on the chosen sample; the stepper restarts at the sample. */
  async load(): Promise<void> {
    const src = this.source();
    if (!src) return;
    const token = ++this.#token;
    this.stop();
    this.status = 'loading';
    this.error = null;
    const request: ExplainRequest = {
      spec: plainSpec(src.spec), weights: this.useTrained ? src.trained : null, seed: src.seed, dataset: src.dataset,
      split: this.split, sample: this.sample, loss: this.loss, learningRate: src.learningRate, maxValues: MAX_VALUES,
    };
    try {
      const result = await this.api['explain:step'](request);
      if (token !== this.#token) return;
      this.result = result;
      this.sample = result.sample;
      this.at = 0;
      this.status = 'ready';
    } catch (e) {
      if (token !== this.#token) return;
      this.error = errorText(e);
      this.status = 'failed';
    }
  }

  /** Another sample: by index, kept within the part's size once it is known. */
  async pick(sample: number): Promise<void> {
    const count = this.result?.sampleCount;
    this.sample = Math.max(0, count ? Math.min(count - 1, Math.round(sample)) : Math.round(sample));
    await this.load();
  }

  next(): boolean {
    if (this.at >= this.stages.length - 1) return false;
    this.at += 1;
    return true;
  }

  previous(): void {
    this.stop();
    if (this.at > 0) this.at -= 1;
  }

  /** Straight to the first stage of Forward, the loss, Backward or Update. */
  goTo(phase: Phase): void {
    this.stop();
    this.at = firstOf(this.stages, phase);
  }

  play(): void {
    if (this.playing || !this.result) return;
    if (this.at >= this.stages.length - 1) this.at = 0;
    this.playing = true;
    this.#timer = setInterval(() => {
      if (!this.next()) this.stop();
    }, PLAY_INTERVAL);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.playing = false;
  }

  unitOf(layer: number): number {
    return this.units[layer] ?? 0;
  }

  weightOf(layer: number): [number, number] {
    return this.weights[layer] ?? [0, 0];
  }

  chooseUnit(layer: number, unit: number): void {
    this.units = { ...this.units, [layer]: unit };
  }

  chooseWeight(layer: number, unit: number, input: number): void {
    this.weights = { ...this.weights, [layer]: [unit, input] };
  }

  dispose(): void {
    this.stop();
    this.#token++;
  }
}

/** What the stepper needs from the builder and the Train tab (kept narrow for tests). */
export interface StepperContext {
  editor: { readonly spec: NetworkSpec };
  session: {
    readonly hasCurrentModel: boolean;
    readonly modelRef: ModelRef | null;
    readonly modelSpec: NetworkSpec | null;
    readonly settings: { toDataset(): DatasetChoice; readonly learningRate: number | null; readonly seed: number | null };
  };
}

/**
 * The step's source: the builder's network, the Train tab's data, learning rate and seed, and the
 * trained weights when the model in hand was trained (or loaded) for this very network.
 */
export function stepperSource({ editor, session }: StepperContext): StepperSource {
  const spec = editor.spec;
  const same = session.modelSpec !== null && JSON.stringify(session.modelSpec) === JSON.stringify(spec);
  return {
    spec, dataset: session.settings.toDataset(), learningRate: session.settings.learningRate ?? 0.01,
    trained: same && session.modelRef ? session.modelRef : null, seed: session.settings.seed ?? 0,
  };
}
