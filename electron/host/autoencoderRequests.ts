/**
 * The prediction worker's answers for an autoencoder (Draw & test): a drawing's reconstruction
 * and code, the decoder's image of a code, and the test set's codes with their labels. Runs in
 * the worker: the engine computes, this module checks what the model can answer and shapes
 * the replies. What a model cannot answer is a `RequestProblem` (a catalog message), which the
 * worker answers as an invalid request in the user's language.
 */
import path from 'node:path';
import {
  codeLabels, codeLayerIndex, computeCodes, decodeCodes, LocalizedError, msg, reconstructImages,
  type SampleSet, type LossName, type ModelMetadata, type Network,
} from '../../engine';
import { findDatasetFiles, loadImageSetFromFiles } from '../../engine/node';
import type { DecodedImage, Reconstruction, TestCodes } from '../ipc/contract';

/** A request this model cannot answer (not an autoencoder, a code of the wrong width): the user's mistake, said in their language. */
export class RequestProblem extends LocalizedError {}

/** A built network with what its file says about its code layer and its loss. */
export interface CachedModel {
  network: Network;
  metadata: ModelMetadata | null;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The loss it was trained with: binary cross-entropy from logits means the outputs need a sigmoid. */
const lossOf = (m: CachedModel): LossName | undefined => m.metadata?.training?.config.loss;

/** The code layer, for a network whose output has its input's shape; else why not. */
function codeLayer(m: CachedModel): number {
  const { network } = m;
  const same = network.outputShape.length === network.inputShape.length && network.outputShape.every((d, i) => d === network.inputShape[i]);
  if (!same) throw new RequestProblem(msg('general.notAutoencoder', { input: network.inputShape.join('×'), output: network.outputShape.join('×') }));
  const layer = codeLayerIndex(network.layers, m.metadata?.codeLayer);
  if (layer < 0 || layer >= network.layers.length - 1) throw new RequestProblem(msg('general.noCodeLayer'));
  return layer;
}

export function reconstruct(m: CachedModel, pixels: Float32Array): Reconstruction {
  const { network } = m;
  const layer = codeLayer(m);
  if (network.inputSize !== pixels.length) {
    throw new RequestProblem(msg('general.predictImageSize', { shape: network.inputShape.join('×'), drawing: '28×28' }));
  }
  const image = reconstructImages(network, pixels, 1, lossOf(m));
  const code = network.forwardTo(pixels, 1, layer).subarray(0, size(network.layers[layer]!.outputShape));
  return { image: Array.from(image), shape: [...network.outputShape], code: Array.from(code), codeLayer: network.layers[layer]!.name };
}

export function decode(m: CachedModel, code: Float32Array): DecodedImage {
  const { network } = m;
  const layer = codeLayer(m);
  const width = size(network.layers[layer]!.outputShape);
  if (code.length !== width) throw new RequestProblem(msg('general.codeSize', { size: width, given: code.length }));
  return { image: Array.from(decodeCodes(network, code, 1, layer, lossOf(m))), shape: [...network.outputShape] };
}

/** The test images of one folder, kept while the worker lives (the decoder map asks once per model). */
let testSet: { dir: string; set: Promise<SampleSet & { rows: number; cols: number }> } | null = null;

function testImages(dir: string): Promise<SampleSet & { rows: number; cols: number }> {
  const key = path.resolve(dir);
  if (testSet?.dir !== key) {
    const set = findDatasetFiles(key)
      .then((files) => loadImageSetFromFiles(files.testImages, files.testLabels))
      .then((s) => ({ count: s.count, inputs: s.images, labels: s.labels, targets: null, rows: s.rows, cols: s.cols }));
    testSet = { dir: key, set };
    set.catch(() => { if (testSet?.set === set) testSet = null; });
  }
  return testSet.set;
}

export async function testCodes(m: CachedModel, dataDir: string, limit: number): Promise<TestCodes> {
  const { network } = m;
  const layer = codeLayer(m);
  const set = await testImages(dataDir);
  if (set.rows * set.cols !== network.inputSize) {
    throw new RequestProblem(msg('general.codesImageSize', { shape: network.inputShape.join('×'), images: `${set.rows}×${set.cols}` }));
  }
  const count = Math.min(limit, set.count);
  const indices = Int32Array.from({ length: count }, (_, i) => i);
  const codes = computeCodes(network, set, layer, { indices });
  const labels = codeLabels(set, indices);
  return {
    codeLayer: network.layers[layer]!.name, dim: codes.dim, count, codes: Array.from(codes.values),
    labels: labels ? Array.from(labels) : new Array<number>(count).fill(0),
  };
}
