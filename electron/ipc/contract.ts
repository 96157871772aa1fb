/**
 * The process boundary, in one file: every channel between the renderer and the engine
 * host, its request and response types, the training events, and a runtime schema for
 * every request. The main process (and the browser bridge) validates each payload
 * against these schemas before anything else sees it; the renderer's facade
 * (`renderer/src/lib/api.ts`) is typed from the same declarations, whatever the transport.
 *
 * Pure TypeScript (zod and engine types only): it is imported by the main process, the
 * preload, the web bridge and the renderer alike.
 */
import { z } from 'zod';
import type { Example, Prediction, TestResult } from './results';
import { type PlaneBounds, type NetworkSpec, formatMessage, msg, type Message, type RunFinding, type MetricName, type HeadKind, type EpochMetrics, LOSSES, OPTIMIZER_CHOICES, SETTING_LIMITS } from '../../engine';
export type { RunFinding, PlaneBounds } from '../../engine';
import { planeBoundsSchema, planeViewSchema, type PlaneFrame } from './planeFrame';
import { csvUploadSchema, datasetChoiceSchema, type CsvFile } from './datasetChoice';
import { paceRequestSchema, runWatchSchema, setRequestSchema, stepRequestSchema, type SteppedEvent } from './runWatch';
import type { ModelData } from './modelData';
import { modelIdSchema, modelRefSchema } from './modelRef';
import { networkSpecSchema } from './networkSpec';
import { explainRequestSchemas, type ExplainResponses } from './explain';
import { autoencoderRequestSchemas, type AutoencoderResponses } from './autoencoder';
import { reconstructRequestSchema, type ReconstructionFrame, type SavedReconstruction } from './reconstruction';
import { codesCancelSchema, codesLayersSchema, codesStartSchema, type CodeLayers, type CodesEvent } from './codeSpace';
import { runRequestSchemas, type RunResponses } from './runs';
import { insideSetSchema, insideViewSchema, type InsideEvent } from './insideView';
import type { ChannelName, MenuCommand } from './channels';
// The names the engine defines once; the schemas take them from there.

// The names live in a zod-free module (the sandboxed preload imports only that one).
export { CHANNEL_NAMES, CHANNELS, isCodesEvent, MENU_COMMAND_CHANNEL, MENU_COMMAND_NAMES, TRAIN_EVENT_CHANNEL } from './channels';
export type { ChannelName, MenuCommand, MenuCommandName } from './channels';

// ---------------------------------------------------------------- shared values

const int = (min: number, max: number) => z.number().int().min(min).max(max);

// The network spec's outer shape, in its own file (part of this contract).
export { networkSpecSchema } from './networkSpec';

export const scheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }).strict(),
  z.object({ type: z.literal('step'), every: int(1, 1000), factor: z.number().gt(0).max(1) }).strict(),
  z.object({ type: z.literal('exponential'), rate: z.number().gt(0).max(1), decay_steps: z.number().gt(0).max(1e9) }).strict(),
]);

/** The most training threads a request may ask for. */
export const MAX_TRAINING_THREADS = SETTING_LIMITS.threads.max;

// The bounds are the engine's (SETTING_LIMITS): the form, the engine's check and this schema say the same.
const L = SETTING_LIMITS;
export const hyperparamsSchema = z.object({
  epochs: int(L.epochs.min, L.epochs.max),
  batchSize: int(1, 60_000),
  learningRate: z.number().gt(L.learningRate.above).max(L.learningRate.max),
  /** momentum = SGD with momentum 0.9; nesterov = the same with Nesterov's look-ahead. */
  optimizer: z.enum(OPTIMIZER_CHOICES),
  schedule: scheduleSchema,
  weightDecay: z.number().min(L.weightDecay.min).max(L.weightDecay.max),
  loss: z.enum(LOSSES),
  validationSize: int(L.validationSize.min, L.validationSize.max),
  seed: int(L.seed.min, L.seed.max),
  /**
   * Threads the training kernels use; absent = automatic (see `AppInfo.automaticThreads`).
   * Only speed depends on it (the results are bit-identical), so saved models do not record it.
   */
  threads: int(1, MAX_TRAINING_THREADS).optional(),
}).strict();
export type Hyperparams = z.infer<typeof hyperparamsSchema>;

