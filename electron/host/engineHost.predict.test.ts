/**
 * Predictions through the host's prediction worker, with saved models (written straight
 * into the library, so no training is needed).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelSummary, Prediction } from '../ipc/contract';
import { Rng, Network, predictProbs, saliencyOf, type NetworkSpec } from '../../engine';
import { saveModel } from '../../engine/node';
import { CNN, makeTestHost, MLP, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

/** A stroke-like test image: a vertical bar, values in [0, 1]. */
const pixels = Array.from({ length: 784 }, (_, i) => (i % 28 >= 12 && i % 28 <= 15 && i > 112 && i < 672 ? 0.9 : 0));

async function put(id: string, spec: NetworkSpec, seed: number, name = id): Promise<Network> {
  const network = Network.fromSpec(spec, new Rng(seed), { numClasses: null });
  await saveModel(path.join(t.modelsDir, id), network, { appVersion: 't', createdAt: new Date(Date.now() + seed).toISOString(), name });
  return network;
}

const predict = (id: string, withActivations = false) =>
  t.ok<Prediction>('predict', { pixels, model: { kind: 'saved', id }, withActivations });

describe('predict', () => {
  it('gives the saved CNN\'s probabilities and every layer\'s activations', async () => {
    const network = await put('cnn', CNN, 3);
    const p = await predict('cnn', true);
    const expected = predictProbs(network, Float32Array.from(pixels), 1);
    expect(p.probs).toHaveLength(10);
    p.probs.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.predicted).toBe(p.probs.indexOf(Math.max(...p.probs)));
    expect(p.layers!.map((l) => [l.name, l.type, l.shape])).toEqual([
      ['conv2d_1', 'Conv2D', [24, 24, 8]],
      ['max_pooling2d_1', 'MaxPooling2D', [12, 12, 8]],
      ['conv2d_2', 'Conv2D', [8, 8, 16]],
      ['max_pooling2d_2', 'MaxPooling2D', [4, 4, 16]],
      ['flatten_1', 'Flatten', [256]],
      ['dense_1', 'Dense', [10]],
    ]);
    for (const l of p.layers!) expect(l.values).toHaveLength(l.shape.reduce((a, b) => a * b, 1));
    expect(p.layers!.at(-1)!.values.map((v) => Math.round(v * 1e5))).toEqual(p.probs.map((v) => Math.round(v * 1e5)));
    // With the layers comes what the network looks at: the engine's saliency of the predicted class, per pixel.
    const own = saliencyOf(network, Float32Array.from(pixels));
    expect(own.predicted).toBe(p.predicted);
    expect(p.saliency).toHaveLength(784);
    p.saliency!.forEach((v, i) => expect(v).toBeCloseTo(own.gradient[i]!, 6));
    expect(Math.max(...p.saliency!.map(Math.abs))).toBeGreaterThan(0);
    expect((await predict('cnn', false)).saliency).toBeNull();
  });

  it('is fast once the model is cached (timings printed, not asserted)', async () => {
    await put('mlp', MLP, 4);
    for (const [id, acts] of [['mlp', false], ['mlp', true], ['cnn', false], ['cnn', true]] as const) {
      await predict(id, acts);
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const p = await predict(id, acts);
        times.push(performance.now() - t0);
        expect(p.milliseconds).toBeGreaterThan(0);
      }
      times.sort((a, b) => a - b);
      console.log(`predict ${id}${acts ? ' with activations' : ''}: median ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms (request to answer)`);
    }
  });

  it('uses the new weights when a model is replaced, and not-found once deleted', async () => {
    const before = await predict('mlp');
    await put('mlp', MLP, 99);
    const after = await predict('mlp');
    expect(after.probs).not.toEqual(before.probs);
    await t.ok('models:delete', { id: 'mlp' });
    expect((await t.err('predict', { pixels, model: { kind: 'saved', id: 'mlp' }, withActivations: false })).code).toBe('not-found');
  });

  it('explains a model whose input is not a 28×28 drawing', async () => {
    await put('wide', { input_shape: [32, 32, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }] }, 5);
    const e = await t.err('predict', { pixels, model: { kind: 'saved', id: 'wide' }, withActivations: false });
    expect(e).toEqual({
      code: 'invalid-request', message: 'This model expects 32×32×1 images, so it cannot read a 28×28 drawing.',
      detail: { key: 'general.predictImageSize', params: { shape: '32×32×1', drawing: '28×28' } },
    });
  });

  it('reports a damaged saved model as bad-file', async () => {
    const { writeFile, readFile } = await import('node:fs/promises');
    await put('damaged', MLP, 6);
    const file = path.join(t.modelsDir, 'damaged', 'weights.bin');
    const bytes = await readFile(file);
    bytes[10] = bytes[10]! ^ 0xff;
    await writeFile(file, bytes);
    const e = await t.err('predict', { pixels, model: { kind: 'saved', id: 'damaged' }, withActivations: false });
    expect(e.code).toBe('bad-file');
    expect(e.message).toMatch(/checksum/);
    // Checked before the worker is asked: the precise message travels as a catalog message too.
    expect((e as { detail?: unknown }).detail).toEqual({ key: 'modelFile.checksum', params: { file: 'weights.bin' } });
  });

  it('restarts the prediction worker after it dies', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const w = t.workers.workers.find((x) => x.kind === 'predict')!;
      await w.worker.terminate();
      await new Promise((r) => setTimeout(r, 20));
      const p = await predict('cnn');
      expect(p.probs).toHaveLength(10);
      expect(t.workers.workers.filter((x) => x.kind === 'predict')).toHaveLength(1);
    } finally {
      errors.mockRestore();
    }
  });

  it('lists the saved models it predicts with', async () => {
    const list = await t.ok<ModelSummary[]>('models:list', {});
    expect(list.map((s) => s.id).sort()).toEqual(['cnn', 'damaged', 'wide']);
    expect(list.find((s) => s.id === 'damaged')?.damaged).toEqual({ key: 'modelFile.checksum', params: { file: 'weights.bin' } });
  });
});
