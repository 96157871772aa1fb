import type { SampleSet } from '../data/dataset';
import type { Loss } from '../losses/loss';
import type { Network } from '../model/network';
import type { Measures } from './metrics';
import type { TaskHead } from './taskHead';

export interface Misclassified {
  /** Index of the sample in the evaluated set. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The network's probability for its (wrong) prediction. */
  readonly confidence: number;
}

export interface Evaluation {
  readonly count: number;
  /** The mean loss and the task's metrics. */
  readonly measures: Measures;
  /** confusion[true][predicted] counts, `[classes][classes]`; null for tasks without classes. */
  readonly confusion: number[][] | null;
  /** Every misclassified sample (tasks with classes). */
  readonly misclassified: Misclassified[];
  /** With `record` (tasks with classes): every sample's predicted class and its probability, in evaluation order. */
  readonly predictions: { readonly predicted: Uint8Array; readonly confidence: Float32Array } | null;
}

/** Most samples per forward pass when nothing else is said. */
export const DEFAULT_EVAL_CHUNK = 500;

/**
 * Inference over a set (or the samples `indices` picks) in chunks: the mean loss, the
 * task's metrics (through its head), and for classes the confusion matrix and every
 * misclassified sample. The loss is measured on the network output (logits when the
 * loss fuses the final activation); confidences are probabilities.
 */
export function evaluate(
  network: Network, set: SampleSet, head: TaskHead, loss: Loss,
  opts: { chunk?: number; indices?: ArrayLike<number>; record?: boolean } = {},
): Evaluation {
  const chunk = Math.max(1, opts.chunk ?? DEFAULT_EVAL_CHUNK);
  const width = network.outputSize, perSample = network.inputSize;
  const count = opts.indices ? opts.indices.length : set.count;
  const indices = opts.indices ?? identity(set.count);
  const x = new Float32Array(Math.min(chunk, count) * perSample);
  const targets = new Float32Array(Math.min(chunk, count) * width);
  const fused = loss.fuses !== null && loss.fuses === network.finalActivation;
  const logitsOut = fused || (loss.fuses !== null && network.finalActivation === null);
  const meter = head.meter(set, logitsOut);
  const classes = head.kind === 'classification' || head.kind === 'binary';
  const misclassified: Misclassified[] = [];
  const predictions = opts.record && classes ? { predicted: new Uint8Array(count), confidence: new Float32Array(count) } : null;
  let lossSum = 0;
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    network.kernels.gatherInputs(set, perSample, indices, from, n, x);
    head.fillTargets(set, indices, from, n, targets, network.kernels);
    const out = network.forward(x, n, { training: false, logits: fused });
    lossSum += loss.compute(out, targets, n, width, null, 1, network.kernels);
    meter.add(out, indices, from, n, targets, network.kernels);
    if (!classes) continue;
    for (let b = 0; b < n; b++) {
      const index = indices[from + b]!, label = set.labels![index]!, predicted = meter.predicted(out, b);
      if (predicted === label && !predictions) continue;
      const confidence = confidenceOf(out, b, width, predicted, logitsOut);
      if (predictions) {
        predictions.predicted[from + b] = predicted;
        predictions.confidence[from + b] = confidence;
      }
      if (predicted !== label) misclassified.push({ index, label, predicted, confidence });
    }
  }
  const { confusion, ...metrics } = meter.result();
  return { count, measures: { loss: count ? lossSum / count : 0, ...metrics }, confusion: confusion ?? null, misclassified, predictions };
}

/** The probability the network gives its predicted class (a sigmoid unit's p or 1 − p for two classes). */
function confidenceOf(out: Float32Array, b: number, width: number, k: number, logits: boolean): number {
  if (width === 1) {
    const p = logits ? 1 / (1 + Math.exp(-out[b]!)) : out[b]!;
    return k === 1 ? p : 1 - p;
  }
  const o = b * width;
  if (!logits) return out[o + k]!;
  let max = -Infinity;
  for (let j = 0; j < width; j++) max = Math.max(max, out[o + j]!);
  let sum = 0;
  for (let j = 0; j < width; j++) sum += Math.exp(out[o + j]! - max);
  return Math.exp(out[o + k]! - max) / sum;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
