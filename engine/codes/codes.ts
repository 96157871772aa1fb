/**
 * A network's codes: the activations of one layer for a set of samples. For an autoencoder
 * the code layer (its bottleneck, marked in the model file or else the narrowest hidden
 * layer); for a classifier any hidden layer. Computed in batches with the network's own
 * forward (inference mode), so whatever the network computes, the codes are what it saw.
 */
import { PIXEL_SCALE, type SampleSet } from '../data/dataset';
import type { Shape } from '../layers/layer';
import type { Network } from '../model/network';

/** Samples per forward pass: bounds the memory of a large set's codes. */
export const CODES_CHUNK = 500;

const size = (s: Shape) => s.reduce((a, b) => a * b, 1);

/**
 * The layer whose outputs are the codes: `marked` (a layer name, as the model file records
 * it) when it names one, else the narrowest layer before the last (the first of equals),
 * which is the bottleneck of an autoencoder. `layers` are the spec's layers with their output
 * shapes (a built network's `layers`, or the analysis's). -1 when there is no layer.
 */
export function codeLayerIndex(layers: readonly { readonly name: string; readonly outputShape: Shape | null }[], marked?: string | null): number {
  if (marked) {
    const i = layers.findIndex((l) => l.name === marked);
    if (i >= 0) return i;
  }
  const hidden = layers.length > 1 ? layers.length - 1 : layers.length;
  let best = -1, bestSize = Infinity;
  for (let i = 0; i < hidden; i++) {
    const shape = layers[i]!.outputShape;
    if (shape && size(shape) < bestSize) [best, bestSize] = [i, size(shape)];
  }
  return best;
}

export interface CodesOptions {
  /** Which samples, in this order (default: all of the set). */
  readonly indices?: ArrayLike<number>;
  readonly chunk?: number;
  /** Called after each batch with the samples done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Codes {
  /** `[count, dim]` row-major. */
  readonly values: Float32Array;
  readonly count: number;
  /** Numbers per code (the layer's output size). */
  readonly dim: number;
}

/** The outputs of layer `layerIndex` for the samples of `set` (floats in [0, 1] for images, as training feeds them). */
export function computeCodes(network: Network, set: SampleSet, layerIndex: number, opts: CodesOptions = {}): Codes {
  const layer = network.layers[layerIndex];
  if (!layer) throw new RangeError(`computeCodes: the network has no layer ${layerIndex}`);
  const dim = size(layer.outputShape), perSample = network.inputSize;
  const indices = opts.indices ?? identity(set.count);
  const count = indices.length, chunk = Math.max(1, opts.chunk ?? CODES_CHUNK);
  const values = new Float32Array(count * dim);
  const x = new Float32Array(Math.min(chunk, count) * perSample);
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    network.kernels.gatherInputs(set, perSample, indices, from, n, x);
    values.set(network.forwardTo(x, n, layerIndex).subarray(0, n * dim), from * dim);
    opts.onProgress?.(from + n, count);
  }
  return { values, count, dim };
}

/** The samples' inputs themselves as codes (raw pixels): what k-means on the codes is compared with. */
export function inputCodes(set: SampleSet, perSample: number, indices?: ArrayLike<number>): Codes {
  const picked = indices ?? identity(set.count);
  const values = new Float32Array(picked.length * perSample);
  const scale = set.inputs instanceof Float32Array ? 1 : PIXEL_SCALE;
  for (let k = 0; k < picked.length; k++) {
    const i = picked[k]! * perSample;
    for (let p = 0; p < perSample; p++) values[k * perSample + p] = set.inputs[i + p]! * scale;
  }
  return { values, count: picked.length, dim: perSample };
}

/** The labels of the picked samples (classes), or null for a set without labels. */
export function codeLabels(set: SampleSet, indices?: ArrayLike<number>): Uint8Array | null {
  if (!set.labels) return null;
  if (!indices) return set.labels.slice();
  return Uint8Array.from({ length: indices.length }, (_, k) => set.labels![indices[k]!]!);
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
