/**
 * Training on datasets other than digit images, through their task heads: points in the
 * plane (float inputs) as classes, a regression surface, two classes on one sigmoid unit,
 * and an autoencoder reconstructing its images.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { Dataset } from '../data/dataset';
import { toyDataset } from '../data/toy/toyDataset';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { barsDataset } from '../testing/syntheticData';
import type { TrainConfig } from './config';
import { train, type TrainEvent } from './trainer';
import { formatMessage, type Message } from '../messages';
import { analyzeOptionsFor } from './taskHead';

const BASE: TrainConfig = { epochs: 3, batchSize: 16, learningRate: 0.01, optimizer: { type: 'adam' }, validationSize: 100 };

/** A network on points in the plane (input `[2]`): one hidden layer, then `out` units. */
const planeSpec = (hidden: number, out: number, activation?: 'softmax' | 'sigmoid'): NetworkSpec => ({
  input_shape: [2],
  layers: [
    { type: 'Dense', units: hidden, activation: 'tanh' },
    activation ? { type: 'Dense', units: out, activation } : { type: 'Dense', units: out },
  ],
});
const PLANE_CONFIG: TrainConfig = { epochs: 60, batchSize: 16, learningRate: 0.02, optimizer: { type: 'adam' } };

/** The network's outputs for every sample of a set, fed its raw float inputs (no /255). */
function outputsOn(net: Network, set: Dataset['test']): Float32Array {
  expect(set.inputs).toBeInstanceOf(Float32Array);
  return net.forward(set.inputs as Float32Array, set.count, { training: false }).slice();
}

