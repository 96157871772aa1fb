/**
 * Draw & test for an autoencoder through the host's prediction worker (a real worker thread):
 * a drawing's reconstruction and code, the decoder's image of a code, the test set's codes,
 * and the requests that must be refused. Models are written straight into the library.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecodedImage, Reconstruction, TestCodes } from '../ipc/contract';
import { decodeCodes, formatMessage, Network, reconstructImages, Rng, type NetworkSpec } from '../../engine';
import { saveModel } from '../../engine/node';
import { hyperparams, makeTestHost, MLP, writeDataset, type TestHost } from './hostTestKit';

/** A tiny 784-8-2-8-784 autoencoder with a 2-number code named `code` (the presets' shape, narrower). */
const TINY: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Flatten' },
    { type: 'Dense', units: 8, activation: 'tanh' },
    { type: 'Dense', units: 2, activation: 'tanh', name: 'code' },
    { type: 'Dense', units: 8, activation: 'tanh' },
    { type: 'Dense', units: 784, activation: 'sigmoid' },
    { type: 'Reshape', target_shape: [28, 28, 1] },
  ],
};

/** The same with a 3-number code marked in the file, which is wider than a 2-number layer before it would be. */
const MARKED: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Flatten' },
    { type: 'Dense', units: 2, activation: 'tanh', name: 'narrow' },
    { type: 'Dense', units: 3, activation: 'tanh', name: 'bottleneck' },
    { type: 'Dense', units: 784, activation: 'sigmoid' },
    { type: 'Reshape', target_shape: [28, 28, 1] },
  ],
};

let t: TestHost;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'layerwise-aedata-'));
  await writeDataset(dataDir, 20, 2500);
  t = await makeTestHost({ bundledDataDir: dataDir });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const pixels = Array.from({ length: 784 }, (_, i) => (i % 28 >= 12 && i % 28 <= 15 && i > 112 && i < 672 ? 0.9 : 0));

async function put(id: string, spec: NetworkSpec, seed: number, codeLayer?: string): Promise<Network> {
  const network = Network.fromSpec(spec, new Rng(seed), { numClasses: null });
  await saveModel(path.join(t.modelsDir, id), network, { appVersion: 't', createdAt: new Date().toISOString(), name: id, ...(codeLayer ? { codeLayer } : {}) });
  return network;
}

const model = (id: string) => ({ kind: 'saved' as const, id });

