/**
 * A dataset as a value that says what it holds: the shape of one sample (any rank: `[2]`
 * for points in the plane, `[n]` for a table's n features, `[28, 28, 1]` for MNIST), its
 * samples, their targets, and its task (engine/data/task.ts). Training, evaluation, the
 * shape analysis and the model files read all of it from here.
 *
 * Images stay bytes (MNIST is 47 MB so instead of 188 MB of floats) and become floats in
 * [0, 1] batch by batch; small numeric sets are floats from the start.
 */
/** One sample's shape (kept here as a plain type, so the kernels can use datasets without the layers). */
type Shape = readonly number[];
import type { ImageSet } from './imageSet';
import { numberedClasses, type Task } from './task';

export interface SampleSet {
  readonly count: number;
  /** `[count, …inputShape]`: bytes read as value / 255, or floats read as they are. */
  readonly inputs: Uint8Array | Float32Array;
  /** `[count]` class indices (classification), else null. */
  readonly labels: Uint8Array | null;
  /** `[count, targetSize]` values (regression), else null. */
  readonly targets: Float32Array | null;
}

export interface Dataset {
  readonly name: string;
  readonly inputShape: Shape;
  readonly task: Task;
  readonly train: SampleSet;
  readonly test: SampleSet;
  /** What each input number is called (a table's column names, x₁ and x₂ for the plane), when it has names. */
  readonly featureNames?: readonly string[];
}

export function sizeOfShape(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Images and their labels (MNIST, an IDX folder) as a classification dataset. */
export function imageDataset(name: string, train: ImageSet, test: ImageSet, classNames?: readonly string[]): Dataset {
  let top = 0;
  for (const set of [train, test]) for (const l of set.labels) if (l > top) top = l;
  const names = classNames ?? numberedClasses(Math.max(2, top + 1));
  const samples = (s: ImageSet): SampleSet => ({ count: s.count, inputs: s.images, labels: s.labels, targets: null });
  return { name, inputShape: [train.rows, train.cols, 1], task: { kind: 'classification', classNames: names }, train: samples(train), test: samples(test) };
}

/** Samples `[start, end)` of a set, sharing its memory. */
export function sliceSamples(set: SampleSet, perSample: number, start: number, end: number): SampleSet {
  const targetSize = set.targets && set.count > 0 ? set.targets.length / set.count : 0;
  return {
    count: end - start,
    inputs: set.inputs.subarray(start * perSample, end * perSample),
    labels: set.labels ? set.labels.subarray(start, end) : null,
    targets: set.targets ? set.targets.subarray(start * targetSize, end * targetSize) : null,
  };
}

/** Byte pixels become floats as byte · PIXEL_SCALE, in float64 then rounded to float32, everywhere. */
export const PIXEL_SCALE = 1 / 255;

/** Copies the samples at `indices[from … from+batch)` into `out` as floats (`[batch, perSample]`). */
export function gatherInputs(
  set: SampleSet, perSample: number, indices: ArrayLike<number>, from: number, batch: number, out: Float32Array,
): void {
  const src = set.inputs;
  if (src instanceof Float32Array) {
    // A few features per sample (2-D points, tables): a loop; a view per sample would cost more than the copy.
    if (perSample < 32) {
      for (let b = 0; b < batch; b++) {
        const i = indices[from + b]! * perSample, o = b * perSample;
        for (let p = 0; p < perSample; p++) out[o + p] = src[i + p]!;
      }
      return;
    }
    for (let b = 0; b < batch; b++) {
      const i = indices[from + b]! * perSample;
      out.set(src.subarray(i, i + perSample), b * perSample);
    }
    return;
  }
  for (let b = 0; b < batch; b++) {
    const i = indices[from + b]! * perSample, o = b * perSample;
    for (let p = 0; p < perSample; p++) out[o + p] = src[i + p]! * PIXEL_SCALE;
  }
}

/** The samples picked by `indices`, copied into a new set (a test split, a shuffled subset). */
export function pickSamples(set: SampleSet, perSample: number, indices: ArrayLike<number>): SampleSet {
  const n = indices.length;
  const targetSize = set.targets && set.count > 0 ? set.targets.length / set.count : 0;
  const inputs = set.inputs instanceof Float32Array ? new Float32Array(n * perSample) : new Uint8Array(n * perSample);
  const labels = set.labels ? new Uint8Array(n) : null;
  const targets = set.targets ? new Float32Array(n * targetSize) : null;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    inputs.set(set.inputs.subarray(i * perSample, (i + 1) * perSample), k * perSample);
    if (labels) labels[k] = set.labels![i]!;
    if (targets) targets.set(set.targets!.subarray(i * targetSize, (i + 1) * targetSize), k * targetSize);
  }
  return { count: n, inputs, labels, targets };
}

/** The dataset cut to its first `limit` training and test samples (quick classroom runs); itself when `limit` is null. */
export function limitDataset(d: Dataset, limit: number | null | undefined): Dataset {
  if (limit === null || limit === undefined) return d;
  const per = sizeOfShape(d.inputShape);
  return {
    ...d,
    train: sliceSamples(d.train, per, 0, Math.min(limit, d.train.count)),
    test: sliceSamples(d.test, per, 0, Math.min(limit, d.test.count)),
  };
}
