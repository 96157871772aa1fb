/**
 * The code space through the host and its real code-space worker: a saved model's layers,
 * PCA, t-SNE's streamed positions, k-means on the codes and on the pixels, cancelling, bad
 * requests and a crashed worker.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLayers, CodesEvent, DatasetChoice, DatasetInfo } from '../ipc/contract';
import { encodeIdx, Network, Rng } from '../../engine';
import { MAX_TSNE_POINTS, saveModel } from '../../engine/node';
import { hyperparams, makeTestHost, MLP, type TestHost } from './hostTestKit';

let t: TestHost;
let dataset: DatasetChoice;
const model = { kind: 'saved', id: 'mlp' } as const;

/** Images whose class is where they are bright (label k: rows 2k+4 … 2k+6), with a little noise: raw pixels cluster by class. */
async function writeBandsDataset(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const rng = new Rng(3);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const px = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) {
      const row = Math.floor(p / 28), band = row >= 2 * labels[i]! + 4 && row < 2 * labels[i]! + 7;
      px[i * 784 + p] = band ? 200 + rng.int(50) : rng.int(30);
    }
  }
  for (const [images, labelFile] of [['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'], ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']] as const) {
    await writeFile(path.join(dir, images), encodeIdx([count, 28, 28], px));
    await writeFile(path.join(dir, labelFile), encodeIdx([count], labels));
  }
}

beforeAll(async () => {
  t = await makeTestHost();
  const network = Network.fromSpec(MLP, new Rng(5), { numClasses: 10 });
  await saveModel(path.join(t.modelsDir, 'mlp'), network, { appVersion: 't', createdAt: new Date().toISOString(), name: 'mlp' });
  const dir = path.join(t.dir, 'bands');
  await writeBandsDataset(dir, 600);
  t.dialogs.folder = dir;
  const { token } = await t.ok<DatasetInfo>('datasets:pick', {});
  dataset = { source: { kind: 'folder', token: token! }, limit: null };
  t.codesEvents();
});
afterAll(async () => {
  await t.close();
});

const start = (over: Record<string, unknown> = {}, client = 'c1') =>
  t.ok<{ jobId: string }>('codes:start', { model, dataset, layer: null, count: 300, method: { kind: 'pca' }, kmeans: { k: 10, restarts: 3 }, seed: 1, ...over }, client);

/** The job's events once it has ended. */
async function ended(jobId: string, client = 'c1'): Promise<CodesEvent[]> {
  const log = t.codesEvents(client);
  const isEnd = (e: CodesEvent) => e.jobId === jobId && ['codes:done', 'codes:cancelled', 'codes:failed'].includes(e.type);
  if (!log.all.some(isEnd)) await log.waitFor(isEnd);
  return log.all.filter((e) => e.jobId === jobId);
}

const ofType = <T extends CodesEvent['type']>(events: CodesEvent[], type: T) => events.filter((e) => e.type === type) as Extract<CodesEvent, { type: T }>[];

describe('codes:layers', () => {
  it('lists the layers with their shapes and takes the narrowest hidden one as the code layer', async () => {
    const l = await t.ok<CodeLayers>('codes:layers', { model, dataset });
    expect(l.layers.map((x) => [x.index, x.type, x.shape])).toEqual([[0, 'Flatten', [784]], [1, 'Dense', [128]], [2, 'Dense', [10]]]);
    expect(l.codeLayer).toBe(1);
    expect(l.testCount).toBe(600);
    expect(l.classNames).toHaveLength(10);
    expect(l.inputShape).toEqual([28, 28, 1]);
    expect(l.maxTsnePoints).toBe(MAX_TSNE_POINTS);
  });

  it('refuses a dataset whose samples the model does not read', async () => {
    const points: DatasetChoice = { source: { kind: 'generated', generator: 'blobs', points: 200, noise: null, arms: 2, seed: 1, testShare: 0.2 }, limit: null };
    const e = await t.err('codes:layers', { model, dataset: points });
    expect(e.code).toBe('invalid-request');
    expect(e.detail?.key).toBe('general.codesInputShape');
  });
});

