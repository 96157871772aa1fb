import { gatherImages, type ImageSet } from '../data/imageSet';
import type { Loss } from '../losses/loss';
import type { Network } from '../model/network';
import { oneHot } from './oneHot';

export interface Misclassified {
  /** Index of the image in the evaluated set. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The network's probability for its (wrong) prediction. */
  readonly confidence: number;
}

export interface Evaluation {
  readonly count: number;
  readonly loss: number;
  readonly accuracy: number;
  /** confusion[true][predicted] counts, `[numClasses][numClasses]`. */
  readonly confusion: number[][];
  readonly misclassified: Misclassified[];
}

/**
 * Inference over a whole set in chunks: mean loss, accuracy, confusion matrix and every
 * misclassified image. `loss` is measured on the network output (logits when the loss
 * fuses the final activation); confidences are softmax probabilities of that output
 * when it is logits.
 */
export function evaluate(
  network: Network, set: ImageSet, loss: Loss,
  opts: { chunk?: number; indices?: ArrayLike<number> } = {},
): Evaluation {
  const chunk = Math.max(1, opts.chunk ?? 500);
  const width = network.outputSize;
  const count = opts.indices ? opts.indices.length : set.count;
  const indices = opts.indices ?? identity(set.count);
  const x = new Float32Array(Math.min(chunk, count) * network.inputSize);
  const targets = new Float32Array(Math.min(chunk, count) * width);
  const fused = loss.fuses !== null && loss.fuses === network.finalActivation;
  const logitsOut = fused || (loss.fuses === 'softmax' && network.finalActivation === null);
  const confusion = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  const misclassified: Misclassified[] = [];
  let lossSum = 0, correct = 0;
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    gatherImages(set, indices, from, n, x);
    oneHot(set.labels, indices, from, n, width, targets);
    const out = network.forward(x, n, { training: false, logits: fused });
    lossSum += loss.compute(out, targets, n, width, null, 1);
    for (let b = 0; b < n; b++) {
      const o = b * width;
      let best = 0;
      for (let j = 1; j < width; j++) if (out[o + j]! > out[o + best]!) best = j;
      const index = indices[from + b]!;
      const label = set.labels[index]!;
      confusion[label]![best]!++;
      if (best === label) correct++;
      else misclassified.push({ index, label, predicted: best, confidence: confidenceOf(out, o, width, best, logitsOut) });
    }
  }
  return { count, loss: count ? lossSum / count : 0, accuracy: count ? correct / count : 0, confusion, misclassified };
}

function confidenceOf(out: Float32Array, o: number, width: number, k: number, logits: boolean): number {
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