// Where a run's data comes from (bundled, a folder, generated, the student's points), in its own file (part of this contract).
export { csvSourceSchema, datasetChoiceSchema, generatedSourceSchema, pointsSourceSchema } from './datasetChoice';
export type { CsvFile, CsvSource, DatasetChoice, GeneratedSource, PointsSource } from './datasetChoice';

const modelNameSchema = z.string().trim().min(1, 'A model needs a name.').max(80, 'Model names are at most 80 characters.');

// How requests name a model (the run just trained, or a saved one), in its own file (part of this contract).
export { modelRefSchema, type ModelRef } from './modelRef';

// ---------------------------------------------------------------- results

export interface AppInfo {
  version: string;
  platform: string;
  /** Where saved models live on this machine (shown to the user; never sent back). */
  modelsDir: string;
  transport: 'electron' | 'web';
  /** Processor cores of the machine that trains (bounds the UI's thread choice). */
  cores: number;
  /** The threads a run uses when `Hyperparams.threads` is absent (every core up to two, else all but one). */
  automaticThreads: number;
}

export interface DatasetInfo {
  /** Present for a picked folder: what later requests refer to it by. */
  token: string | null;
  name: string;
  trainCount: number;
  testCount: number;
  rows: number;
  cols: number;
  /** One sample's shape: `[28, 28, 1]` for MNIST, `[2]` for points in the plane. */
  inputShape: number[];
  /** The task's classes (null for regression): what output k stands for. */
  classNames: string[] | null;
  /**
   * How the UI names a generated set or the student's points, in its language (`name` is
   * then an identifier: the generator's kind, or "points"); absent for folders (their name is the folder's).
   */
  title?: Message;
  /** For points in the plane: the square that frames them (the same a run's 'started' event gives). */
  bounds?: PlaneBounds;
}

export interface ModelSummary {
  id: string;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  /** e.g. "Conv2D → MaxPooling2D → Flatten → Dense". */
  architecture: string;
  params: number;
  testAccuracy: number | null;
  datasetName: string | null;
  /** Set when the model does not open: why (the same message opening it gives). It can only be deleted. */
  damaged?: Message;
}

export interface OpenedModel {
  summary: ModelSummary;
  spec: NetworkSpec;
  hyperparams: Partial<Hyperparams> | null;
  history: EpochMetrics[];
  /** What it was trained on: its input, its task, its points in the plane (see modelData.ts). */
  data: ModelData;
  /** An autoencoder's code layer and corruption (reconstruction.ts); absent for other models. */
  reconstruction?: SavedReconstruction;
}
// What a model knows of its data, in its own file (part of this contract).
export { savedBoundsSchema, savedSourceSchema } from './modelData';
export type { ModelData } from './modelData';

// What predictions and test results carry, in its own file (part of this contract).
export { MAX_EXAMPLES_SENT, MAX_SAMPLES_SENT } from './results';
export type { Example, LayerActivation, Prediction, TestResult } from './results';

// Draw & test for an autoencoder (reconstruction, code, decoder map), in its own file (part of this contract).
export { MAX_CODE_SIZE, MAX_CODES_SENT } from './autoencoder';
export type { DecodedImage, Reconstruction, TestCodes } from './autoencoder';

// The plane view's frames and their schemas, kept in their own file (part of this contract).
export { planeBoundsSchema, planeViewSchema } from './planeFrame';
export type { PlaneFrame, PlaneGrid, PlaneLayerWeights, PlaneUnitLayer, PlaneViewRequest } from './planeFrame';

// Watched training (step mode, pace, a learning rate changed mid-run), in its own file (part of this contract).
export { MAX_BATCHES_PER_SECOND, MIN_BATCHES_PER_SECOND, STEP_UNITS, runWatchSchema } from './runWatch';
export type { RunWatch, SteppedEvent, StepUnit } from './runWatch';