describe('codes:start', () => {
  it('PCA: one final picture of count × 2 numbers, the images, and k-means purity for the codes and the raw pixels', async () => {
    const { jobId } = await start();
    const events = await ended(jobId);
    expect(events.at(-1)!.type).toBe('codes:done');
    const [started] = ofType(events, 'codes:started');
    expect(started!.count).toBe(300);
    expect(started!.dim).toBe(128);
    expect(started!.layer.name).toBe('dense_1');
    expect(started!.labels).toHaveLength(300);
    expect(Buffer.from(started!.pixels!, 'base64')).toHaveLength(300 * 784);
    expect(started!.predicted).toHaveLength(300);
    expect(new Set(started!.indices).size).toBe(300);
    const points = ofType(events, 'codes:points');
    expect(points).toHaveLength(1);
    expect(points[0]!.final).toBe(true);
    expect(points[0]!.points).toHaveLength(600);
    expect(points[0]!.points.every(Number.isFinite)).toBe(true);
    expect(points[0]!.explained!.length).toBe(2);
    const [c] = ofType(events, 'codes:clusters');
    for (const s of [c!.codes, c!.pixels]) {
      expect(s.k).toBe(10);
      expect(s.table).toHaveLength(10);
      expect(s.table.flat().reduce((a, b) => a + b, 0)).toBe(300);
      expect(s.purity).toBeGreaterThan(0);
      expect(s.purity).toBeLessThanOrEqual(1);
    }
    // The bands are the classes: k-means on the pixels finds them.
    expect(c!.pixels.purity).toBeGreaterThan(0.9);
    const kmeans = ofType(events, 'codes:progress').filter((e) => e.phase === 'kmeans');
    expect(kmeans.at(-1)).toMatchObject({ done: 6, total: 6 });
  });

  it('is deterministic from the seed (points and clusters)', async () => {
    const a = await ended((await start({ layer: 2 })).jobId);
    const b = await ended((await start({ layer: 2 })).jobId);
    expect(ofType(b, 'codes:points')[0]!.points).toEqual(ofType(a, 'codes:points')[0]!.points);
    expect(ofType(b, 'codes:clusters')[0]!.codes).toEqual(ofType(a, 'codes:clusters')[0]!.codes);
  });

  it('t-SNE: positions stream as it converges, progress rises to the end, the last is final', async () => {
    const { jobId } = await start({ count: 150, method: { kind: 'tsne', perplexity: 10, iterations: 300 }, kmeans: null });
    const events = await ended(jobId);
    expect(events.at(-1)!.type).toBe('codes:done');
    const points = ofType(events, 'codes:points');
    expect(points.length).toBeGreaterThan(1);
    expect(points.at(-1)!.final).toBe(true);
    expect(points.slice(0, -1).every((p) => !p.final)).toBe(true);
    expect(points.every((p) => p.points.length === 300)).toBe(true);
    const progress = ofType(events, 'codes:progress').filter((e) => e.phase === 'embedding');
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y));
    expect(progress.at(-1)).toMatchObject({ done: 300, total: 300 });
    expect(ofType(events, 'codes:clusters')).toHaveLength(0);
  });

  it('UMAP runs to its end too', async () => {
    const events = await ended((await start({ count: 120, method: { kind: 'umap', neighbors: 8 }, kmeans: null })).jobId);
    expect(events.at(-1)!.type).toBe('codes:done');
    expect(ofType(events, 'codes:points').at(-1)!.points).toHaveLength(240);
  });

  it('cancels on request, and a new job cancels the client\'s job under way', async () => {
    const long = { count: 600, method: { kind: 'tsne', perplexity: 30, iterations: 2000 }, kmeans: null };
    const { jobId } = await start(long);
    await t.codesEvents().waitFor((e) => e.jobId === jobId && e.type === 'codes:points');
    await t.ok('codes:cancel', { jobId });
    const events = await ended(jobId);
    expect(events.at(-1)!.type).toBe('codes:cancelled');
    expect(ofType(events, 'codes:done')).toHaveLength(0);

    const first = await start(long);
    await t.codesEvents().waitFor((e) => e.jobId === first.jobId && e.type === 'codes:points');
    const second = await start();
    expect((await ended(first.jobId)).at(-1)!.type).toBe('codes:cancelled');
    expect((await ended(second.jobId)).at(-1)!.type).toBe('codes:done');
    // An ended job, or another client's, cannot be cancelled.
    expect((await t.err('codes:cancel', { jobId: second.jobId })).code).toBe('not-found');
  });

  it('refuses bad payloads before any work, and a layer the model lacks with a message', async () => {
    for (const bad of [
      { count: 5 }, { count: 20_000 }, { method: { kind: 'isomap' } }, { method: { kind: 'tsne', perplexity: 0, iterations: 100 } },
      { kmeans: { k: 1, restarts: 1 } }, { layer: -1 }, { seed: 'x' }, { extra: 1 },
    ]) {
      const e = await t.err('codes:start', { model, dataset, layer: null, count: 300, method: { kind: 'pca' }, kmeans: null, seed: 1, ...bad });
      expect(e.code, JSON.stringify(bad)).toBe('invalid-request');
    }
    expect((await t.err('codes:cancel', { jobId: '' })).code).toBe('invalid-request');
    expect((await t.err('codes:start', { model: { kind: 'saved', id: 'nope' }, dataset, layer: null, count: 300, method: { kind: 'pca' }, kmeans: null, seed: 1 })).code).toBe('not-found');
    const events = await ended((await start({ layer: 7 })).jobId);
    const failed = ofType(events, 'codes:failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toEqual({ key: 'general.codesNoLayer', params: { layer: 8 } });
  });

  it('takes the run just trained (ModelRef current) on its own data', async () => {
    const log = t.events('trainer');
    t.codesEvents('trainer');
    const spec = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 16, activation: 'tanh' }, { type: 'Dense', units: 10, activation: 'softmax' }] };
    await t.ok('train:start', { spec, hyperparams: hyperparams({ epochs: 2, batchSize: 20, validationSize: 100 }), dataset }, 'trainer');
    expect((await log.next(['completed', 'failed', 'stopped'])).type).toBe('completed');
    const current = { kind: 'current' } as const;
    const l = await t.ok<CodeLayers>('codes:layers', { model: current, dataset }, 'trainer');
    expect(l.layers.map((x) => x.shape)).toEqual([[784], [16], [10]]);
    expect(l.codeLayer).toBe(2 - 1);
    const { jobId } = await t.ok<{ jobId: string }>('codes:start', { model: current, dataset, layer: null, count: 300, method: { kind: 'pca' }, kmeans: { k: 10, restarts: 3 }, seed: 1 }, 'trainer');
    const events = await ended(jobId, 'trainer');
    expect(events.at(-1)!.type).toBe('codes:done');
    expect(ofType(events, 'codes:started')[0]!.dim).toBe(16);
    // Trained on the bands, its 16-number codes group them as well as the pixels do.
    expect(ofType(events, 'codes:clusters')[0]!.codes.purity).toBeGreaterThan(0.8);
    // Another client has no run of its own.
    expect((await t.err('codes:layers', { model: current, dataset }, 'nobody')).code).toBe('not-found');
  });

  it('reports a crashed worker as a failed job, and starts a new worker for the next one', async () => {
    const { jobId } = await start({ count: 600, method: { kind: 'tsne', perplexity: 30, iterations: 2000 }, kmeans: null });
    await t.codesEvents().waitFor((e) => e.jobId === jobId && e.type === 'codes:points');
    const worker = t.workers.workers.filter((w) => w.kind === 'codes').at(-1)!.worker;
    await worker.terminate();
    const events = await ended(jobId);
    expect(events.at(-1)).toMatchObject({ type: 'codes:failed', detail: { key: 'general.codesCrashed' } });
    expect((await ended((await start()).jobId)).at(-1)!.type).toBe('codes:done');
  });
});
