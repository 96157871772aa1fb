import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { fromLayersModel, toLayersModel } from '../io/layersModel';
import { analyzeNetwork } from '../model/analyze';
import { Network } from '../model/network';
import { predictProbs } from '../model/predict';
import type { NetworkSpec } from '../model/spec';
import { BACKENDS } from '../testing/backends';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { GaussianNoise } from './gaussianNoise';

/** A generator that replays the same draws after every reset, so each forward adds the same noise. */
function replaying(seed: number) {
  let rng = new Rng(seed);
  return { normal: () => rng.normal(), reset: () => (rng = new Rng(seed)) };
}

/** Points of the plane through noise, a tanh hidden layer, three classes (document 004's 2-5-3). */
const NOISY: NetworkSpec = {
  input_shape: [2],
  layers: [
    { type: 'GaussianNoise', stddev: 0.3 },
    { type: 'Dense', units: 5, activation: 'tanh' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};
const N = 6;
const points = (seed: number) => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: N * 2 }, () => rng.uniform(-2, 2));
};

function expectClose(actual: Float32Array, expected: Float32Array, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThan(tol);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GaussianNoise', () => {
  for (const backend of BACKENDS) {
    it(`passes the gradient check with fixed noise, on vectors and images (${backend.name})`, () => {
      const rng = new Rng(2);
      for (const shape of [[7], [3, 3, 2]] as const) {
        const src = replaying(9);
        const layer = new GaussianNoise(shape, 0.5, src, backend.make());
        const size = shape.reduce((a, b) => a * b, 1);
        const r = checkLayerGradients(layer, randomArray(3 * size, rng), 3, rng, { eps: 0.25, beforeForward: src.reset });
        expect(r.ok, `${shape}: ${JSON.stringify(r.worst)}`).toBe(true);
      }
    });
  }

  it('adds N(0, stddev²) noise in training only, and the identity at inference', () => {
    const layer = new GaussianNoise([4000], 0.5, new Rng(4));
    const x = new Float32Array(4000).fill(2);
    expect(layer.forward(x, 1, { training: false })).toBe(x);
    const y = layer.forward(x, 1, { training: true });
    const noise = Array.from(y, (v) => v - 2);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.47);
    expect(sd).toBeLessThan(0.53);
    const dy = new Float32Array(4000).fill(3);
    expect(layer.backward(dy)).toBe(dy);
  });

  it('draws its noise from the network seed: the same seed gives the same noise, another seed another', () => {
    const noisy = (seed: number) => Network.fromSpec(NOISY, new Rng(seed), { numClasses: null });
    const x = points(1);
    const a = noisy(7).forward(x, N, { training: true }).slice();
    expect(noisy(7).forward(x, N, { training: true })).toEqual(a);
    expect(noisy(8).forward(x, N, { training: true })).not.toEqual(a);
  });

  it('is checked, counted and described like any layer: no weights, stddev from 0 up', () => {
    const a = analyzeNetwork(NOISY, { numClasses: 3 });
    expect(a.issues).toEqual([]);
    expect(a.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([['gaussian_noise_1', [2], 0], ['dense_1', [5], 15], ['dense_2', [3], 18]]);
    expect(a.totalParams).toBe(33);
    const bad = analyzeNetwork({ ...NOISY, layers: [{ type: 'GaussianNoise', stddev: -1 }, ...NOISY.layers.slice(1)] }, { numClasses: 3 });
    expect(bad.issues.map((i) => i.message)).toEqual(['stddev must be a number from 0 up (got -1).']);
    expect(bad.issues[0]!.layerName).toBe('gaussian_noise_1');
  });

  it('round-trips through our model file: Keras config {stddev}, same spec, same predictions', () => {
    const rng = new Rng(3);
    const net = Network.fromSpec(NOISY, rng, { numClasses: null });
    const { modelJson, weightData } = toLayersModel(net, { appVersion: '0.1.0', createdAt: new Date(0).toISOString() });
    const layers = (modelJson.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    const noise = layers.find((l) => l.class_name === 'GaussianNoise')!;
    expect(noise.config).toMatchObject({ stddev: 0.3, name: 'gaussian_noise_1' });
    const back = fromLayersModel(JSON.parse(JSON.stringify(modelJson)), weightData);
    expect(back.spec).toEqual(NOISY);
    const x = points(5);
    expect(predictProbs(back.network, x, N)).toEqual(predictProbs(net, x, N));
  });

  it('tfjs loads ours and predicts the same; we load tfjs’s', async () => {
    const net = Network.fromSpec(NOISY, new Rng(6), { numClasses: null });
    const { modelJson, weightData } = toLayersModel(net, { appVersion: '0.1.0', createdAt: new Date(0).toISOString() });
    const file = JSON.parse(JSON.stringify(modelJson)) as typeof modelJson;
    const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ ...file, weightSpecs: file.weightsManifest[0]!.weights, weightData: buffer }));
    const x = points(7);
    const theirs = tf.tidy(() => (model.predict(tf.tensor2d(x, [N, 2])) as tf.Tensor).dataSync() as Float32Array);
    expectClose(predictProbs(net, x, N), theirs);
    model.dispose();

    const tfModel = tf.sequential({ layers: [
      tf.layers.gaussianNoise({ inputShape: [2], stddev: 0.2 }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ] });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await tfModel.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const saved = JSON.parse(JSON.stringify({ modelTopology: artifacts!.modelTopology, format: artifacts!.format, weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts!.weightSpecs }] }));
    const loaded = fromLayersModel(saved, new Uint8Array(artifacts!.weightData as ArrayBuffer));
    expect(loaded.spec.layers[0]).toMatchObject({ type: 'GaussianNoise', stddev: 0.2 });
    const tfOut = tf.tidy(() => (tfModel.predict(tf.tensor2d(x, [N, 2])) as tf.Tensor).dataSync() as Float32Array);
    expectClose(predictProbs(loaded.network, x, N), tfOut);
    tfModel.dispose();
  });
});
