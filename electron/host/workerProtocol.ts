/**
 * The messages between the host (main thread) and its worker threads. Types (and one
 * rule both sides apply) only: the host imports them without loading the worker
 * modules, and the workers without loading the host.
 */
import type { DecodedImage, ExplainedStep, InsideViewRequest, PlaneFrame, PlaneViewRequest, Reconstruction, ReconstructionFrame, ReconstructionViewRequest, RunWatch, StepUnit, TestCodes } from '../ipc/contract';
import type { Message, PlaneBounds, NetworkSpec, LossName, OptimizerSpec, TrainConfig, Measures, MetricName, HeadKind, EpochMetrics, TrainEvent as EngineTrainEvent } from '../../engine';
export { effectiveValidationSize } from '../../engine';
import type { BuiltSource } from '../ipc/builtDatasets';
import type { DatasetCounts } from './datasetRegistry';

// ---------------------------------------------------------------- training

/** Where a training worker gets its data: a folder of IDX files it reads, or a dataset it builds from the job (no file access). */
export type JobDataset =
  | {
      kind: 'folder';
      dir: string;
      name: string;
      /** Train on the first `limit` training images (and at most that many test images). */
      limit: number | null;
    }
  | { kind: 'built'; source: BuiltSource; limit: number | null };

/** Everything a training worker needs; it loads (or builds) the dataset itself. */
export interface TrainJob {
  runId: string;
  spec: NetworkSpec;
  config: TrainConfig;
  seed: number;
  dataset: JobDataset;
  /** Plane frames between batches (networks with 2 inputs); null = none. */
  planeView: PlaneViewRequest | null;
  /** Start paused (step mode) and/or at a slow pace; null = full speed from the start. */
  watch?: RunWatch | null;
  /**
   * Train an autoencoder on the images (the target is the clean input; the corruption, if any,
   * is in `config.corruption`), with its live grid of test images (`view`, null = none).
   */
  reconstruct?: { view: ReconstructionViewRequest | null } | null;
  /** The inside-the-network statistics from the first batch on (null or absent = none until asked). */
  inside?: InsideViewRequest | null;
  /** Post the weights at the end of every epoch but the last (for predictions mid-run). */
  snapshots: boolean;
  /**
   * Threads asked for; null = automatic. The worker settles the count (`trainingThreadCount`)
   * because it is where the cores are counted and the helper threads started.
   */
  threads: number | null;
}

// The limit's validation rule lives with the settings mapping the CLI shares (no zod there either).

/** A model as a TensorFlow.js layers-model in memory: model.json's object and weights.bin's bytes. */
export interface ModelBytes {
  modelJson: unknown;
  weightData: Uint8Array;
}

export type TrainCommand =
  | { type: 'job'; job: TrainJob }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** While paused: train one batch, or to the end of the epoch under way, then pause again. */
  | { type: 'step'; unit: StepUnit }
  | { type: 'pace'; batchesPerSecond: number | null }
  /** The base learning rate from the next batch on. */
  | { type: 'learningRate'; learningRate: number }
  /** The inside-the-network statistics from the next batch on (null = none: the view closed). */
  | { type: 'inside'; view: InsideViewRequest | null }
  /** The host has forwarded the last plane frame: the worker may compute the next (one in flight at most). */
  | { type: 'planeAck' }
  /** The same for the reconstruction grid. */
  | { type: 'reconstructionsAck' };

/** Per test image, what the trained network made of it (the host answers `train:examples` from these). */
export interface TestPredictions {
  labels: Uint8Array;
  predicted: Uint8Array;
  confidence: Float32Array;
  /** `[count, rows, cols]` pixel bytes. */
  images: Uint8Array;
  rows: number;
  cols: number;
}

export interface TestMetrics {
  count: number;
  /** The loss and the task's metrics on the test set. */
  measures: Measures;
  /** null for tasks without classes. */
  confusion: number[][] | null;
}

