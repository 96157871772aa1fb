/**
 * What a network looks at (Simonyan et al., 2014): the gradient of the predicted class's
 * score — its logit, before the final softmax or sigmoid — with respect to each input value,
 * by the engine's own backward pass. Large values are the pixels that would move the score
 * most; the heat map over a drawn digit shows them.
 */
import type { Network } from './network';

export interface Saliency {
  /** The class whose score is differentiated: the network's answer. */
  readonly predicted: number;
  /** ∂score/∂x, `[...inputShape]` (signed). */
  readonly gradient: Float32Array;
}

/** One input `[...inputShape]` → its saliency. Leaves the network's parameter gradients zeroed. */
export function saliencyOf(network: Network, x: Float32Array): Saliency {
  if (x.length < network.inputSize) throw new RangeError(`saliencyOf: ${network.inputSize} inputs needed, got ${x.length}`);
  const logits = network.forward(x.subarray(0, network.inputSize), 1, { training: false, logits: true });
  const classes = network.outputSize;
  let predicted = 0;
  for (let j = 1; j < classes; j++) if (logits[j]! > logits[predicted]!) predicted = j;
  const seed = new Float32Array(classes);
  seed[predicted] = 1;
  const first = network.ops[0];
  const asked = first?.needsInputGrad ?? false;
  if (first) first.needsInputGrad = true;
  network.zeroGrads();
  try {
    const gradient = network.backward(seed).slice(0, network.inputSize);
    return { predicted, gradient };
  } finally {
    if (first) first.needsInputGrad = asked;
    network.zeroGrads();
  }
}
