import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { predictProbs } from '../model/predict';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { fromLayersModel, ModelFileError, toLayersModel } from './layersModel';

/**
 * TensorFlow.js is the oracle: models we save must load in tfjs and predict what we
 * predict, and models tfjs saves must load here and predict what tfjs predicts.
 */
const EVERY_LAYER: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'AveragePooling2D', pool_size: 2, padding: 'same', strides: 1 },
    { type: 'Conv2D', filters: 6, kernel_size: [3, 2], activation: 'tanh', use_bias: false },
    { type: 'MaxPooling2D', pool_size: 3, strides: 2, padding: 'same' },
    { type: 'AveragePooling2D' },
    { type: 'Activation', activation: 'sigmoid' },
    { type: 'LeakyReLU', alpha: 0.2 },
    { type: 'Flatten' },
    { type: 'Dropout', rate: 0.3 },
    { type: 'Dense', units: 32, use_bias: false, activation: 'tanh' },
    { type: 'ReLU' },
    { type: 'Dense', units: 16, activation: 'sigmoid', kernel_initializer: 'pytorch_uniform', bias_initializer: 'pytorch_uniform' },
    { type: 'Activation', activation: 'tanh' },
    { type: 'Dense', units: 10 },
    { type: 'Softmax' },
  ],
};
/** Batch normalization on a vector and on feature maps, with reshapes from an image to a vector and back. */
const NORMALIZED: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Reshape', target_shape: [784] },
    { type: 'Dense', units: 64 },
    { type: 'BatchNormalization', name: 'bn_vector', momentum: 0.9, epsilon: 1e-4 },
    { type: 'ReLU' },
    { type: 'Reshape', target_shape: [8, 8, 1] },
    { type: 'Conv2D', filters: 3, kernel_size: 3 },
    { type: 'BatchNormalization' },
    { type: 'Flatten' },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
};
/** Ends in logits: predictProbs must apply the softmax itself. */
const LOGITS: NetworkSpec = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 24, activation: 'relu' }, { type: 'Dense', units: 10 }] };

const N = 5;
const images = (seed: number) => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: N * 784 }, () => rng.next());
};

function expectClose(actual: Float32Array, expected: Float32Array, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  // Outputs that barely vary would make any two implementations agree.
  expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.05);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThan(tol);
}

