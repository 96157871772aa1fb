/**
 * An autoencoder trained through the host with real worker threads: a few hundred
 * MNIST-like images given back, the corruption passed through to the trainer and the
 * grid, the reconstruction grid arriving while it trains, test loss and MSE at the end,
 * and the saved model reopening as a reconstruction with its code layer and corruption.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInfo, ModelSummary, OpenedModel, TrainEvent } from '../ipc/contract';
import { formatMessage, PRESETS } from '../../engine';
import { loadModel } from '../../engine/node';
import { hyperparams, makeTestHost, writeDataset, type TestHost } from './hostTestKit';

let t: TestHost;
let token: string;
beforeAll(async () => {
  t = await makeTestHost();
  t.dialogs.folder = await writeDataset(path.join(t.dir, 'digits'), 300, 40);
  token = (await t.ok<DatasetInfo>('datasets:pick')).token!;
});
afterAll(async () => {
  await t.close();
});

type Grid = Extract<TrainEvent, { type: 'reconstructions' }>;
type Completed = Extract<TrainEvent, { type: 'completed' }>;
const bytes = (b64: string) => Buffer.from(b64, 'base64');
const aeHyper = hyperparams({ epochs: 2, batchSize: 32, optimizer: 'adam', learningRate: 0.003, loss: 'binary_crossentropy', validationSize: 30 });
const corruption = { noise: 0.3, mask: 0.25 };

describe('an autoencoder trained in the app', () => {
  let grids: Grid[] = [];
  let done: Completed;
  let summary: ModelSummary;

  it('trains on the images themselves, with the grid of test images every epoch', async () => {
    const log = t.events();
    await t.ok('train:start', {
      spec: PRESETS.autoencoder2d, hyperparams: aeHyper, dataset: { source: { kind: 'folder', token }, limit: null },
      reconstruct: { corruption, view: { count: 8, everyMs: 200 }, codeLayer: null },
    });
    done = await log.next(['completed', 'failed', 'stopped'], 120_000) as Completed;
    expect(done.type).toBe('completed');
    const started = log.of('started')[0]!;
    expect(started.head).toBe('reconstruction');
    expect(started.metrics).toContain('mse');
    grids = log.of('reconstructions');
    // One before any batch, one at each of the 2 epochs' ends at least.
    expect(grids.length).toBeGreaterThanOrEqual(3);
    const types = log.all.map((e) => e.type);
    expect(types.lastIndexOf('reconstructions')).toBeLessThan(types.indexOf('testing'));
    expect(grids.map((g) => g.step)).toEqual([...grids.map((g) => g.step)].sort((a, b) => a - b));
  });

  it('shows the same 8 test images, damaged the same way, while the reconstructions change', () => {
    const [first, last] = [grids[0]!, grids.at(-1)!];
    expect(first).toMatchObject({ count: 8, rows: 28, cols: 28 });
    // The first image of each label: the test labels cycle 0–9.
    expect(first.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const g of grids) {
      expect(bytes(g.originals)).toHaveLength(8 * 784);
      expect(g.originals).toBe(first.originals);
      expect(g.corrupted).toBe(first.corrupted);
      expect(bytes(g.reconstructions)).toHaveLength(8 * 784);
    }
    // The corruption reached the grid: noise and blanks make the input differ from the original.
    const orig = bytes(first.originals), bad = bytes(first.corrupted!);
    let differ = 0;
    for (let i = 0; i < orig.length; i++) if (orig[i] !== bad[i]) differ++;
    expect(differ).toBeGreaterThan(orig.length / 2);
    expect(last.reconstructions).not.toBe(first.reconstructions);
  });

  it('reports test loss and test MSE, without a confusion matrix', () => {
    const test = done.test!;
    expect(test.confusion).toBeNull();
    expect(test.measures.mse).toBeGreaterThan(0);
    expect(test.measures.mse).toBeLessThan(0.25);
    expect(Number.isFinite(test.measures.loss)).toBe(true);
    expect(test.misclassified).toEqual([]);
  });

  it('saves with its code layer and corruption, and reopens as a reconstruction', async () => {
    summary = await t.ok<ModelSummary>('models:save', { name: 'Autoencodeur', overwrite: false });
    const { metadata } = await loadModel(path.join(t.modelsDir, summary.id));
    expect(metadata!.codeLayer).toBe('code');
    expect(metadata!.training!.config.corruption).toEqual(corruption);
    expect(metadata!.dataset!.task).toEqual({ kind: 'reconstruction' });
    const opened = await t.ok<OpenedModel>('models:open', { id: summary.id });
    expect(opened.data.task).toEqual({ kind: 'reconstruction' });
    expect(opened.reconstruction).toEqual({ codeLayer: 'code', corruption });
    expect(opened.hyperparams!.loss).toBe('binary_crossentropy');
  });

  it('names the layer the student marked as the code, by its position', async () => {
    const log = t.events('marked');
    await t.ok('train:start', {
      spec: PRESETS.autoencoder2d, hyperparams: { ...aeHyper, epochs: 1 }, dataset: { source: { kind: 'folder', token }, limit: null },
      reconstruct: { corruption: null, view: null, codeLayer: 1 },
    }, 'marked');
    expect((await log.next(['completed', 'failed'], 120_000)).type).toBe('completed');
    expect(log.of('reconstructions')).toEqual([]);
    const saved = await t.ok<ModelSummary>('models:save', { name: 'Marked', overwrite: false }, 'marked');
    const opened = await t.ok<OpenedModel>('models:open', { id: saved.id }, 'marked');
    expect(opened.reconstruction!.codeLayer).not.toBe('code');
    expect(opened.reconstruction).toMatchObject({ corruption: null });
    expect(opened.spec.layers[1]!.type).toBe('Dense');
  });

  it('refuses a classification loss and data that are not images, in the user’s language', async () => {
    const wrongLoss = await t.err('train:start', {
      spec: PRESETS.autoencoder2d, hyperparams: { ...aeHyper, loss: 'categorical_crossentropy' }, dataset: { source: { kind: 'folder', token }, limit: null },
      reconstruct: { corruption: null, view: null, codeLayer: null },
    });
    expect(wrongLoss.code).toBe('invalid-request');
    expect(formatMessage(wrongLoss.detail!, 'fr')).toContain('reconstruction');
    const points = { kind: 'generated', generator: 'circles', points: 100, noise: null, arms: 2, seed: 1, testShare: 0.2 };
    const notImages = await t.err('train:start', {
      spec: { input_shape: [2], layers: [{ type: 'Dense', units: 2 }] }, hyperparams: { ...aeHyper, loss: 'mean_squared_error' },
      dataset: { source: points, limit: null }, reconstruct: { corruption: null, view: null, codeLayer: null },
    });
    expect(formatMessage(notImages.detail!, 'fr')).toContain('seules des images');
  });
});
