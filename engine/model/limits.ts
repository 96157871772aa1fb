/**
 * The limits on what a network may declare, in one place: the model-file reader checks
 * them before it allocates anything, and the training-memory estimate uses the same
 * per-layer buffer sizes. A network within them fits a classroom laptop; a hostile or
 * mistaken model file (150,000 layers, a kernel as big as the image with many filters)
 * is refused in milliseconds instead of taking the machine's memory.
 *
 * Per-layer settings (units ≤ 1,000,000, filters ≤ 4,096, kernel sizes ≤ 1,024) are
 * checked with each layer's other settings (engine/model/registry.ts).
 */
import { sizeOf } from '../layers/layer';
import { msg, type Message } from '../messages';
import type { LayerInfo, NetworkAnalysis } from './analyze';
import type { LayerFloats } from '../layers/kind';
import { layerKind } from './registry';
import { isLayerType, type LayerSpec, type NetworkSpec } from './spec';

/** Most layers in a network (the contract's `layers` list has the same bound). */
export const MAX_LAYERS = 100;

/** Keeps training within memory the app can afford on a classroom laptop. */
export const MAX_PARAMS = 20_000_000;

/**
 * Most floats one image may need in the layers' buffers during training (forward
 * outputs, im2col matrices, gradients): 256 MB. Far above any network of the course
 * (a 28×28 CNN needs well under a megabyte), and still low enough that one image
 * through the network cannot exhaust a laptop.
 */
export const MAX_SAMPLE_FLOATS = 64 * 1024 * 1024;

/**
 * Largest weight magnitude accepted from a file. Trained weights stay within a few tens;
 * 1e6 leaves a wide margin while refusing weights so large that one layer's outputs
 * overflow float32 (3e38 times a pixel is infinite, and the probabilities become NaN).
 */
export const MAX_WEIGHT_MAGNITUDE = 1e6;

export type { LayerFloats } from '../layers/kind';

/** The buffers each layer allocates per sample, as its kind counts them (default: one output, one input gradient). */
export function layerFloats(spec: LayerSpec, info: LayerInfo): LayerFloats {
  const input = info.inputShape, output = info.outputShape;
  if (!input || !output || !isLayerType(spec.type)) return { forward: 0, backward: 0 };
  const kind = layerKind(spec.type);
  return kind.floats ? kind.floats(spec, input, output) : { forward: sizeOf(output), backward: sizeOf(input) };
}

/** Floats per image over the whole network, for inference and for training. */
export function networkFloats(spec: NetworkSpec, analysis: NetworkAnalysis): LayerFloats {
  let forward = sizeOf(analysis.inputShape), backward = 0;
  spec.layers.forEach((l, i) => {
    const f = layerFloats(l, analysis.layers[i]!);
    forward += f.forward;
    backward += f.backward;
  });
  return { forward, backward };
}

/**
 * What makes a (shape-valid) network too big to load, or null: too many layers, too many
 * parameters, too much memory per image. `layerCount` lets a reader refuse a huge list
 * before parsing it.
 */
export function networkLimitProblem(spec: NetworkSpec, analysis: NetworkAnalysis): Message | null {
  if (spec.layers.length > MAX_LAYERS) return tooManyLayers(spec.layers.length);
  if (analysis.totalParams > MAX_PARAMS) return msg('modelFile.tooManyParams', { params: analysis.totalParams, max: MAX_PARAMS });
  const { forward, backward } = networkFloats(spec, analysis);
  if (forward + backward > MAX_SAMPLE_FLOATS) {
    const biggest = biggestLayer(spec, analysis);
    return msg('modelFile.tooMuchPerImage', { mib: Math.ceil(((forward + backward) * 4) / 2 ** 20), max: (MAX_SAMPLE_FLOATS * 4) / 2 ** 20, layer: biggest.name });
  }
  return null;
}

export function tooManyLayers(count: number): Message {
  return msg('modelFile.tooManyLayers', { count, max: MAX_LAYERS });
}

/** The layer whose buffers take the most memory per image (what to shrink first). */
export function biggestLayer(spec: NetworkSpec, analysis: NetworkAnalysis): { name: string; type: string; floats: number } {
  let best = { name: '', type: '', floats: -1 };
  spec.layers.forEach((l, i) => {
    const info = analysis.layers[i]!;
    const f = layerFloats(l, info);
    if (f.forward + f.backward > best.floats) best = { name: info.name, type: info.type, floats: f.forward + f.backward };
  });
  return best;
}