function tfPredict(model: tf.LayersModel, x: Float32Array): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor4d(x, [N, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
}

/** The artifacts as tfjs's file writer lays them out on disk: model.json plus one weights.bin. */
async function tfjsFiles(model: tf.LayersModel): Promise<{ modelJson: unknown; weightData: Uint8Array }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts!;
  const modelJson = {
    modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy,
    weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs }],
  };
  return { modelJson: JSON.parse(JSON.stringify(modelJson)), weightData: new Uint8Array(a.weightData as ArrayBuffer) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TensorFlow.js interop', () => {
  it.each([['mlp', PRESETS.mlp], ['cnn', PRESETS.cnn], ['every layer type', EVERY_LAYER], ['logits', LOGITS]] as const)(
    'tfjs loads our %s and predicts the same', async (_name, spec) => {
      const rng = new Rng(3);
      const net = Network.fromSpec(spec, rng, { numClasses: null });
      for (const p of net.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-0.6, 0.6);
      const { modelJson, weightData } = toLayersModel(net, { appVersion: '0.1.0', createdAt: new Date(0).toISOString() });
      const file = JSON.parse(JSON.stringify(modelJson)) as typeof modelJson;
      const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
      const model = await tf.loadLayersModel(tf.io.fromMemory({ ...file, weightSpecs: file.weightsManifest[0]!.weights, weightData: buffer }));
      const x = images(11);
      const theirs = tfPredict(model, x);
      expectClose(net.forward(x, N, { training: false }).slice(), theirs);
      const ours = predictProbs(net, x, N);
      if (spec === LOGITS) expectClose(ours, tf.tidy(() => tf.softmax(tf.tensor2d(theirs, [N, 10])).dataSync() as Float32Array));
      else expectClose(ours, theirs);
      model.dispose();
    });

  const tfModels: [string, () => tf.Sequential][] = [
    ['mlp', () => tf.sequential({ layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ] })],
    ['cnn', () => tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu', kernelInitializer: 'heUniform' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: [2, 2], strides: [2, 2] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ] })],
    ['every layer type', () => tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, strides: 2, padding: 'same', biasInitializer: 'randomNormal' }),
      tf.layers.reLU(),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
      tf.layers.conv2d({ filters: 6, kernelSize: [3, 2], activation: 'tanh', useBias: false }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      tf.layers.activation({ activation: 'sigmoid' }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 32, useBias: false }),
      tf.layers.activation({ activation: 'tanh' }),
      tf.layers.dense({ units: 7, biasInitializer: 'randomUniform' }),
      tf.layers.softmax(),
    ] })],
  ];
  /** TF.js draws initial weights from an unseeded source: set them from a seed, Glorot-sized, so the test is the same every run. */
  const seedWeights = (model: tf.Sequential, seed: number): void => {
    const rng = new Rng(seed);
    model.setWeights(model.getWeights().map((w) => {
      const fanOut = w.shape.at(-1)!, fanIn = w.size / fanOut;
      const limit = w.shape.length > 1 ? Math.sqrt(6 / (fanIn + fanOut)) : 0.1;
      return tf.tensor(Float32Array.from({ length: w.size }, () => rng.uniform(-limit, limit)), w.shape);
    }));
  };

  it.each(tfModels)('we load a %s saved by tfjs and predict the same', async (_name, build) => {
    const model = build();
    seedWeights(model, 11);
    const { modelJson, weightData } = await tfjsFiles(model);
    const { network, metadata } = fromLayersModel(modelJson, weightData);
    expect(metadata).toBeNull();
    const x = images(12);
    expectClose(predictProbs(network, x, N), tfPredict(model, x));
    model.dispose();
  });

  /** Every weight of a layer as tfjs holds it, by its name within the layer (gamma, moving_variance…). */
  const tfWeights = (model: tf.LayersModel, layer: string): Record<string, Float32Array> => Object.fromEntries(
    model.getLayer(layer).weights.map((w) => [w.originalName.split('/').pop()!, w.read().dataSync() as Float32Array]));

  it('tfjs loads our batch normalization and reshapes, moving statistics included, and predicts the same', async () => {
    const rng = new Rng(5);
    const net = Network.fromSpec(NORMALIZED, rng, { numClasses: null });
    // Moving statistics far from their starting 0 and 1, so that a file that lost them would predict otherwise.
    for (const w of net.weights) {
      for (let i = 0; i < w.value.length; i++) w.value[i] = w.name === 'moving_variance' ? rng.uniform(0.2, 2) : rng.uniform(-0.6, 0.6);
    }
    const { modelJson, weightData } = toLayersModel(net, { appVersion: '0.1.0', createdAt: new Date(0).toISOString() });
    expect(modelJson.weightsManifest[0]!.weights.filter((w) => w.name.startsWith('bn_vector/')).map((w) => w.name))
      .toEqual(['bn_vector/gamma', 'bn_vector/beta', 'bn_vector/moving_mean', 'bn_vector/moving_variance']);
    const file = JSON.parse(JSON.stringify(modelJson)) as typeof modelJson;
    const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ ...file, weightSpecs: file.weightsManifest[0]!.weights, weightData: buffer }));
    for (const layer of net.layers.filter((l) => l.spec.type === 'BatchNormalization')) {
      const theirs = tfWeights(model, layer.name);
      for (const w of [...layer.params, ...layer.state]) expect(theirs[w.name], `${layer.name}/${w.name}`).toEqual(w.value);
    }
    const x = images(13);
    expectClose(predictProbs(net, x, N), tfPredict(model, x));
    model.dispose();
  });

  it('we load batch normalization and reshapes saved by tfjs, moving statistics included, and predict the same', async () => {
    const model = tf.sequential({ layers: [
      tf.layers.reshape({ inputShape: [28, 28, 1], targetShape: [784] }),
      tf.layers.dense({ units: 64 }),
      tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-4 }),
      tf.layers.reLU(),
      tf.layers.reshape({ targetShape: [8, 8, 1] }),
      tf.layers.conv2d({ filters: 3, kernelSize: 3 }),
      tf.layers.batchNormalization({ name: 'bn_maps' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ] });
    const rng = new Rng(6);
    model.setWeights(model.weights.map((w) => {
      const shape = w.shape as number[]; // a layer's weights have no unknown dimensions
      const size = shape.reduce((a, b) => a * b, 1);
      return tf.tensor(Float32Array.from({ length: size }, () => (w.name.includes('moving_variance') ? rng.uniform(0.2, 2) : rng.uniform(-0.6, 0.6))), shape);
    }));
    const { modelJson, weightData } = await tfjsFiles(model);
    const { network, spec } = fromLayersModel(modelJson, weightData);
    // Keras's defaults are left out of the spec, as the builder writes them.
    expect(spec.layers.flatMap((l) => (l.type === 'BatchNormalization' ? [[l.momentum, l.epsilon]] : []))).toEqual([[0.9, 1e-4], [undefined, undefined]]);
    const maps = network.layers.find((l) => l.name === 'bn_maps')!;
    const theirs = tfWeights(model, 'bn_maps');
    for (const w of [...maps.params, ...maps.state]) expect(w.value, w.name).toEqual(theirs[w.name]);
    const x = images(14);
    expectClose(predictProbs(network, x, N), tfPredict(model, x));
    model.dispose();
  });

  it('refuses a tfjs model with a layer we lack, naming it', async () => {
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3 }),
      tf.layers.layerNormalization({ name: 'ln' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10 }),
    ] });
    const { modelJson, weightData } = await tfjsFiles(model);
    expect(() => fromLayersModel(modelJson, weightData)).toThrow(ModelFileError);
    expect(() => fromLayersModel(modelJson, weightData)).toThrow(/layer 2 'ln' is a LayerNormalization layer, which Layerwise does not support/);
    model.dispose();
  });

  it('refuses options tfjs has and we do not (elu, dilation)', async () => {
    for (const layer of [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, activation: 'elu' }),
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, dilationRate: 2 }),
    ]) {
      const model = tf.sequential({ layers: [layer, tf.layers.flatten(), tf.layers.dense({ units: 10 })] });
      const { modelJson, weightData } = await tfjsFiles(model);
      expect(() => fromLayersModel(modelJson, weightData)).toThrow(/layer 1 '.*' uses (the activation "elu"|dilation_rate \[2,2\])/);
      model.dispose();
    }
  });
});
