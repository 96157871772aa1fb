/**
 * Models keep their data kind: a model trained on points in the plane is saved with its
 * task, its data source and its square, opens with them, and predicts from 2 numbers;
 * a file without them still opens; a file whose recorded data is not what Layerwise
 * writes is refused with the field named, in English and French.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSummary, OpenedModel, Prediction } from '../ipc/contract';
import { formatMessage, type Message, Rng, Network } from '../../engine';
import { saveModel } from '../../engine/node';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';
import { createTsxWorkerFactory } from './testWorkers';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost({ createWorker: createTsxWorkerFactory() });
});
afterAll(async () => {
  await t.close();
});

const SPEC_2_8_2 = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const circles = { kind: 'generated', generator: 'circles', points: 300, noise: null, arms: 2, seed: 3, testShare: 0.2 };
const planeHyper = hyperparams({ epochs: 30, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0 });

const editMeta = async (id: string, edit: (dataset: Record<string, unknown>) => void) => {
  const file = path.join(t.modelsDir, id, 'model.json');
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json.userDefinedMetadata.layerwise.dataset);
  await writeFile(file, JSON.stringify(json));
};

describe('a model trained on circles', () => {
  let saved: ModelSummary;

  it('is saved with its task, source and square, and opens with them', async () => {
    const log = t.events();
    await t.ok('train:start', { spec: SPEC_2_8_2, hyperparams: planeHyper, dataset: { source: circles, limit: null } });
    expect((await log.next(['completed', 'failed', 'stopped'], 120_000)).type).toBe('completed');
    const bounds = log.of('started')[0]!.bounds;
    saved = await t.ok<ModelSummary>('models:save', { name: 'Circles', overwrite: false });

    const opened = await t.ok<OpenedModel>('models:open', { id: saved.id });
    expect(opened.data).toEqual({ inputShape: [2], task: { kind: 'classification', classNames: ['0', '1'] }, source: circles, bounds });
  });

  it('predicts from the 2 numbers of a point: inside the ring and outside it are different classes', async () => {
    const at = (x1: number, x2: number) => t.ok<Prediction>('predict', { values: [x1, x2], model: { kind: 'saved', id: saved.id }, withActivations: false });
    const inside = await at(0, 0), outside = await at(1.1, 0);
    expect(inside.probs).toHaveLength(2);
    expect(inside.probs[0]! + inside.probs[1]!).toBeCloseTo(1, 5);
    expect(inside.predicted).not.toBe(outside.predicted);
  });

  it('refuses numbers that are not its input (3 numbers for 2 inputs), as it refuses a drawing', async () => {
    const e = await t.err('predict', { values: [0, 0, 0], model: { kind: 'saved', id: saved.id }, withActivations: false });
    expect(e.code).toBe('invalid-request');
    expect(e.detail?.key).toBe('data.valuesCount');
  });

  it('exported and imported again (not digits, yet welcome), it keeps its data kind', async () => {
    const target = path.join(t.dir, 'exported-circles');
    t.dialogs.exportPath = target;
    await t.ok('models:export', { id: saved.id });
    t.dialogs.folder = target;
    const imported = await t.ok<ModelSummary>('models:import');
    const opened = await t.ok<OpenedModel>('models:open', { id: imported.id });
    expect(opened.data).toMatchObject({ inputShape: [2], task: { kind: 'classification', classNames: ['0', '1'] }, source: circles });
    await t.ok('models:delete', { id: imported.id });
  });

  it('an imported model that does not fit the task it records is refused, in the user’s language', async () => {
    const folder = path.join(t.dir, 'three-classes-on-circles');
    const spec = { input_shape: [2], layers: [{ type: 'Dense' as const, units: 3, activation: 'softmax' as const }] };
    await saveModel(folder, Network.fromSpec(spec, new Rng(1), { numClasses: 3 }), {
      name: 'Odd', appVersion: 't', createdAt: new Date().toISOString(),
      dataset: { name: 'circles', trainCount: 1, testCount: 1, task: { kind: 'classification', classNames: ['0', '1'] } },
    });
    t.dialogs.folder = folder;
    const e = await t.err('models:import');
    expect(e.detail?.key).toBe('library.notItsData');
    expect(formatMessage(e.detail!, 'fr')).toMatch(/^Ce modèle ne correspond pas aux données/);
  });

  it('an old file without the record still opens: the plane then takes its default square', async () => {
    await editMeta(saved.id, (d) => { delete d['task']; delete d['source']; delete d['bounds']; });
    const opened = await t.ok<OpenedModel>('models:open', { id: saved.id });
    expect(opened.data).toEqual({ inputShape: [2], task: null, source: null, bounds: null });
  });

  it.each([
    ['an unknown generator', { source: { ...circles, generator: 'teleport' } }, 'dataset.source'],
    ['a million points', { source: { ...circles, points: 1e6 } }, 'dataset.source'],
    ['points of an unknown kind', { source: 'C:\\Windows\\system32' }, 'dataset.source'],
    ['reversed bounds', { bounds: { x1: [1, -1], x2: [-1, 1] } }, 'dataset.bounds'],
    ['infinite bounds', { bounds: { x1: [-1e300, 1], x2: [-1, 1] } }, 'dataset.bounds'],
  ])('refuses a recorded dataset with %s, naming the field (EN/FR)', async (_what, bad, field) => {
    await editMeta(saved.id, (d) => Object.assign(d, bad));
    const e = await t.err('models:open', { id: saved.id });
    expect(e.code).toBe('bad-file');
    expect((e.detail as Message).key).toBe('library.badDataField');
    expect(formatMessage(e.detail!, 'en')).toContain(`its ${field} (the data it was trained on)`);
    expect(formatMessage(e.detail!, 'fr')).toContain(`son champ ${field}`);
    const listed = (await t.ok<ModelSummary[]>('models:list')).find((m) => m.id === saved.id)!;
    expect(listed.damaged?.key).toBe('library.badDataField');
    await editMeta(saved.id, (d) => { delete d['source']; delete d['bounds']; });
  });

  it('refuses a source recorded on a model that does not read 2 numbers', async () => {
    const folder = path.join(t.modelsDir, 'digits-with-points');
    const spec = { input_shape: [3], layers: [{ type: 'Dense' as const, units: 2, activation: 'softmax' as const }] };
    await saveModel(folder, Network.fromSpec(spec, new Rng(1), { numClasses: null }), {
      name: 'Three', appVersion: 't', createdAt: new Date().toISOString(),
      dataset: { name: 'circles', trainCount: 1, testCount: 1, source: circles },
    });
    expect((await t.err('models:open', { id: 'digits-with-points' })).detail?.key).toBe('library.badDataField');
  });

  it('a 3-input model without a record opens with its input shape (number fields in Draw & test)', async () => {
    const spec = { input_shape: [3], layers: [{ type: 'Dense' as const, units: 1 }] };
    const network = Network.fromSpec(spec, new Rng(1), { numClasses: null });
    network.weights[0]!.value.set([1, 2, -1]);
    network.weights[1]!.value.set([0.5]);
    await saveModel(path.join(t.modelsDir, 'table-3'), network, { name: 'Table', appVersion: 't', createdAt: new Date().toISOString() });
    const opened = await t.ok<OpenedModel>('models:open', { id: 'table-3' });
    expect(opened.data).toEqual({ inputShape: [3], task: null, source: null, bounds: null });
    const p = await t.ok<Prediction>('predict', { values: [1, -2, 0.5], model: { kind: 'saved', id: 'table-3' }, withActivations: false });
    // The predicted value itself (1 − 4 − 0.5 + 0.5), not a softmax over one output (which would be 1).
    expect(p.probs).toHaveLength(1);
    expect(p.probs[0]).toBeCloseTo(-3, 5);
    const wrong = await t.err('predict', { values: [1, 2], model: { kind: 'saved', id: 'table-3' }, withActivations: false });
    expect(formatMessage(wrong.detail!, 'en')).toBe('This model reads 3 numbers; 2 were given.');
    expect(formatMessage(wrong.detail!, 'fr')).toBe('Ce modèle lit 3 nombres ; 2 ont été donnés.');
  });
});