describe('train on tasks other than images', () => {
  it('learns points in the plane (float inputs) as classes, measured on the floats as they are', async () => {
    const data = toyDataset({ kind: 'circles', count: 400, seed: 1 });
    const rng = new Rng(3);
    const net = Network.fromSpec(planeSpec(16, 2, 'softmax'), rng, { numClasses: null });
    const events: TrainEvent[] = [];
    const result = await train(net, data, PLANE_CONFIG, rng, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('completed');
    expect(events[0]).toMatchObject({ type: 'start', trainCount: 288, valCount: 32, head: 'classification', metrics: ['accuracy'] });
    const test = result.test!;
    expect(test.count).toBe(80);
    expect(test.measures.accuracy).toBeGreaterThan(0.9);
    // The same accuracy by hand, from the network fed the test points unscaled.
    const out = outputsOn(net, data.test);
    let correct = 0;
    for (let i = 0; i < data.test.count; i++) if ((out[2 * i + 1]! > out[2 * i]! ? 1 : 0) === data.test.labels![i]) correct++;
    expect(test.measures.accuracy).toBeCloseTo(correct / data.test.count, 10);
    expect(test.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(80);
    expect(test.misclassified).toHaveLength(80 - correct);
    expect(result.history.at(-1)!.val!.accuracy).toBeGreaterThan(0.85);
  });

  it('learns a regression surface, reporting mean absolute error and R² (no accuracy, no confusion)', async () => {
    const data = toyDataset({ kind: 'surface', count: 400, seed: 1 });
    expect(data.task.kind).toBe('regression');
    const rng = new Rng(3);
    const net = Network.fromSpec(planeSpec(32, 1), rng, { numClasses: null });
    const events: TrainEvent[] = [];
    const result = await train(net, data, PLANE_CONFIG, rng, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('completed');
    expect(events[0]).toMatchObject({ type: 'start', head: 'regression', metrics: ['mae', 'r2'] });
    const batch = events.find((e) => e.type === 'batch')!;
    expect(batch.type === 'batch' && Object.keys(batch.measures).sort()).toEqual(['loss', 'mae', 'r2']);
    for (const h of result.history) {
      expect(Object.keys(h.running).sort()).toEqual(['loss', 'mae', 'r2']);
      expect(Object.keys(h.val!).sort()).toEqual(['loss', 'mae', 'r2']);
      expect(Object.keys(h.train!).sort()).toEqual(['loss', 'mae', 'r2']);
    }
    expect(result.history.at(-1)!.val!.mae).toBeLessThan(result.history[0]!.val!.mae!);
    const test = result.test!;
    expect(Object.keys(test.measures).sort()).toEqual(['loss', 'mae', 'r2']);
    expect(test.confusion).toBeNull();
    expect(test.misclassified).toEqual([]);
    expect(test.predictions).toBeNull();
    expect(test.measures.r2).toBeGreaterThan(0.9);
    // By hand: MAE, R² and the loss (mean squared error, the regression default) from the raw outputs.
    const out = outputsOn(net, data.test), y = data.test.targets!;
    const n = data.test.count, mean = y.reduce((a, b) => a + b, 0) / n;
    let abs = 0, sq = 0, spread = 0;
    for (let i = 0; i < n; i++) {
      abs += Math.abs(out[i]! - y[i]!);
      sq += (out[i]! - y[i]!) ** 2;
      spread += (y[i]! - mean) ** 2;
    }
    expect(test.measures.mae).toBeCloseTo(abs / n, 5);
    expect(test.measures.r2).toBeCloseTo(1 - sq / spread, 4);
    expect(test.measures.loss).toBeCloseTo(sq / n, 5);
  });

  it('trains two classes on one sigmoid unit as binary, with binary cross-entropy and accuracy at p ≥ 0.5', async () => {
    const data = toyDataset({ kind: 'circles', count: 400, seed: 1 });
    expect(data.task).toEqual({ kind: 'classification', classNames: ['0', '1'] });
    const rng = new Rng(3);
    const net = Network.fromSpec(planeSpec(16, 1, 'sigmoid'), rng, { numClasses: null });
    const events: TrainEvent[] = [];
    const result = await train(net, data, PLANE_CONFIG, rng, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('completed');
    expect(events[0]).toMatchObject({ type: 'start', head: 'binary', metrics: ['accuracy'] });
    const test = result.test!;
    expect(test.measures.accuracy).toBeGreaterThan(0.9);
    const out = outputsOn(net, data.test), labels = data.test.labels!;
    let correct = 0, bce = 0;
    const confusion = [[0, 0], [0, 0]];
    for (let i = 0; i < data.test.count; i++) {
      const p = out[i]!, predicted = p >= 0.5 ? 1 : 0;
      confusion[labels[i]!]![predicted]!++;
      if (predicted === labels[i]) correct++;
      bce -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    expect(test.measures.accuracy).toBeCloseTo(correct / data.test.count, 10);
    expect(test.confusion).toEqual(confusion);
    // The loss is binary cross-entropy (what the head defaults to), not the categorical one.
    expect(test.measures.loss).toBeCloseTo(bce / data.test.count, 4);
    for (const m of test.misclassified) {
      expect(m.predicted).toBe(1 - m.label);
      expect(m.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('reconstructs images (an autoencoder), reporting the MSE of the images it draws, also through a fused sigmoid', async () => {
    const bars = barsDataset(300, 60);
    const data: Dataset = { ...bars, task: { kind: 'reconstruction' } };
    const spec: NetworkSpec = {
      input_shape: [8, 8, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 16, activation: 'relu' }, { type: 'Dense', units: 64, activation: 'sigmoid' }],
    };
    for (const loss of ['mean_squared_error', 'binary_crossentropy'] as const) {
      const rng = new Rng(5);
      const net = Network.fromSpec(spec, rng, { numClasses: null });
      const events: TrainEvent[] = [];
      const result = await train(net, data, { ...BASE, epochs: 8, loss }, rng, { onEvent: (e) => events.push(e) });
      expect(result.status).toBe('completed');
      expect(events[0]).toMatchObject({ type: 'start', head: 'reconstruction', metrics: ['mse'] });
      const test = result.test!;
      expect(Object.keys(test.measures).sort()).toEqual(['loss', 'mse']);
      expect([test.confusion, test.predictions, test.misclassified]).toEqual([null, null, []]);
      expect(result.history.at(-1)!.val!.mse).toBeLessThan(result.history[0]!.val!.mse!);
      // By hand, from the images the network draws (probabilities, whether or not the loss fused the sigmoid).
      const x = Float32Array.from(data.test.inputs, (v) => v / 255);
      const out = net.forward(x, data.test.count, { training: false });
      let sq = 0;
      for (let i = 0; i < x.length; i++) sq += (out[i]! - x[i]!) ** 2;
      expect(test.measures.mse, loss).toBeCloseTo(sq / x.length, 5);
    }
  });

  it('refuses a cross-entropy for values to predict, saying which losses fit, in both languages', async () => {
    const data = toyDataset({ kind: 'surface', count: 100, seed: 1 });
    const net = Network.fromSpec({ input_shape: [2], layers: [{ type: 'Dense', units: 4, activation: 'tanh' }, { type: 'Dense', units: 1 }] },
      new Rng(1), { kernels: 'js', ...analyzeOptionsFor(data.task) });
    const config = { epochs: 1, batchSize: 10, learningRate: 0.01, optimizer: { type: 'sgd' as const }, validationSize: 0 };
    for (const loss of ['categorical_crossentropy', 'binary_crossentropy'] as const) {
      const refused = await train(net, data, { ...config, loss }, new Rng(2)).then(() => null, (e: unknown) => e as { detail: Message });
      expect(formatMessage(refused!.detail, 'en')).toMatch(/compares class probabilities.*mean squared error/);
      expect(formatMessage(refused!.detail, 'fr')).toMatch(/erreur quadratique moyenne/);
    }
    expect((await train(net, data, { ...config, loss: 'mean_absolute_error' }, new Rng(2))).status).toBe('completed');
  });

  it('refuses a network whose outputs do not fit the task, or whose input is not the samples\' shape', async () => {
    const rng = new Rng(3);
    const surface = toyDataset({ kind: 'surface', count: 100, seed: 1 });
    await expect(train(Network.fromSpec(planeSpec(4, 2), rng, { numClasses: null }), surface, PLANE_CONFIG, rng))
      .rejects.toThrow(/the network outputs 2 values per sample but this task needs 1/);
    const circles = toyDataset({ kind: 'circles', count: 100, seed: 1 });
    await expect(train(Network.fromSpec(planeSpec(4, 3, 'softmax'), rng, { numClasses: null }), circles, PLANE_CONFIG, rng))
      .rejects.toThrow(/outputs 3 values per sample but this task needs 2/);
    const flat = Network.fromSpec({ input_shape: [1, 1, 2], layers: [{ type: 'Flatten' }, ...planeSpec(4, 2, 'softmax').layers] }, rng, { numClasses: null });
    await expect(train(flat, circles, PLANE_CONFIG, rng)).rejects.toThrow(/expects inputs of shape 1×1×2 but the dataset’s samples are 2/);
  });
});
