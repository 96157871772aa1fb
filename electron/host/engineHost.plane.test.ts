/**
 * The plane's datasets through the host with real worker threads: a generated set and the
 * student's own points trained on, plane frames arriving during training, `predict:plane`
 * on the result, and a network that does not take 2 inputs refused before any worker starts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInfo, ModelSummary, PlaneFrame, ResultError, TrainEvent } from '../ipc/contract';
import { decodePlaneGrid, decodeUnitLayer } from '../ipc/planeCodec';
import { formatMessage, planeOutputs, Rng, Network, type NetworkSpec } from '../../engine';
import { loadModel, saveModel } from '../../engine/node';
import { hyperparams, makeTestHost, MLP, type TestHost } from './hostTestKit';
import { createTsxWorkerFactory } from './testWorkers';
import type { WorkerKind } from './types';

let t: TestHost;
const started: WorkerKind[] = [];
beforeAll(async () => {
  const workers = createTsxWorkerFactory();
  t = await makeTestHost({ createWorker: (kind) => { started.push(kind); return workers(kind); } });
});
afterAll(async () => {
  await t.close();
});

const SPEC_2_8_2 = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const circles = { kind: 'generated', generator: 'circles', points: 400, noise: null, arms: 2, seed: 7, testShare: 0.2 };
const planeHyper = hyperparams({ epochs: 40, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0 });

/** Two clusters a line apart, as a student would click them. */
const ownPoints = Array.from({ length: 40 }, (_, i) => {
  const c = i % 2, a = (i * 2.399) % (2 * Math.PI), r = 0.3 + 0.2 * ((i * 7) % 5) / 5;
  return [(c === 0 ? -1.5 : 1.5) + r * Math.cos(a), 0.5 + r * Math.sin(a), c];
});

type Plane = Extract<TrainEvent, { type: 'plane' }>;
type Completed = Extract<TrainEvent, { type: 'completed' }>;

