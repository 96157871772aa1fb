import { softmaxRows } from '../layers/activations';
import type { Network } from './network';

/** Samples per forward pass: bounds the activation memory of a big prediction batch. */
const CHUNK = 256;

/**
 * Class probabilities `[count, classes]` for `count` inputs laid out `[count, ...inputShape]`.
 * A network that ends in softmax already outputs probabilities. Any other output is
 * treated as logits: a final sigmoid is stripped (`logits: true`) and softmax applied, so
 * the result always sums to 1 per sample and ranks the classes as the network does.
 */
export function predictProbs(network: Network, x: Float32Array, count: number): Float32Array {
  const inSize = network.inputSize, classes = network.outputSize;
  if (!Number.isInteger(count) || count < 0 || x.length < count * inSize) {
    throw new RangeError(`predictProbs: ${count} samples of ${inSize} values need ${count * inSize} inputs, got ${x.length}.`);
  }
  const out = new Float32Array(count * classes);
  const isSoftmax = network.finalActivation === 'softmax';
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const y = network.forward(x.subarray(start * inSize, (start + n) * inSize), n, { training: false, logits: !isSoftmax });
    const dst = out.subarray(start * classes, (start + n) * classes);
    if (isSoftmax) dst.set(y.subarray(0, n * classes));
    else softmaxRows(y, dst, n, classes);
  }
  return out;
}
