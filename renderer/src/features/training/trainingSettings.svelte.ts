/**
 * What the next run trains on and how: the dataset (bundled MNIST or a picked folder, an
 * optional size limit) and the hyperparameters, with sensible defaults. Fields are kept
 * as typed (null = an empty number box) and checked here; the form shows each problem
 * next to its field, and the request is built only from valid settings.
 *
 * The thread count is a choice about this machine rather than the network: the host says
 * how many cores there are (`app:info`), and a saved model neither records nor resets it.
 */
import type { DatasetChoice, DatasetInfo, Hyperparams, LayerwiseApi } from '../../../../electron/ipc/contract';
import { SvelteSet } from 'svelte/reactivity';
import { errorText } from '../../lib/i18n/i18n.svelte';
import type { NetworkStorage } from '../builder/networkStorage';
import { readStoredSettings, writeStoredSettings, type StoredSettings } from './settingsStorage';
import { checkSettings, effectiveValidation, type FieldProblems, type SampleKind } from './settingsRules';
import { PlaneData } from './planeData.svelte';
import { TableData, type TablePart } from './tableData.svelte';
import { ReconstructionSettings, type ImageTask } from './reconstructionSettings.svelte';
import { type AnalyzeOptions, DEFAULT_LEARNING_RATES, SETTING_LIMITS, DEFAULT_VALIDATION_SIZE, analyzeOptionsFor } from '$engine';
export { DEFAULT_LEARNING_RATES } from '$engine';

export type Optimizer = Hyperparams['optimizer'];
export type Loss = Hyperparams['loss'];
export type ScheduleType = Hyperparams['schedule']['type'];
export type DatasetSource = 'bundled' | 'folder' | 'plane' | 'table';

export const OPTIMIZERS: readonly Optimizer[] = ['sgd', 'momentum', 'nesterov', 'adam'];
export const LOSSES: readonly Loss[] = ['categorical_crossentropy', 'mean_squared_error', 'binary_crossentropy', 'mean_absolute_error'];
export const SCHEDULES: readonly ScheduleType[] = ['constant', 'step', 'exponential'];
/** Training-set limits for quick runs (images only); null = all images. */
export const LIMITS: readonly (number | null)[] = [1000, 5000, 10000, null];
/** Batch sizes offered; WHOLE_SET means every training sample in one batch. */
export const BATCH_SIZES: readonly number[] = [1, 8, 16, 32, 64, 128, 256, 512];
export const WHOLE_SET = 0;
/** The schema's largest batch. */
export const MAX_BATCH = 60_000;

/**
 * Each optimizer's usual starting learning rate (the Keras defaults, and a plain-SGD rate
 * big enough to learn MNIST in a few epochs); momentum multiplies the step by about ten.
 */
/** Validation samples when none is typed: a tenth of the training samples, at most 5,000 (the engine's default). */
export const DEFAULT_VALIDATION = DEFAULT_VALIDATION_SIZE;

/** The thread choice that leaves the count to the host (`AppInfo.automaticThreads`). */
export const AUTOMATIC_THREADS = 0;
/** The most threads (the engine's bound, which the contract's schema uses too). */
export const MAX_THREADS = SETTING_LIMITS.threads.max;

/** What the host says about the machine that trains. */
export interface MachineInfo {
  cores: number;
  automaticThreads: number;
}

