/**
 * Autoencoders in the TF.js layers format, TF.js as the oracle: ours load in tfjs and give
 * the same images and the same codes; the code layer and the corruption settings come back
 * from `userDefinedMetadata`; one saved by tfjs loads here.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLayerIndex, computeCodes } from '../codes/codes';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import type { TrainConfig } from '../train/config';
import { fromLayersModel, toLayersModel } from './layersModel';

const N = 4;
const images = () => {
  const rng = new Rng(5);
  return Float32Array.from({ length: N * 784 }, () => rng.next());
};
const CONFIG: TrainConfig = { epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: { type: 'adam' }, loss: 'binary_crossentropy', corruption: { noise: 0.3, binarize: 0.5 } };

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

function saved(net: Network, extra: object = {}) {
  const { modelJson, weightData } = toLayersModel(net, {
    appVersion: '0.1.0', createdAt: new Date(0).toISOString(), codeLayer: 'code',
    dataset: { name: 'MNIST', trainCount: 60000, testCount: 10000, task: { kind: 'reconstruction' } },
    training: { config: CONFIG, history: [] }, ...extra,
  });
  return { modelJson: JSON.parse(JSON.stringify(modelJson)) as typeof modelJson, weightData };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('autoencoder model files', () => {
  it('load in tfjs, which draws the same images and finds the same codes', async () => {
    const rng = new Rng(2);
    const net = Network.fromSpec(PRESETS.autoencoder, rng, { numClasses: null });
    const { modelJson, weightData } = saved(net);
    const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ ...modelJson, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData: buffer }));
    const x = images();
    const theirs = tf.tidy(() => (model.predict(tf.tensor4d(x, [N, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
    expect(model.outputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(maxDiff(net.forward(x, N, { training: false }).slice(), theirs)).toBeLessThan(1e-5);
    const encoder = tf.model({ inputs: model.inputs, outputs: model.getLayer('code').output as tf.SymbolicTensor });
    const theirCodes = tf.tidy(() => (encoder.predict(tf.tensor4d(x, [N, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
    const ours = computeCodes(net, { count: N, inputs: x, labels: null, targets: null }, codeLayerIndex(net.layers));
    expect(ours.dim).toBe(10);
    expect(maxDiff(ours.values, theirCodes)).toBeLessThan(1e-5);
    // Codes that barely vary would agree for any network.
    expect(Math.max(...theirCodes) - Math.min(...theirCodes)).toBeGreaterThan(0.05);
    model.dispose();
  });

  it('come back with their code layer, their corruption and their weights; wrong ones are dropped', () => {
    const net = Network.fromSpec(PRESETS.autoencoder2d, new Rng(4), { numClasses: null });
    const { modelJson, weightData } = saved(net);
    const back = fromLayersModel(modelJson, weightData);
    expect(back.metadata!.codeLayer).toBe('code');
    expect(back.metadata!.training!.config.corruption).toEqual({ noise: 0.3, binarize: 0.5 });
    expect(back.metadata!.dataset!.task).toEqual({ kind: 'reconstruction' });
    const x = images();
    expect(maxDiff(back.network.forward(x, N, { training: false }).slice(), net.forward(x, N, { training: false }).slice())).toBe(0);

    const wrong = saved(net, { codeLayer: 'nowhere', training: { config: { ...CONFIG, corruption: { noise: 9 } }, history: [] } });
    const dropped = fromLayersModel(wrong.modelJson, wrong.weightData).metadata!;
    expect(dropped.codeLayer).toBeUndefined();
    expect(dropped.training!.config.corruption).toBeUndefined();
    expect(dropped.training!.config.loss).toBe('binary_crossentropy');
  });

  it('we load an autoencoder saved by tfjs (no metadata: the narrowest layer is its code)', async () => {
    const model = tf.sequential({ layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 32, activation: 'tanh' }),
      tf.layers.dense({ units: 3, activation: 'tanh' }),
      tf.layers.dense({ units: 784, activation: 'sigmoid' }),
      tf.layers.reshape({ targetShape: [28, 28, 1] }),
    ] });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const a = artifacts!;
    const modelJson = JSON.parse(JSON.stringify({ modelTopology: a.modelTopology, format: a.format, weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs }] })) as unknown;
    const { network, metadata } = fromLayersModel(modelJson, new Uint8Array(a.weightData as ArrayBuffer));
    expect(metadata).toBeNull();
    expect(network.finalActivation).toBe('sigmoid');
    expect(codeLayerIndex(network.layers)).toBe(2);
    const x = images();
    const theirs = tf.tidy(() => (model.predict(tf.tensor4d(x, [N, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
    expect(maxDiff(network.forward(x, N, { training: false }).slice(), theirs)).toBeLessThan(1e-5);
    model.dispose();
  });
});
