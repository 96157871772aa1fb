/**
 * The other half of an autoencoder: images from codes. Feeds codes of the caller's choosing
 * (a point clicked on the 2-D code plane, a code the student edits) to the layers after the
 * code layer, and images through the whole network, always as pixels in [0, 1]: a network
 * that ends without a sigmoid but trained with binary cross-entropy outputs logits, which
 * are passed through the sigmoid here as the loss did.
 */
import type { LossName } from '../losses/loss';
import type { Network } from '../model/network';

/** Samples per forward pass. */
const CHUNK = 256;

/** Whether the network's outputs are logits the loss turned into pixels (no final activation, a loss that fuses a sigmoid). */
function outputsLogits(network: Network, loss: LossName | undefined): boolean {
  return loss === 'binary_crossentropy' && network.finalActivation === null;
}

function run(network: Network, x: Float32Array, count: number, inSize: number, pass: (chunk: Float32Array, n: number) => Float32Array, logits: boolean): Float32Array {
  const outSize = network.outputSize, out = new Float32Array(count * outSize);
  if (x.length < count * inSize) throw new RangeError(`${count} samples of ${inSize} values need ${count * inSize} inputs, got ${x.length}`);
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const y = pass(x.subarray(start * inSize, (start + n) * inSize), n);
    const dst = out.subarray(start * outSize, (start + n) * outSize);
    if (logits) for (let i = 0; i < n * outSize; i++) dst[i] = 1 / (1 + Math.exp(-y[i]!));
    else dst.set(y.subarray(0, n * outSize));
  }
  return out;
}

/** `count` codes `[count, codeSize]` of layer `codeLayer` → the decoder's images `[count, …outputShape]`. */
export function decodeCodes(network: Network, codes: Float32Array, count: number, codeLayer: number, loss?: LossName): Float32Array {
  if (codeLayer < 0 || codeLayer >= network.layers.length - 1) throw new RangeError(`decodeCodes: layer ${codeLayer} has no layer after it`);
  const codeSize = network.layers[codeLayer]!.outputShape.reduce((a, b) => a * b, 1);
  return run(network, codes, count, codeSize, (chunk, n) => network.forwardFrom(chunk, n, codeLayer + 1), outputsLogits(network, loss));
}

/** `count` inputs → their reconstructions, as pixels (the training grid, Draw & test). */
export function reconstructImages(network: Network, x: Float32Array, count: number, loss?: LossName): Float32Array {
  return run(network, x, count, network.inputSize, (chunk, n) => network.forward(chunk, n, { training: false }), outputsLogits(network, loss));
}