describe('generated circles through the host', () => {
  let frames: Plane[] = [];
  let bounds: PlaneFrame['bounds'];
  let summary: ModelSummary;

  it('describes the set: counts, plane input, classes and its name in both languages', async () => {
    const info = await t.ok<DatasetInfo>('datasets:describe', { source: circles, limit: null });
    expect(info).toMatchObject({ token: null, name: 'circles', trainCount: 320, testCount: 80, inputShape: [2], classNames: ['0', '1'] });
    expect(formatMessage(info.title!, 'fr')).toBe('cercles');
    expect(formatMessage(info.title!, 'en')).toBe('circles');
    expect(info.bounds!.x1[0]).toBeLessThan(-1);
  });

  it('trains a 2-8-2 tanh network to ≥ 95 % test accuracy, with plane frames on the way', async () => {
    const log = t.events('circles');
    await t.ok('train:start', {
      spec: SPEC_2_8_2, hyperparams: planeHyper, dataset: { source: circles, limit: null },
      planeView: { resolution: 32, unitResolution: 16, everyMs: 30 },
    }, 'circles');
    const done = await log.next(['completed', 'failed', 'stopped'], 120_000);
    expect(done.type).toBe('completed');
    expect((done as Completed).test!.measures.accuracy).toBeGreaterThanOrEqual(0.95);

    const start = log.of('started')[0]!;
    expect(start.bounds).not.toBeNull();
    expect(start.bounds).toEqual((await t.ok<DatasetInfo>('datasets:describe', { source: circles, limit: null })).bounds);
    bounds = start.bounds!;
    // Square, around every point of the ring (radius 1 plus jitter).
    expect(bounds.x1[1] - bounds.x1[0]).toBeCloseTo(bounds.x2[1] - bounds.x2[0], 6);
    expect(bounds.x1[0]).toBeLessThan(-1);
    expect(bounds.x2[1]).toBeGreaterThan(1);

    frames = log.of('plane');
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const types = log.all.map((e) => e.type);
    // The last frame (after the last batch) comes before the test.
    expect(types.lastIndexOf('plane')).toBeLessThan(types.indexOf('testing'));
    const steps = frames.map((f) => f.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(40 * 32);
    for (const f of frames) expect(f.bounds).toEqual(bounds);

    const last = frames.at(-1)!;
    const grid = decodePlaneGrid(last.grid);
    expect(grid.kind).toBe('classes');
    if (grid.kind !== 'classes') return;
    expect(grid.classes).toBe(2);
    expect(grid.values).toHaveLength(32 * 32 * 2);
    for (let i = 0; i < 32 * 32; i++) expect(Math.abs(grid.values[2 * i]! + grid.values[2 * i + 1]! - 1)).toBeLessThanOrEqual(1.01 / 255);
    // Inside the ring is one class, the ring the other: the centre and a corner disagree.
    const centre = (16 * 32 + 16) * 2, corner = 0;
    expect(grid.values[centre]! > 0.5).not.toBe(grid.values[corner]! > 0.5);

    expect(last.units).toHaveLength(1);
    const layer = last.units[0]!;
    expect(layer).toMatchObject({ layerIndex: 0, activation: 'tanh', units: 8, resolution: 16 });
    const maps = decodeUnitLayer(layer);
    expect(maps).toHaveLength(8 * 16 * 16);
    for (const v of maps) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(last.weights.map((w) => [w.layerIndex, w.inputs, w.units, w.kernel.length, w.bias?.length])).toEqual([[0, 2, 8, 16, 8], [1, 8, 2, 16, 2]]);
    // JSON-safe: what the web bridge sends is what arrives.
    expect(JSON.parse(JSON.stringify(last))).toEqual(last);
  }, 150_000);

  it('answers predict:plane on the trained model as planeOutputs computes it, within quantization', async () => {
    const frame = await t.ok<PlaneFrame>('predict:plane', { model: { kind: 'current' }, bounds, resolution: 48, unitResolution: 8 }, 'circles');
    summary = await t.ok<ModelSummary>('models:save', { name: 'circles 2-8-2', overwrite: false }, 'circles');
    const { network } = await loadModel(path.join(t.modelsDir, summary.id));
    const direct = planeOutputs(network, bounds, 48);
    const grid = decodePlaneGrid(frame.grid);
    expect(grid.values).toHaveLength(direct.length);
    let worst = 0;
    for (let i = 0; i < direct.length; i++) worst = Math.max(worst, Math.abs(grid.values[i]! - direct[i]!));
    expect(worst).toBeLessThanOrEqual(0.51 / 255 + 1e-5);
    expect(frame.units[0]!.resolution).toBe(8);
    // A drawing is no input for it: said so, rather than as an image size.
    const drawn = await t.err('predict', { pixels: new Array(784).fill(0), model: { kind: 'current' }, withActivations: false }, 'circles');
    expect(formatMessage(drawn.detail!, 'fr')).toBe('Ce modèle lit des points du plan (2 entrées), pas un dessin : testez-le sur le plan.');

    // The same from the saved model, and the last training frame agrees with it at its own resolution.
    const saved = await t.ok<PlaneFrame>('predict:plane', { model: { kind: 'saved', id: summary.id }, bounds, resolution: 32, unitResolution: 16 }, 'circles');
    const fromRun = decodePlaneGrid(frames.at(-1)!.grid).values, fromSaved = decodePlaneGrid(saved.grid).values;
    for (let i = 0; i < fromRun.length; i++) expect(Math.abs(fromRun[i]! - fromSaved[i]!)).toBeLessThanOrEqual(1 / 255 + 1e-6);
  }, 60_000);
});

describe('a regression surface', () => {
  it('sends its plane as values with their range, and has no classes', async () => {
    const surface = { ...circles, generator: 'surface' };
    expect(await t.ok<DatasetInfo>('datasets:describe', { source: surface, limit: null })).toMatchObject({ inputShape: [2], classNames: null });
    const log = t.events('surface');
    await t.ok('train:start', {
      spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 1 }] },
      hyperparams: hyperparams({ epochs: 5, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0, loss: 'mean_squared_error' }),
      dataset: { source: surface, limit: null }, planeView: { resolution: 16, unitResolution: 8, everyMs: 30 },
    }, 'surface');
    expect((await log.next(['completed', 'failed', 'stopped'], 60_000)).type).toBe('completed');
    const grid = decodePlaneGrid(log.of('plane').at(-1)!.grid);
    expect(grid.kind).toBe('regression');
    expect(grid.values).toHaveLength(256);
    if (grid.kind === 'regression') expect(grid.range.max).toBeGreaterThan(grid.range.min);
  }, 90_000);
});