export type TrainWorkerMessage =
  /** The dataset was read: its size before any limit (the host caches it). */
  | { type: 'loaded'; counts: DatasetCounts }
  | {
      type: 'started'; dataset: string; trainCount: number; valCount: number; testCount: number;
      batchesPerEpoch: number; epochs: number; params: number; threads: number; head: HeadKind; metrics: MetricName[];
      bounds: PlaneBounds | null;
    }
  /** The network over the plane after `step` batches, already encoded for the renderer. */
  | { type: 'plane'; step: number; epoch: number; frame: PlaneFrame }
  /** A reconstruction run's grid of test images after `step` batches. */
  | { type: 'reconstructions'; step: number; epoch: number; frame: ReconstructionFrame }
  /** Raw trainer events ('batch', 'epoch' and 'inside'), posted in groups to keep messages few. */
  | { type: 'events'; events: EngineTrainEvent[] }
  | { type: 'paused' }
  | { type: 'resumed' }
  /** A step is over and the run paused again, after `step` batches in all. */
  | { type: 'stepped'; unit: StepUnit; step: number; epoch: number }
  | { type: 'snapshot'; epoch: number; model: ModelBytes }
  | { type: 'testing' }
  | {
      type: 'result'; status: 'completed' | 'stopped'; message: string | null; detail?: Message | null; history: EpochMetrics[]; seconds: number;
      test: TestMetrics | null; predictions: TestPredictions | null; model: ModelBytes;
      /** Numbers rather than images (points, a table's rows): each test sample's predicted class and its probability, in order. */
      samplePredictions?: { predicted: Uint8Array; confidence: Float32Array } | null;
    }
  | { type: 'diverged'; message: string; detail?: Message; history: EpochMetrics[] }
  /** `expected`: a problem with the data or settings, whose message is for the user; else an internal error. */
  | { type: 'error'; expected: boolean; message: string; detail?: Message; stack?: string };

// ---------------------------------------------------------------- prediction

export type ModelSource = { kind: 'bytes'; model: ModelBytes } | { kind: 'dir'; dir: string };

export type PredictCommand = (
  | {
      type: 'predict'; id: number; key: string; pixels: Float32Array; withActivations: boolean;
      /**
       * The network's outputs as they are (a sample of numbers: softmax probabilities, a sigmoid's P(class 1), predicted
       * values, as the plane shows them) rather than class probabilities (a drawing: softmax over any other output).
       */
      raw?: boolean;
    }
  /** The model over a square of the plane (networks with 2 inputs). */
  | { type: 'plane'; id: number; key: string; bounds: PlaneBounds; resolution: number; unitResolution: number }
  /** An autoencoder: a drawing's reconstruction and code; a code's image; the test set's codes (from the folder `dataDir`). */
  | { type: 'reconstruct'; id: number; key: string; pixels: Float32Array }
  | { type: 'decode'; id: number; key: string; code: Float32Array }
  | { type: 'codes'; id: number; key: string; dataDir: string; limit: number }
  /** One training step on one sample, explained (the backpropagation stepper). */
  | ({ type: 'explain'; id: number; key: string } & ExplainJob)
) & {
  /** Sent when the worker may not have `key` cached yet. */
  source?: ModelSource;
};

/**
 * What the worker needs to explain a step: the builder's network, its weights (the cached
 * model under the command's key, which must be that network; or `seed`'s initialization
 * when `init`), the data and the sample, and the step's settings.
 */
export interface ExplainJob {
  spec: NetworkSpec;
  /** Fresh weights drawn from this seed, instead of a model's. */
  init: { seed: number } | null;
  dataset: JobDataset;
  split: 'train' | 'test';
  sample: number;
  loss: LossName | null;
  learningRate: number;
  optimizer: OptimizerSpec;
  maxValues: number;
  focus: (number | null)[] | null;
}

export interface WorkerActivation {
  name: string;
  type: string;
  shape: number[];
  values: Float32Array;
}

export type PredictWorkerMessage =
  | { type: 'prediction'; id: number; probs: Float32Array; predicted: number; layers: WorkerActivation[] | null; saliency: Float32Array | null; milliseconds: number }
  | { type: 'plane'; id: number; frame: PlaneFrame }
  | { type: 'reconstruction'; id: number; reconstruction: Reconstruction }
  | { type: 'decoded'; id: number; decoded: DecodedImage }
  | { type: 'codes'; id: number; codes: TestCodes }
  | { type: 'explained'; id: number; step: ExplainedStep }
  /** The worker no longer has the model cached: send it again with its source. */
  | { type: 'missing'; id: number }
  | { type: 'error'; id: number; code: 'bad-file' | 'invalid-request' | 'internal'; message: string; detail?: Message };
