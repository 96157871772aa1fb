/**
 * Worker thread entry for the code space: a model's codes (the activations of one layer
 * for test images), projected to 2-D and clustered, off the main thread. Long-lived, with
 * the last dataset and a few networks kept; each job yields between steps (a batch of
 * codes, a few t-SNE iterations, one k-means restart) so a 'cancel' is read at the next
 * step, and its t-SNE or UMAP positions are posted as they move.
 */
import { parentPort } from 'node:worker_threads';
import {
  classCount, formatMessage, fromLayersModel, isOutOfMemory, ModelFileError, msg, Rng, sizeOfShape,
  type Dataset, type Message, type ModelMetadata, type Network, type SampleSet,
} from '../../engine';
import {
  clusterLabelTable, codeLabels, codeLayerIndex, computeCodes, inputCodes, kmeansClusters, loadModel, MAX_TSNE_POINTS,
  pcaProjection, purity, tsneEmbedding, umapEmbedding, type Clustering, type ProgressiveEmbedding,
} from '../../engine/node';
import type { ClusterSummary, CodeLayers } from '../ipc/contract';
import type { CodesCommand, CodesJobSettings, CodesWorkerMessage, WorkerCodesEvent } from './codesProtocol';
import { lastDatasetCache } from './jobDatasets';
import type { ModelSource } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('codesWorker.ts must run in a worker thread.');

/** Samples per forward pass between two yields. */
const CHUNK = 500;
/** Time between two posts of moving positions (the scatter redraws at this pace)… */
const POST_EVERY_MS = 120;
/** …and the most steps between two (a fast run still shows its progress). */
const POSTS_PER_RUN = 20;
/** Fewest test samples a picture or a clustering makes sense on. */
const MIN_SAMPLES = 10;
const CACHE_SIZE = 3;

class Cancelled extends Error {}
class Refused extends Error {
  constructor(readonly detail: Message) {
    super(formatMessage(detail));
  }
}

const post = (m: CodesWorkerMessage) => port!.postMessage(m);
const models = new Map<string, { network: Network; metadata: ModelMetadata | null }>();
const cancelled = new Set<number>();

async function modelOf(key: string, source: ModelSource): Promise<{ network: Network; metadata: ModelMetadata | null }> {
  const hit = models.get(key);
  if (hit) return hit;
  const loaded = source.kind === 'dir' ? await loadModel(source.dir) : fromLayersModel(source.model.modelJson, source.model.weightData);
  models.set(key, { network: loaded.network, metadata: loaded.metadata });
  while (models.size > CACHE_SIZE) models.delete(models.keys().next().value!);
  return loaded;
}

/** The job's dataset, read once for the layers and again for the codes. */
const datasetOf = lastDatasetCache();

function requireFit(network: Network, dataset: Dataset): void {
  const have = sizeOfShape(dataset.inputShape);
  if (network.inputSize !== have) {
    throw new Refused(msg('general.codesInputShape', { network: network.inputSize, dataset: dataset.name, data: have }));
  }
}

function layersOf(network: Network, metadata: ModelMetadata | null, dataset: Dataset): CodeLayers {
  return {
    layers: network.layers.map((l, index) => ({ index, name: l.name, type: l.spec.type, shape: [...l.outputShape] })),
    codeLayer: Math.max(0, codeLayerIndex(network.layers, metadata?.codeLayer)),
    testCount: dataset.test.count,
    classNames: classCount(dataset.task) > 0 ? [...(dataset.task as { classNames: readonly string[] }).classNames] : null,
    inputShape: [...dataset.inputShape],
    maxTsnePoints: MAX_TSNE_POINTS,
  };
}

/** Lets the worker read its messages (a cancel) before the next step; throws when this job was cancelled. */
async function checkpoint(id: number): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (cancelled.has(id)) throw new Cancelled();
}

/** A seeded draw of `count` of the set's samples, in the set's order. */
function pickIndices(total: number, count: number, seed: number): Int32Array {
  const all = new Int32Array(total);
  for (let i = 0; i < total; i++) all[i] = i;
  if (count >= total) return all;
  new Rng(seed).shuffle(all);
  return all.slice(0, count).sort();
}

/** The model's answer for each picked sample, for classifiers (the class it gives the highest output); else null. */
function predictions(network: Network, set: SampleSet, indices: Int32Array, classes: number): number[] | null {
  const out = network.outputSize;
  if (classes < 2 || (out !== classes && !(classes === 2 && out === 1))) return null;
  const last = network.layers.length - 1, threshold = network.finalActivation === 'sigmoid' ? 0.5 : 0;
  const y = computeCodes(network, set, last, { indices }).values;
  return Array.from({ length: indices.length }, (_, i) => {
    if (out === 1) return y[i]! > threshold ? 1 : 0;
    let best = 0;
    for (let j = 1; j < out; j++) if (y[i * out + j]! > y[i * out + best]!) best = j;
    return best;
  });
}