// Autoencoders: the reconstruction task, input corruption, the live grid (part of this contract).
export { MAX_GRID_IMAGES, corruptionSchema, reconstructRequestSchema, reconstructionViewSchema } from './reconstruction';
export type { CorruptionSettings, ReconstructRequest, ReconstructionFrame, ReconstructionViewRequest, SavedReconstruction } from './reconstruction';
// The code space (a layer's codes projected to 2-D, k-means on them), in its own file (part of this contract).
export { CODE_COUNTS, codeMethodSchema, codesStartSchema, MAX_CODE_COUNT } from './codeSpace';
export type { ClusterSummary, CodeLayerInfo, CodeLayers, CodeMethod, CodesEvent, CodesStart } from './codeSpace';
// The run history (every run kept on disk: list, reopen, rename, star, delete), in its own file (part of this contract).
export { runIdSchema } from './runs';
export type { OpenedRun, RunSummary } from './runs';
// The inside-the-network view (gradients, activations, weights per layer while training), in its own file (part of this contract).
export { MAX_INSIDE_BINS, MAX_INSIDE_EVERY_MS, MIN_INSIDE_BINS, MIN_INSIDE_EVERY_MS, insideSetSchema, insideViewSchema } from './insideView';
export type { Histogram, InsideEvent, InsideStats, InsideViewRequest, LayerInside, TensorInside } from './insideView';

// One training step explained (the backpropagation stepper), in its own file (part of this contract).
export { DEFAULT_EXPLAIN_VALUES, MAX_EXPLAIN_VALUES, explainStepSchema } from './explain';
export type { ExplainedStep, ExplainRequest } from './explain';
export type { LayerTrace, ParamTrace, StepTrace, TensorSummary, TraceTensor, UpdateTrace } from '../../engine';

// ---------------------------------------------------------------- events

/** Everything a training run tells the renderer, tagged by `type`, on the `train:event` channel. */
export type TrainEvent =
  | {
      type: 'started'; runId: string; dataset: string; trainCount: number; valCount: number; testCount: number; batchesPerEpoch: number; epochs: number; params: number;
      /** The threads this run trains with (the requested count, clamped to the machine, or the automatic one). */
      threads: number;
      /** How the run reads the network's outputs, and the metrics it reports besides the loss (in curve order). */
      head: HeadKind;
      metrics: MetricName[];
      /** The plane the run's 'plane' frames cover (from the data, fixed for the run); null when the network does not have 2 inputs. */
      bounds: PlaneBounds | null;
    }
  /**
   * The network over the plane during training (asked for with `planeView`), after
   * `step` batches: one per `everyMs` (on average, never in bursts, never a second one before
   * the host has passed the first on), and a last one after the last batch.
   */
  | ({ type: 'plane'; runId: string; step: number; epoch: number } & PlaneFrame)
  /** A reconstruction run's grid of fixed test images after `step` batches: every epoch, and every `everyMs` at most. */
  | ({ type: 'reconstructions'; runId: string; step: number; epoch: number } & ReconstructionFrame)
  /** What happens inside the network (asked for with `inside`, or `train:set` while the run trains): at most one per its `everyMs`. */
  | InsideEvent
  | {
      /**
       * Per-batch metrics since the last message (at most ~30 messages a second): every
       * batch is there, aggregated into arrays rather than dropped.
       */
      type: 'batches'; runId: string; epoch: number; steps: number[]; loss: number[];
      /** Each of the run's metrics, one value per step. */
      metrics: Partial<Record<MetricName, number[]>>;
      /** The learning rate of each step (the schedule at work). */
      learningRate: number[];
      samplesDone: number; samplesTotal: number; samplesPerSecond: number; etaSeconds: number;
    }
  | ({ type: 'epoch'; runId: string } & EpochMetrics)
  | { type: 'paused'; runId: string }
  | { type: 'resumed'; runId: string }
  | SteppedEvent
  | { type: 'testing'; runId: string }
  | {
      type: 'completed'; runId: string; test: TestResult | null; history: EpochMetrics[]; seconds: number;
      /** What went wrong with the run, if anything (ended at chance, one class for everything, the loss rose…), each with its likely cause and fix. */
      diagnosis: RunFinding[];
    }
  | { type: 'stopped'; runId: string; history: EpochMetrics[]; message: string; detail?: Message }
  | { type: 'failed'; runId: string; reason: 'diverged' | 'crashed' | 'error'; message: string; detail?: Message };

