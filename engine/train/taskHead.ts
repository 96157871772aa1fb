/**
 * How a task meets the network's output: the targets a batch trains towards, and the
 * metrics its outputs earn. The one place where a task decides these (training,
 * validation, testing and the CLI all go through it).
 *
 *   classification  K outputs, one-hot targets, accuracy and a K×K confusion matrix;
 *   binary          1 output (a 2-class dataset on a network ending in one unit), 0/1 targets, accuracy and 2×2 confusion;
 *   regression      n outputs, the target values, mean absolute error and R²;
 *   reconstruction  the input's size, the input as target, mean squared error.
 */
import { argmax } from '../core/argmax';
import type { Kernels } from '../core/kernels';
import { gatherInputs, PIXEL_SCALE, sizeOfShape, type SampleSet } from '../data/dataset';
import type { Task } from '../data/task';
import type { Shape } from '../layers/layer';
import type { LossName } from '../losses';
import { msg, type Message } from '../messages';

export type HeadKind = 'classification' | 'binary' | 'regression' | 'reconstruction';

/** What a task's outputs earned; only the task's own metrics are present. */
export interface TaskMetrics {
  accuracy?: number;
  /** confusion[true][predicted] counts. */
  confusion?: number[][];
  mae?: number;
  r2?: number;
  mse?: number;
}

/** The metrics each head reports besides the loss, in the order curves show them. */
export const HEAD_METRICS: Readonly<Record<HeadKind, readonly ('accuracy' | 'mae' | 'r2' | 'mse')[]>> = {
  classification: ['accuracy'], binary: ['accuracy'], regression: ['mae', 'r2'], reconstruction: ['mse'],
};

export interface Meter {
  /**
   * Adds a batch: `out` is `[n, width]` as the network returned it, for samples `indices[from … from+n)`.
   * `targets` (what `fillTargets` wrote for the same samples) and `kernels` (the network's) let a
   * meter measure in a kernel rather than read the set again (reconstruction: the squared error).
   */
  add(out: Float32Array, indices: ArrayLike<number>, from: number, n: number, targets?: Float32Array, kernels?: Kernels): void;
  /** Predicted class of the last batch's sample b (classification heads), for galleries. */
  predicted(out: Float32Array, b: number): number;
  result(): TaskMetrics;
  /** Starts counting again (one meter serves every batch of a run). */
  reset(): void;
  /**
   * Adds what `other` (a meter of the same head and set) counted: the trainer measures each
   * batch once and adds it to the epoch's figures, rather than measuring it twice.
   */
  absorb(other: Meter): void;
  /** The running sums behind the figures (what `absorb` adds up), in the meter's own order. */
  sums(): number[];
}

export interface TaskHead {
  readonly kind: HeadKind;
  readonly task: Task;
  /** Values the network must output per sample. */
  readonly width: number;
  readonly defaultLoss: LossName;
  /**
   * The targets are the inputs themselves, exactly as gathered (a reconstruction): a
   * trainer whose inputs are not corrupted can use its input batch as the targets.
   */
  readonly targetsAreInputs?: boolean;
  /** targets `[n, width]` for samples `indices[from … from+n)` of `set` (`kernels`: the network's, where a head can use them). */
  fillTargets(set: SampleSet, indices: ArrayLike<number>, from: number, n: number, out: Float32Array, kernels?: Kernels): void;
  /**
   * `logits`: the outputs are before the final softmax/sigmoid (a fused loss). `confusion`
   * false skips the confusion matrix (the trainer's per-batch and running figures).
   */
  meter(set: SampleSet, logits: boolean, confusion?: boolean): Meter;
}

/**
 * The head for a dataset's task. A 2-class classification dataset trains as `binary` when
 * the network ends in one unit (`outputWidth` 1), as `classification` with two outputs otherwise.
 */