describe('autoencoder requests', () => {
  it('reconstructs a drawing as 784 pixels in [0, 1], with the code of the code layer', async () => {
    const network = await put('tiny', TINY, 1);
    const r = await t.ok<Reconstruction>('predict:reconstruct', { pixels, model: model('tiny') });
    expect(r.shape).toEqual([28, 28, 1]);
    expect(r.image).toHaveLength(784);
    expect(r.image.every((v) => v >= 0 && v <= 1)).toBe(true);
    const expected = reconstructImages(network, Float32Array.from(pixels), 1);
    r.image.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect(r.codeLayer).toBe('code');
    expect(r.code).toHaveLength(2);
    const code = network.forwardTo(Float32Array.from(pixels), 1, 2);
    r.code.forEach((v, i) => expect(v).toBeCloseTo(code[i]!, 5));
  });

  it('takes the code from the layer the file marks, not the narrowest one', async () => {
    await put('marked', MARKED, 2, 'bottleneck');
    const r = await t.ok<Reconstruction>('predict:reconstruct', { pixels, model: model('marked') });
    expect(r.codeLayer).toBe('bottleneck');
    expect(r.code).toHaveLength(3);
  });

  it('decodes a code into the image the decoder makes, different for different codes', async () => {
    const network = await put('tiny2', TINY, 3);
    const a = await t.ok<DecodedImage>('predict:decode', { code: [-0.8, 0.5], model: model('tiny2') });
    const b = await t.ok<DecodedImage>('predict:decode', { code: [0.9, -0.7], model: model('tiny2') });
    expect(a.shape).toEqual([28, 28, 1]);
    expect(a.image).toHaveLength(784);
    const expected = decodeCodes(network, Float32Array.of(-0.8, 0.5), 1, 2);
    a.image.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect(a.image.some((v, i) => Math.abs(v - b.image[i]!) > 1e-3)).toBe(true);
  });

  it('gives the test set\'s codes, capped, each with its true label', async () => {
    const network = await put('tiny3', TINY, 4);
    const c = await t.ok<TestCodes>('predict:codes', { model: model('tiny3'), limit: 2000 });
    expect(c).toMatchObject({ codeLayer: 'code', dim: 2, count: 2000 });
    expect(c.codes).toHaveLength(4000);
    expect(c.labels).toHaveLength(2000);
    expect(c.labels.slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(c.codes.every((v) => v >= -1 && v <= 1)).toBe(true);
    // The codes are the code layer's outputs for the test images, in order.
    const few = await t.ok<TestCodes>('predict:codes', { model: model('tiny3'), limit: 3 });
    expect(few.codes).toEqual(c.codes.slice(0, 6));
    expect(network.layers[2]!.name).toBe('code');
    expect((await t.err('predict:codes', { model: model('tiny3'), limit: 2001 })).code).toBe('invalid-request');
  });

  it('answers for the run just trained (ModelRef current): its test codes and its decoder, for that client only', async () => {
    const log = t.events('student');
    await t.ok('train:start', {
      spec: TINY, hyperparams: hyperparams({ epochs: 2, batchSize: 6, optimizer: 'adam', learningRate: 0.003, loss: 'binary_crossentropy', validationSize: 2 }),
      dataset: { source: { kind: 'bundled' }, limit: null }, reconstruct: { corruption: null, view: null, codeLayer: null },
    }, 'student');
    const end = await log.next(['completed', 'failed', 'stopped']);
    expect(end, JSON.stringify(end)).toMatchObject({ type: 'completed' });
    const current = { kind: 'current' } as const;
    const c = await t.ok<TestCodes>('predict:codes', { model: current, limit: 50 }, 'student');
    expect(c).toMatchObject({ dim: 2, count: 50 });
    expect(c.codes).toHaveLength(100);
    // tanh codes, not all the same point.
    expect(c.codes.every((v) => Math.abs(v) <= 1)).toBe(true);
    expect(new Set(c.codes.map((v) => v.toFixed(4))).size).toBeGreaterThan(2);
    const a = await t.ok<DecodedImage>('predict:decode', { model: current, code: [c.codes[0]!, c.codes[1]!] }, 'student');
    expect(a.image).toHaveLength(784);
    expect((await t.err('predict:codes', { model: current, limit: 50 }, 'nobody')).code).toBe('not-found');
  });

  it('refuses bad payloads and says why in the user\'s language', async () => {
    await put('tiny4', TINY, 5);
    for (const [channel, payload] of [
      ['predict:reconstruct', { pixels: pixels.slice(1), model: model('tiny4') }],
      ['predict:reconstruct', { pixels: pixels.map(() => 2), model: model('tiny4') }],
      ['predict:decode', { code: [], model: model('tiny4') }],
      ['predict:decode', { code: [Number.NaN, 0], model: model('tiny4') }],
      ['predict:decode', { code: [0, 0], model: model('../x') }],
      ['predict:codes', { model: model('tiny4'), limit: 0 }],
      ['predict:codes', { model: model('tiny4'), limit: 10, dir: '/etc' }],
    ] as const) {
      expect((await t.err(channel, payload)).code, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe('invalid-request');
    }
    const wrongWidth = await t.err('predict:decode', { code: [0.1, 0.2, 0.3], model: model('tiny4') });
    expect(wrongWidth.code).toBe('invalid-request');
    expect(formatMessage(wrongWidth.detail!, 'fr')).toBe('Le code de ce modèle a 2 nombres, et non 3.');
  });

  it('says a classifier is not an autoencoder, and a missing model is not found', async () => {
    await put('mlp', MLP, 6);
    const e = await t.err('predict:reconstruct', { pixels, model: model('mlp') });
    expect(e.code).toBe('invalid-request');
    expect(e.detail?.key).toBe('general.notAutoencoder');
    expect(formatMessage(e.detail!, 'fr')).toContain('n’est pas un auto-encodeur');
    expect((await t.err('predict:decode', { code: [0, 0], model: model('nothing-here') })).code).toBe('not-found');
    // The worker still answers afterwards.
    await put('tiny5', TINY, 7);
    expect((await t.ok<Reconstruction>('predict:reconstruct', { pixels, model: model('tiny5') })).image).toHaveLength(784);
  });

  it('says when the test images are not the size the model reads', async () => {
    const wide: NetworkSpec = {
      input_shape: [32, 32, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 1024, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [32, 32, 1] }],
    };
    await put('wide', wide, 8);
    const e = await t.err('predict:codes', { model: model('wide'), limit: 10 });
    expect(e.code).toBe('invalid-request');
    expect(formatMessage(e.detail!, 'en')).toBe('This model reads 32×32×1 images, but the test images are 28×28: their codes cannot be computed.');
    expect(formatMessage(e.detail!, 'fr')).toContain('les images de test font 28×28');
    // Its decoder still answers: a code is not an image.
    expect((await t.ok<DecodedImage>('predict:decode', { code: [0, 0], model: model('wide') })).image).toHaveLength(1024);
  });
});