describe("the student's own points", () => {
  it('are described and trained on', async () => {
    const source = { kind: 'points', points: ownPoints, seed: 3, testShare: 0.25 };
    const info = await t.ok<DatasetInfo>('datasets:describe', { source, limit: null });
    expect(info).toMatchObject({ name: 'points', trainCount: 30, testCount: 10, inputShape: [2], classNames: ['0', '1'] });
    expect(formatMessage(info.title!, 'fr')).toBe('vos points');
    const log = t.events('own');
    await t.ok('train:start', {
      spec: SPEC_2_8_2, hyperparams: hyperparams({ epochs: 30, batchSize: 5, optimizer: 'adam', learningRate: 0.02, validationSize: 0 }),
      dataset: { source, limit: null }, planeView: { resolution: 16, unitResolution: 8, everyMs: 1000 },
    }, 'own');
    const done = await log.next(['completed', 'failed', 'stopped'], 60_000);
    expect(done.type).toBe('completed');
    expect(log.of('started')[0]).toMatchObject({ dataset: 'points', trainCount: 30, testCount: 10 });
    expect((done as Completed).test!.measures.accuracy).toBe(1);
    // Slow frames still give the first and the last one.
    expect(log.of('plane').length).toBeGreaterThanOrEqual(1);
    expect(log.of('plane').at(-1)!.step).toBe(30 * 6);
  }, 90_000);
});

describe('a network that does not fit the plane', () => {
  it('is refused before a worker starts, in English and in French', async () => {
    const before = started.filter((k) => k === 'train').length;
    const e: ResultError = await t.err('train:start', {
      spec: MLP, hyperparams: hyperparams({ batchSize: 10, validationSize: 0 }), dataset: { source: circles, limit: null },
    }, 'wrong');
    expect(e.code).toBe('invalid-request');
    expect(formatMessage(e.detail!, 'en')).toMatch(/the network expects inputs of shape 28×28×1 but the samples of circles are 2/i);
    expect(formatMessage(e.detail!, 'fr')).toMatch(/le réseau attend des entrées de forme 28×28×1 mais les exemples de cercles sont de forme 2/i);
    expect(started.filter((k) => k === 'train').length).toBe(before);
  });

  it('predict:plane on a model without 2 inputs says so, and without a model that there is none', async () => {
    const network = Network.fromSpec(MLP as NetworkSpec, new Rng(1), { numClasses: null });
    await saveModel(path.join(t.modelsDir, 'digits'), network, { appVersion: 't', createdAt: new Date().toISOString(), name: 'digits' });
    const request = (model: unknown) => ({ model, bounds: { x1: [-1, 1], x2: [-1, 1] }, resolution: 16, unitResolution: 8 });
    const e = await t.err('predict:plane', request({ kind: 'saved', id: 'digits' }), 'nobody');
    expect(e.code).toBe('invalid-request');
    expect(formatMessage(e.detail!, 'fr')).toBe('la vue du plan demande un réseau à 2 entrées (celui-ci en a 784)');
    expect((await t.err('predict:plane', request({ kind: 'current' }), 'nobody')).code).toBe('not-found');
  });
});