export function headFor(task: Task, inputShape: Shape, outputWidth?: number): TaskHead {
  const perSample = sizeOfShape(inputShape);
  switch (task.kind) {
    case 'classification':
      if (task.classNames.length === 2 && outputWidth === 1) return binaryHead(task);
      return classificationHead(task);
    case 'binary':
      return binaryHead(task);
    case 'regression':
      return regressionHead(task, task.targetNames.length);
    case 'reconstruction':
      return reconstructionHead(task, perSample);
  }
}

function classificationHead(task: Task & { kind: 'classification' }): TaskHead {
  const k = task.classNames.length;
  return {
    kind: 'classification', task, width: k, defaultLoss: 'categorical_crossentropy',
    fillTargets(set, indices, from, n, out) {
      out.fill(0, 0, n * k);
      for (let b = 0; b < n; b++) out[b * k + set.labels![indices[from + b]!]!] = 1;
    },
    meter: (set, _logits, confusion = true) => classMeter(set, k, (out, b) => argmax(out, b * k, k), confusion),
  };
}

function binaryHead(task: Task & { kind: 'classification' | 'binary' }): TaskHead {
  return {
    kind: 'binary', task, width: 1, defaultLoss: 'binary_crossentropy',
    fillTargets(set, indices, from, n, out) {
      for (let b = 0; b < n; b++) out[b] = set.labels![indices[from + b]!]! === 1 ? 1 : 0;
    },
    // Before the sigmoid, p ≥ 0.5 is z ≥ 0.
    meter: (set, logits, confusion = true) => classMeter(set, 2, (out, b) => (out[b]! >= (logits ? 0 : 0.5) ? 1 : 0), confusion),
  };
}

function classMeter(set: SampleSet, k: number, predict: (out: Float32Array, b: number) => number, withConfusion: boolean): Meter {
  const confusion = withConfusion ? Array.from({ length: k }, () => new Array<number>(k).fill(0)) : null;
  let correct = 0, count = 0;
  return {
    add(out, indices, from, n) {
      for (let b = 0; b < n; b++) {
        const label = set.labels![indices[from + b]!]!, p = predict(out, b);
        if (confusion) confusion[label]![p]!++;
        if (p === label) correct++;
      }
      count += n;
    },
    predicted: predict,
    result: () => (confusion ? { accuracy: count ? correct / count : 0, confusion } : { accuracy: count ? correct / count : 0 }),
    reset() {
      correct = 0;
      count = 0;
      confusion?.forEach((row) => row.fill(0));
    },
    sums: () => [correct, count, ...(confusion ? confusion.flat() : [])],
    absorb(other) {
      const s = other.sums();
      correct += s[0]!;
      count += s[1]!;
      if (confusion && s.length > 2) confusion.forEach((row, i) => row.forEach((_, j) => (row[j]! += s[2 + i * k + j]!)));
    },
  };
}

function regressionHead(task: Task & { kind: 'regression' }, width: number): TaskHead {
  return {
    kind: 'regression', task, width, defaultLoss: 'mean_squared_error',
    fillTargets(set, indices, from, n, out) {
      for (let b = 0; b < n; b++) {
        const i = indices[from + b]! * width;
        out.set(set.targets!.subarray(i, i + width), b * width);
      }
    },
    meter(set) {
      // R² needs the targets' own spread: sums in float64, one pass.
      let absSum = 0, sqErr = 0, sum = 0, sumSq = 0, values = 0;
      return {
        add(out, indices, from, n) {
          for (let b = 0; b < n; b++) {
            const i = indices[from + b]! * width;
            for (let j = 0; j < width; j++) {
              const t = set.targets![i + j]!, d = out[b * width + j]! - t;
              absSum += Math.abs(d);
              sqErr += d * d;
              sum += t;
              sumSq += t * t;
            }
          }
          values += n * width;
        },
        predicted: () => -1,
        result() {
          const spread = sumSq - (sum * sum) / Math.max(values, 1);
          return { mae: values ? absSum / values : 0, r2: spread > 0 ? 1 - sqErr / spread : 0 };
        },
        reset() {
          absSum = sqErr = sum = sumSq = values = 0;
        },
        sums: () => [absSum, sqErr, sum, sumSq, values],
        absorb(other) {
          const s = other.sums();
          absSum += s[0]!;
          sqErr += s[1]!;
          sum += s[2]!;
          sumSq += s[3]!;
          values += s[4]!;
        },
      };
    },
  };
}