/** The bundled set (the host's MNIST: 60,000 training and 10,000 test images). */
export const BUNDLED_MNIST: DatasetInfo = {
  token: null, name: 'MNIST', trainCount: 60_000, testCount: 10_000, rows: 28, cols: 28, inputShape: [28, 28, 1], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

export type SettingsApi = Pick<LayerwiseApi, 'datasets:pick' | 'app:info' | 'datasets:pickCsv' | 'datasets:uploadCsv'> & {
  /** 'web': a browser page, which picks table files itself (the host has no dialog to show there). */
  transportKind?: () => 'electron' | 'web';
};

export class TrainingSettings {
  source = $state<DatasetSource>('bundled');
  readonly bundledInfo: DatasetInfo = BUNDLED_MNIST;
  folderInfo = $state.raw<DatasetInfo | null>(null);
  picking = $state(false);
  /** Why the last folder could not be used (the thrown error). */
  #pickErrorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the picked folder cannot be used, worded in the UI's current language (it follows a language change). */
  get pickError(): string | null {
    return this.#pickErrorCause && errorText(this.#pickErrorCause.cause);
  }
  limit = $state<number | null>(null);
  /** "Points in the plane": a generated set or the student's own points. */
  readonly plane = new PlaneData();
  /** "A table (CSV)": a file the host read, with the columns the student chose. */
  readonly table = new TableData();
  /** Images: classify them, or give them back (an autoencoder), with the damage done to its inputs. */
  readonly reconstruction = new ReconstructionSettings();
  /** The next run is an autoencoder's: images, asked to be given back. */
  readonly reconstructs = $derived((this.source === 'bundled' || this.source === 'folder') && this.reconstruction.task === 'reconstruct');
  /** The limit that applies: points in the plane and tables are small and always used whole. */
  readonly activeLimit = $derived(this.source === 'plane' || this.source === 'table' ? null : this.limit);

  epochs = $state<number | null>(3);
  /** A batch size, or WHOLE_SET. */
  batchChoice = $state<number>(64);
  learningRate = $state<number | null>(DEFAULT_LEARNING_RATES.adam);
  #optimizer = $state<Optimizer>('adam');
  scheduleType = $state<ScheduleType>('constant');
  stepEvery = $state<number | null>(1);
  stepFactor = $state<number | null>(0.5);
  expRate = $state<number | null>(0.9);
  expDecaySteps = $state<number | null>(1000);
  weightDecay = $state<number | null>(0);
  loss = $state<Loss>('categorical_crossentropy');
  /** The validation size typed; undefined until one is (the size then follows the data: `validationDefault`). */
  validationTyped = $state<number | null | undefined>(undefined);
  seed = $state<number | null>(1);
  /** A thread count, or AUTOMATIC_THREADS. */
  threadChoice = $state<number>(AUTOMATIC_THREADS);
  /** Null until `loadMachine` has heard from the host (or when it could not). */
  machine = $state.raw<MachineInfo | null>(null);

  /** The dataset the next run uses (null: a folder is wanted but none is chosen yet). */
  readonly dataset = $derived<DatasetInfo | null>(
    this.source === 'folder' ? this.folderInfo : this.source === 'plane' ? this.plane.info : this.source === 'table' ? this.table.info : this.bundledInfo,
  );
  /** What one sample is, for the hints that name it. */
  readonly sampleKind = $derived<SampleKind>(this.source === 'plane' ? 'points' : this.source === 'table' ? 'rows' : 'images');
  /** Training samples drawn from (after the limit), validation included. */
  readonly trainCount = $derived(this.dataset ? (this.activeLimit === null ? this.dataset.trainCount : Math.min(this.activeLimit, this.dataset.trainCount)) : 0);
  readonly validationDefault = $derived(Math.min(DEFAULT_VALIDATION, Math.floor(this.trainCount / 10)));
  /** Validation samples actually held out: a limited set keeps at most a tenth (as the host does). */
  readonly validationCount = $derived(effectiveValidation(this.validationSize ?? 0, this.activeLimit, this.dataset?.trainCount ?? 0));
  readonly fitCount = $derived(Math.max(0, this.trainCount - this.validationCount));
  readonly batchSize = $derived(this.batchChoice === WHOLE_SET ? Math.max(1, Math.min(this.fitCount, MAX_BATCH)) : this.batchChoice);
  /** Batch sizes to offer: the presets, plus a non-preset value applied from a saved model. */
  readonly batchChoices = $derived(
    BATCH_SIZES.includes(this.batchChoice) || this.batchChoice === WHOLE_SET ? BATCH_SIZES : [...BATCH_SIZES, this.batchChoice].sort((a, b) => a - b),
  );
  /** Thread counts to offer besides automatic: one to every core, plus a count chosen before the cores were known. */
  readonly threadChoices = $derived.by(() => {
    const most = this.machine ? Math.min(Math.max(1, this.machine.cores), MAX_THREADS) : 0;
    const counts = Array.from({ length: most }, (_, i) => i + 1);
    const chosen = this.threadChoice;
    return chosen === AUTOMATIC_THREADS || counts.includes(chosen) ? counts : [...counts, chosen].sort((a, b) => a - b);
  });
  /** What the chosen data expect of the network's output (the builder checks the network against it). */
  readonly analyzeOptions = $derived<AnalyzeOptions>(
    this.source === 'plane' ? this.plane.analyzeOptions : this.source === 'table' ? this.table.analyzeOptions
      : this.reconstructs ? analyzeOptionsFor({ kind: 'reconstruction' }) : {},
  );
  /** The chosen data ask for values (the regression surface, a table's numbers): the loss must be a distance. */
  readonly valuesTask = $derived(
    (this.source === 'plane' ? this.plane.dataset : this.source === 'table' ? this.table.dataset : null)?.task.kind === 'regression',
  );
  readonly problems: FieldProblems = $derived(checkSettings(this, this.source === 'table' ? this.table.issue : this.plane.problem));
  /** Number boxes whose text cannot be read: their last value is kept, but no run starts until they are fixed. */
  readonly unreadable = new SvelteSet<string>();
  readonly valid = $derived(
    Object.keys(this.problems).length === 0 && this.unreadable.size === 0 && (!this.reconstructs || this.reconstruction.valid),
  );

  private machineRequest: Promise<void> | null = null;

  constructor(private readonly api: SettingsApi) {}

  get optimizer(): Optimizer {
    return this.#optimizer;
  }

  /** Another optimizer brings its own usual learning rate, unless the rate was changed from the last one's. */
  set optimizer(next: Optimizer) {
    if (this.learningRate === DEFAULT_LEARNING_RATES[this.#optimizer]) this.learningRate = DEFAULT_LEARNING_RATES[next];
    this.#optimizer = next;
  }

  get validationSize(): number | null {
    return this.validationTyped === undefined ? this.validationDefault : this.validationTyped;
  }

  set validationSize(size: number | null) {
    this.validationTyped = size;
  }

  /**
   * Classify or reconstruct the images. The loss follows when it no longer fits: binary
   * cross-entropy for a reconstruction (the course found it better than MSE), cross-entropy for classes.
   */
  setTask(task: ImageTask): void {
    this.reconstruction.task = task;
    if (task === 'reconstruct' && this.loss === 'categorical_crossentropy') this.loss = 'binary_crossentropy';
    if (task === 'classify' && this.loss === 'binary_crossentropy') this.loss = 'categorical_crossentropy';
  }

  /** A number box says whether its text can be read (see NumberField's `onreadable`). */
  markReadable(field: string, readable: boolean): void {
    if (readable) this.unreadable.delete(field);
    else this.unreadable.add(field);
  }

  /**
   * Restores the settings kept from the last launch and keeps every later change (the
   * app calls this once; tests leave it out and start from the defaults). Returns the cleanup.
   */
  remember(storage: NetworkStorage | null): () => void {
    const shape = { limits: LIMITS, optimizers: OPTIMIZERS, losses: LOSSES, schedules: SCHEDULES, maxBatch: MAX_BATCH, maxThreads: MAX_THREADS };
    this.restore(readStoredSettings(storage, shape));
    this.plane.useStorage(storage);
    return $effect.root(() => {
      $effect(() => writeStoredSettings(storage, this.snapshot()));
    });
  }

  snapshot(): StoredSettings {
    return {
      limit: this.limit, epochs: this.epochs, batchChoice: this.batchChoice, learningRate: this.learningRate, optimizer: this.#optimizer,
      scheduleType: this.scheduleType, stepEvery: this.stepEvery, stepFactor: this.stepFactor, expRate: this.expRate,
      expDecaySteps: this.expDecaySteps, weightDecay: this.weightDecay, loss: this.loss, seed: this.seed, threadChoice: this.threadChoice,
      ...(this.validationTyped === undefined ? {} : { validationTyped: this.validationTyped }),
      // A folder's or a table's token lasts one session: only MNIST or the plane is remembered.
      source: this.source === 'plane' ? 'plane' : 'bundled', plane: this.plane.snapshot(),
      imageTask: this.reconstruction.task, corruption: this.reconstruction.snapshot(),
    };
  }

  restore(s: Partial<StoredSettings>): void {
    if (s.optimizer !== undefined) this.#optimizer = s.optimizer;
    if (s.limit !== undefined) this.limit = s.limit;
    if (s.epochs !== undefined) this.epochs = s.epochs;
    if (s.batchChoice !== undefined) this.batchChoice = s.batchChoice;
    if (s.learningRate !== undefined) this.learningRate = s.learningRate;
    if (s.scheduleType !== undefined) this.scheduleType = s.scheduleType;
    if (s.stepEvery !== undefined) this.stepEvery = s.stepEvery;
    if (s.stepFactor !== undefined) this.stepFactor = s.stepFactor;
    if (s.expRate !== undefined) this.expRate = s.expRate;
    if (s.expDecaySteps !== undefined) this.expDecaySteps = s.expDecaySteps;
    if (s.weightDecay !== undefined) this.weightDecay = s.weightDecay;
    if (s.loss !== undefined) this.loss = s.loss;
    if (s.validationTyped !== undefined) this.validationTyped = s.validationTyped;
    if (s.seed !== undefined) this.seed = s.seed;
    if (s.threadChoice !== undefined) this.threadChoice = s.threadChoice;
    if (s.source !== undefined) this.source = s.source;
    if (s.plane !== undefined) this.plane.restore(s.plane);
    if (s.imageTask !== undefined) this.reconstruction.task = s.imageTask;
    if (s.corruption !== undefined) this.reconstruction.restore(s.corruption);
  }

  /** Asks the host about the machine once; after a failure, the next call asks again. */
  loadMachine(): Promise<void> {
    this.machineRequest ??= this.api['app:info']({}).then(
      (info) => {
        this.machine = { cores: info.cores, automaticThreads: info.automaticThreads };
      },
      () => {
        // Without the count the form still works: "Automatic" without its number.
        this.machineRequest = null;
      },
    );
    return this.machineRequest;
  }

  /** The native folder dialog; a folder that does not hold valid IDX files is reported in plain words. */
  async pickFolder(): Promise<void> {
    if (this.picking) return;
    this.picking = true;
    this.#pickErrorCause = null;
    try {
      const info = await this.api['datasets:pick']({});
      if (info) {
        this.folderInfo = info;
        this.source = 'folder';
      }
    } catch (e) {
      this.#pickErrorCause = { cause: e };
    } finally {
      this.picking = false;
    }
  }

  /** In a browser the page's own file input picks a table; the desktop app asks the host's native dialog. */
  get pagePicksFiles(): boolean {
    return this.api.transportKind?.() === 'web';
  }

  /** The host's native dialog for a table file (or its test part). */
  pickTable(part: TablePart): Promise<void> {
    return this.table.pickNative(this.api, part);
  }

  /** A table file picked by the page (web mode), sent to the host. */
  uploadTable(file: File, part: TablePart): Promise<void> {
    return this.table.upload(this.api, file, part);
  }

  /** Settings recovered from a saved model (fields that are missing keep their value; the thread count is never among them). */
  apply(h: Partial<Hyperparams>): void {
    if (h.epochs !== undefined) this.epochs = h.epochs;
    if (h.batchSize !== undefined) this.batchChoice = h.batchSize;
    if (h.optimizer !== undefined) this.#optimizer = h.optimizer;
    if (h.learningRate !== undefined) this.learningRate = h.learningRate;
    if (h.weightDecay !== undefined) this.weightDecay = h.weightDecay;
    if (h.loss !== undefined) this.loss = h.loss;
    if (h.validationSize !== undefined) this.validationSize = h.validationSize;
    if (h.seed !== undefined) this.seed = h.seed;
    const s = h.schedule;
    if (s !== undefined) {
      this.scheduleType = s.type;
      if (s.type === 'step') [this.stepEvery, this.stepFactor] = [s.every, s.factor];
      if (s.type === 'exponential') [this.expRate, this.expDecaySteps] = [s.rate, s.decay_steps];
    }
  }

  /** The request's hyperparameters (only meaningful when `valid`). */
  toHyperparams(): Hyperparams {
    const schedule: Hyperparams['schedule'] =
      this.scheduleType === 'step' ? { type: 'step', every: this.stepEvery ?? 1, factor: this.stepFactor ?? 0.5 }
        : this.scheduleType === 'exponential' ? { type: 'exponential', rate: this.expRate ?? 0.9, decay_steps: this.expDecaySteps ?? 1000 }
          : { type: 'constant' };
    return {
      epochs: this.epochs ?? 1,
      batchSize: this.batchSize,
      learningRate: this.learningRate ?? 0.001,
      optimizer: this.optimizer,
      schedule,
      weightDecay: this.weightDecay ?? 0,
      loss: this.loss,
      validationSize: this.validationCount,
      seed: this.seed ?? 0,
      ...(this.threadChoice === AUTOMATIC_THREADS ? {} : { threads: this.threadChoice }),
    };
  }

  toDataset(): DatasetChoice {
    const plane = this.source === 'plane' ? this.plane.source : this.source === 'table' ? this.table.source : null;
    if (plane) return { source: plane, limit: null };
    const token = this.source === 'folder' ? this.folderInfo?.token : null;
    return { source: token ? { kind: 'folder', token } : { kind: 'bundled' }, limit: this.limit };
  }
}