/** Everything the host's event channel carries: training events, and the code space's (`isCodesEvent`). */
export type HostEvent = TrainEvent | CodesEvent;

// ---------------------------------------------------------------- channels

const empty = z.object({}).strict();
const runRef = z.object({ runId: z.string().min(1).max(64) }).strict();

/**
 * Every request channel and the schema its payload must fit. Dialogs (pick a folder,
 * choose where to export) happen in the main process, so no request carries a path.
 */
export const requestSchemas = {
  'app:info': empty,
  'train:start': z.object({
    spec: networkSpecSchema, hyperparams: hyperparamsSchema, dataset: datasetChoiceSchema,
    /** Plane frames while training; absent or null = none. */
    planeView: planeViewSchema.nullable().optional(),
    /** Start paused (step mode) and/or at a slow pace; absent = full speed. */
    watch: runWatchSchema.optional(),
    /** Images only: train to give the input back (an autoencoder); absent or null = the data's own task. */
    reconstruct: reconstructRequestSchema.nullable().optional(),
    /** The inside-the-network statistics from the first batch on; absent or null = none. */
    inside: insideViewSchema.nullable().optional(),
  }).strict(),
  'train:pause': runRef,
  'train:resume': runRef,
  'train:stop': runRef,
  'train:step': stepRequestSchema,
  'train:pace': paceRequestSchema,
  /** A new learning rate, or the inside-the-network view opened or closed (`insideView.ts`). */
  'train:set': z.union([setRequestSchema, insideSetSchema]),
  /** Test images of one confusion-matrix cell of the last completed run, most confident first. */
  'train:examples': z.object({ runId: z.string().min(1).max(64), label: int(0, 255), predicted: int(0, 255), limit: int(1, 500) }).strict(),
  /** A drawing's 784 grey levels, or the numbers of one sample (a point's x₁ x₂, a table row's n features). */
  predict: z.union([
    z.object({ pixels: z.array(z.number().min(0).max(1)).length(784), model: modelRefSchema, withActivations: z.boolean() }).strict(),
    z.object({ values: z.array(z.number().min(-1e6).max(1e6)).min(1).max(4096), model: modelRefSchema, withActivations: z.boolean() }).strict(),
  ]),
  /** The model over a square of the plane (Draw & test on points, the regions after training). */
  'predict:plane': z.object({
    model: modelRefSchema,
    bounds: planeBoundsSchema,
    resolution: int(16, 256),
    unitResolution: int(8, 64),
  }).strict(),
  ...autoencoderRequestSchemas,
  'models:list': empty,
  /** Saves the current run's model; refuses an existing name unless `overwrite`. */
  'models:save': z.object({ name: modelNameSchema, overwrite: z.boolean() }).strict(),
  'models:open': z.object({ id: modelIdSchema }).strict(),
  'models:rename': z.object({ id: modelIdSchema, name: modelNameSchema, overwrite: z.boolean() }).strict(),
  'models:delete': z.object({ id: modelIdSchema }).strict(),
  /** Asks where to export (native dialog) and copies the model folder there. */
  'models:export': z.object({ id: modelIdSchema }).strict(),
  /** Asks where to export (native dialog) and writes the model there as a PyTorch or Keras script (issue 14). */
  'models:exportCode': z.object({ id: modelIdSchema, format: z.enum(['pytorch', 'keras']) }).strict(),
  /**
   * Asks for a model folder (native dialog), validates it and copies it into the library;
   * `fallbackName` (in the UI's language) names it when neither the model nor its folder has a usable name.
   */
  'models:import': z.object({ fallbackName: modelNameSchema.optional() }).strict(),
  /** Asks for a dataset folder (native dialog) and validates its four IDX files. */
  'datasets:pick': empty,
  'datasets:describe': datasetChoiceSchema,
  /** Asks for a table file (native dialog), reads it (no link, no pipe, size-capped) and keeps it under a token. */
  'datasets:pickCsv': empty,
  /** Web mode: the page sends a table file's text; the host keeps it under a token. */
  'datasets:uploadCsv': csvUploadSchema,
  /** Asks where to save a table (native dialog) and writes `text` there (the student's points as CSV). */
  'datasets:saveCsv': csvUploadSchema,
  /** A model's layers and its code layer, with the test set its codes come from. */
  'codes:layers': codesLayersSchema,
  /** Starts a code-space job (its events follow); a client's job before it is cancelled. */
  'codes:start': codesStartSchema,
  'codes:cancel': codesCancelSchema,
  ...runRequestSchemas,
  /** One training step on one sample, explained (explain.ts). */
  ...explainRequestSchemas,
} as const satisfies Record<ChannelName, z.ZodType>;