function reconstructionHead(task: Task & { kind: 'reconstruction' }, perSample: number): TaskHead {
  return {
    kind: 'reconstruction', task, width: perSample, defaultLoss: 'mean_squared_error', targetsAreInputs: true,
    // The inputs themselves, gathered as the network's inputs are (bytes to [0, 1] in the kernels when given).
    fillTargets(set, indices, from, n, out, kernels) {
      if (kernels) kernels.gatherInputs(set, perSample, indices, from, n, out);
      else gatherInputs(set, perSample, indices, from, n, out);
    },
    meter(set, logits) {
      let sqErr = 0, values = 0;
      const src = set.inputs, scale = src instanceof Float32Array ? 1 : PIXEL_SCALE;
      return {
        // 784 values per image, measured on every training batch: in the kernels, on the targets
        // already filled, when the caller has them; else tight loops over the set, one per case.
        add(out, indices, from, n, targets, kernels) {
          values += n * perSample;
          if (targets && kernels) {
            // A fused sigmoid output is compared as the image it stands for.
            sqErr += kernels.squaredError(out, targets, n * perSample, logits);
            return;
          }
          let sum = 0;
          for (let b = 0; b < n; b++) {
            const i = indices[from + b]! * perSample, o = b * perSample;
            if (logits) {
              // A fused sigmoid output is compared as the image it stands for.
              for (let j = 0; j < perSample; j++) {
                const d = 1 / (1 + Math.exp(-out[o + j]!)) - src[i + j]! * scale;
                sum += d * d;
              }
            } else {
              for (let j = 0; j < perSample; j++) {
                const d = out[o + j]! - src[i + j]! * scale;
                sum += d * d;
              }
            }
          }
          sqErr += sum;
        },
        predicted: () => -1,
        result: () => ({ mse: values ? sqErr / values : 0 }),
        reset() {
          sqErr = values = 0;
        },
        sums: () => [sqErr, values],
        absorb(other) {
          const s = other.sums();
          sqErr += s[0]!;
          values += s[1]!;
        },
      };
    },
  };
}

/**
 * The output widths the shape analysis accepts for a task, the preferred first: K for K
 * classes (two classes: two softmax units or one sigmoid unit), the number of targets for
 * regression; null where the trainer checks it (reconstruction).
 */
export function expectedOutputWidths(task: Task): readonly number[] | null {
  switch (task.kind) {
    case 'classification': return task.classNames.length === 2 ? [2, 1] : [task.classNames.length];
    case 'binary': return [1];
    case 'regression': return [task.targetNames.length];
    case 'reconstruction': return null;
  }
}

/** The shape analysis's options for a network meant for `task` (see `analyzeNetwork`). */
export function analyzeOptionsFor(task: Task): { outputWidths: readonly number[] | null; outputKind: 'classes' | 'values'; reconstruct: boolean } {
  return {
    outputWidths: expectedOutputWidths(task), outputKind: task.kind === 'regression' || task.kind === 'reconstruction' ? 'values' : 'classes',
    reconstruct: task.kind === 'reconstruction',
  };
}

/**
 * Cross-entropies compare probabilities of classes: values to predict need a distance (MSE,
 * MAE). A reconstruction's pixels in [0, 1] take a distance or the binary cross-entropy
 * (each pixel as a probability of ink), but not a softmax over the whole image.
 */
export function lossProblem(task: Task, loss: LossName | undefined): Message | null {
  if (task.kind === 'reconstruction') return loss === 'categorical_crossentropy' ? msg('train.lossForReconstruction', { loss }) : null;
  if (task.kind !== 'regression' || (loss !== 'categorical_crossentropy' && loss !== 'binary_crossentropy')) return null;
  return msg('train.lossForValues', { loss });
}