/** Images as bytes, base64: what the renderer shows when a point is clicked. Null for samples that are numbers. */
function pixelsOf(dataset: Dataset, indices: Int32Array): string | null {
  const shape = dataset.inputShape, inputs = dataset.test.inputs;
  if (shape.length !== 3 || !(inputs instanceof Uint8Array)) return null;
  const per = sizeOfShape(shape), bytes = new Uint8Array(indices.length * per);
  indices.forEach((s, k) => bytes.set(inputs.subarray(s * per, (s + 1) * per), k * per));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** k-means++ restarts one at a time (the same draws as `restarts` in one call), a yield between two. */
async function clusters(id: number, values: Float32Array, count: number, dim: number, k: number, restarts: number, seed: number, tick: () => void): Promise<Clustering> {
  const rng = new Rng(seed);
  let best: Clustering | null = null;
  for (let r = 0; r < restarts; r++) {
    const c = kmeansClusters(values, count, dim, { k, restarts: 1, rng });
    if (!best || c.inertia < best.inertia) best = c;
    tick();
    await checkpoint(id);
  }
  return best!;
}

async function job(cmd: Extract<CodesCommand, { type: 'job' }>): Promise<void> {
  const t0 = performance.now(), id = cmd.id, s: CodesJobSettings = cmd.settings;
  const event = (e: WorkerCodesEvent) => post({ type: 'event', id, event: e });
  const [{ network, metadata }, dataset] = await Promise.all([modelOf(cmd.key, cmd.source), datasetOf(cmd.dataset)]);
  requireFit(network, dataset);
  const info = layersOf(network, metadata, dataset);
  const layerIndex = s.layer ?? info.codeLayer;
  const layer = info.layers[layerIndex];
  if (!layer) throw new Refused(msg('general.codesNoLayer', { layer: layerIndex + 1 }));
  const set = dataset.test;
  const count = Math.min(s.count, set.count, s.method.kind === 'tsne' ? MAX_TSNE_POINTS : Infinity);
  if (count < MIN_SAMPLES) throw new Refused(msg('general.codesTooFew', { count: set.count, min: MIN_SAMPLES }));
  const indices = pickIndices(set.count, count, s.seed);
  const labels = codeLabels(set, indices), classes = info.classNames?.length ?? 0;
  const dim = sizeOfShape(layer.shape);
  event({
    type: 'codes:started', layer, count, dim, indices: Array.from(indices), labels: labels ? Array.from(labels) : null,
    pixels: pixelsOf(dataset, indices), predicted: predictions(network, set, indices, classes),
  });

  const values = new Float32Array(count * dim);
  for (let from = 0; from < count; from += CHUNK) {
    const part = indices.subarray(from, Math.min(count, from + CHUNK));
    values.set(computeCodes(network, set, layerIndex, { indices: part }).values, from * dim);
    event({ type: 'codes:progress', phase: 'codes', done: from + part.length, total: count });
    await checkpoint(id);
  }

  if (s.method.kind === 'pca') {
    const p = pcaProjection(values, count, dim);
    event({ type: 'codes:points', points: Array.from(p.points), final: true, explained: p.explainedVariance.slice(0, 2) });
  } else {
    const rng = new Rng(s.seed);
    const e: ProgressiveEmbedding = s.method.kind === 'tsne'
      ? tsneEmbedding(values, count, dim, { perplexity: s.method.perplexity, iterations: s.method.iterations, rng })
      : umapEmbedding(values, count, dim, { neighbors: s.method.neighbors, rng });
    let posted = performance.now(), postedStep = 0;
    const stepsPerPost = Math.max(5, Math.ceil(e.totalSteps / POSTS_PER_RUN));
    while (!e.done) {
      e.step(5);
      await checkpoint(id);
      if (e.done || performance.now() - posted >= POST_EVERY_MS || e.stepsDone - postedStep >= stepsPerPost) {
        posted = performance.now();
        postedStep = e.stepsDone;
        event({ type: 'codes:progress', phase: 'embedding', done: e.stepsDone, total: e.totalSteps });
        event({ type: 'codes:points', points: Array.from(e.positions()), final: e.done, explained: null });
      }
    }
  }

  if (s.kmeans && labels) {
    const { k, restarts } = s.kmeans, total = 2 * restarts;
    let done = 0;
    const tick = () => event({ type: 'codes:progress', phase: 'kmeans', done: ++done, total });
    const summary = (c: Clustering): ClusterSummary => {
      const table = clusterLabelTable(c.clusters, labels, k, Math.max(classes, 1 + Math.max(...labels)));
      return { k, purity: purity(table), table };
    };
    const ofCodes = summary(await clusters(id, values, count, dim, k, restarts, s.seed, tick));
    const raw = inputCodes(set, network.inputSize, indices);
    const ofPixels = summary(await clusters(id, raw.values, count, raw.dim, k, restarts, s.seed, tick));
    event({ type: 'codes:clusters', codes: ofCodes, pixels: ofPixels });
  }
  event({ type: 'codes:done', seconds: (performance.now() - t0) / 1000 });
}

function fail(id: number, e: unknown): void {
  if (e instanceof Cancelled) {
    post({ type: 'event', id, event: { type: 'codes:cancelled' } });
    return;
  }
  const known = e instanceof Refused ? e.detail : e instanceof ModelFileError ? e.detail : isOutOfMemory(e) ? msg('modelFile.outOfMemory') : null;
  if (!known) console.error('Layerwise: the code space failed:', e);
  const detail = known ?? msg('general.codesFailed');
  post({ type: 'error', id, code: e instanceof ModelFileError ? 'bad-file' : known ? 'invalid-request' : 'internal', message: formatMessage(detail), detail });
}

port.on('message', (cmd: CodesCommand) => {
  if (cmd?.type === 'cancel') {
    cancelled.add(cmd.id);
    return;
  }
  if (cmd?.type === 'layers') {
    (async () => {
      const [{ network, metadata }, dataset] = await Promise.all([modelOf(cmd.key, cmd.source), datasetOf(cmd.dataset)]);
      requireFit(network, dataset);
      post({ type: 'layers', id: cmd.id, layers: layersOf(network, metadata, dataset) });
    })().catch((e: unknown) => fail(cmd.id, e));
    return;
  }
  if (cmd?.type === 'job') job(cmd).catch((e: unknown) => fail(cmd.id, e)).finally(() => cancelled.delete(cmd.id));
});