/** What each channel answers; null where the user cancelled a dialog. */
export interface Responses extends AutoencoderResponses, RunResponses, ExplainResponses {
  'app:info': AppInfo;
  'train:start': { runId: string };
  'train:pause': void;
  'train:resume': void;
  'train:stop': void;
  'train:step': void;
  'train:pace': void;
  'train:set': void;
  'train:examples': Example[];
  predict: Prediction;
  'predict:plane': PlaneFrame;
  'models:list': ModelSummary[];
  'models:save': ModelSummary;
  'models:open': OpenedModel;
  'models:rename': ModelSummary;
  'models:delete': void;
  'models:export': { path: string } | null;
  'models:exportCode': { path: string } | null;
  'models:import': ModelSummary | null;
  'datasets:pick': DatasetInfo | null;
  'datasets:describe': DatasetInfo;
  'datasets:pickCsv': CsvFile | null;
  'datasets:uploadCsv': CsvFile;
  'datasets:saveCsv': { path: string } | null;
  'codes:layers': CodeLayers;
  'codes:start': { jobId: string };
  'codes:cancel': void;
}

export type Channel = keyof typeof requestSchemas & keyof Responses;
/** Compile-time check: every name in `CHANNEL_NAMES` has a response type (the schemas are checked by `satisfies`). */
type EveryChannelAnswers<T extends true> = T;
type ChannelsHaveResponses = EveryChannelAnswers<[Exclude<ChannelName, keyof Responses>] extends [never] ? true : false>;
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

/**
 * What crosses the boundary for every request: a value, or an error. `message` is English
 * (logs, old hosts); `detail`, when present, is the same text as a catalog key and
 * parameters that the renderer words in the UI's language.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };
export interface ResultError { code: ErrorCode; message: string; detail?: Message }
export type ErrorCode = 'invalid-request' | 'invalid-network' | 'busy' | 'not-found' | 'exists' | 'bad-file' | 'io' | 'internal';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

/** Validates a request payload; a readable message (naming the field) when it does not fit. */
export function parseRequest<C extends Channel>(
  channel: C, payload: unknown,
): { ok: true; value: RequestOf<C> } | { ok: false; message: string; detail: Message } {
  const r = requestSchemas[channel].safeParse(payload);
  if (r.success) return { ok: true, value: r.data as RequestOf<C> };
  const issue = r.error.issues[0]!;
  // zod words the problem itself, in English: a request the UI builds is wrong only through a bug.
  const where = issue.path.length ? msg('general.at', { path: issue.path.join('.') }) : '';
  const detail = msg('general.invalidRequest', { channel, problem: issue.message, where });
  return { ok: false, message: formatMessage(detail), detail };
}

/** The API the renderer sees: one async method per channel, plus the training events. */
export type LayerwiseApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  onTrainEvent(listener: (event: TrainEvent) => void): () => void;
  onCodesEvent(listener: (event: CodesEvent) => void): () => void;
  /** Application-menu commands (File › New network, View › Toggle dark mode, …), on `MENU_COMMAND_CHANNEL`. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/**
 * What the Electron preload exposes as `window.layerwise`: one function per channel that
 * resolves to the `Result` as is (the renderer's facade unwraps it), the two event
 * subscriptions (each returns its unsubscribe function) and the app version.
 */
export type PreloadApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  onTrainEvent(listener: (event: HostEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  readonly version: string;
};
