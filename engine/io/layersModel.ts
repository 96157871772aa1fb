import { Rng } from '../core/rng';
import { sizeOf, type Shape } from '../layers/layer';
import { analyzeNetwork, layerNames } from '../model/analyze';
import { MAX_LAYERS, MAX_WEIGHT_MAGNITUDE, networkLimitProblem, tooManyLayers } from '../model/limits';
import { Network } from '../model/network';
import { type LayerSpec, type NetworkSpec, isInputShape } from '../model/spec';
import { SpecError } from '../model/specError';
import { isShapeProblem, layerKind, type ShapeProblem } from '../model/registry';
import type { TrainConfig } from '../train/config';
import { msg, type Message, type MessageParam } from '../messages';
import type { EpochMetrics } from '../train/trainer';
import { declaredInputShape, fromKerasLayer, isObject, kerasNames, ModelFileError, own, toKerasLayer, type KerasLayerJson } from './kerasLayers';
import { readTask, type Task } from '../data/task';
import { readCorruption } from '../data/corruption';

export { ModelFileError } from './kerasLayers';

/**
 * A saved model is a TensorFlow.js "layers-model": model.json (Keras topology + weights
 * manifest) and weights.bin (little-endian float32, manifest order). tfjs loads our files
 * as they are; we load tfjs's. What only Layerwise needs (dataset, training history) rides
 * in `userDefinedMetadata.layerwise`, which tfjs carries without reading.
 */
export const MODEL_FORMAT_VERSION = 1;

export interface ModelMetadata {
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  name?: string;
  spec: NetworkSpec;
  /** What the model was trained on; `task` (its classes or targets) is absent in models saved before tasks. */
  dataset?: {
    name: string; trainCount: number; testCount: number; task?: Task;
    /**
     * Where the points came from (a generated set's settings, or the student's points) and the square
     * that framed them: the app's, kept as read here (unknown) for the host to check against its contract.
     */
    source?: unknown;
    bounds?: unknown;
  };
  seed?: number;
  training?: { config: TrainConfig; history: EpochMetrics[] };
  testAccuracy?: number | null;
  weightsSha256?: string;
  /**
   * The name of the layer whose outputs are the network's codes (an autoencoder's
   * bottleneck), when one was chosen; otherwise the narrowest hidden layer is (engine/codes).
   * The corruption an autoencoder trained with is in `training.config.corruption`.
   */
  codeLayer?: string;
}

export interface WeightSpecJson { name: string; shape: number[]; dtype: 'float32' }

export interface LayersModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Sequential'; config: { name: string; layers: KerasLayerJson[] }; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: WeightSpecJson[] }[];
  userDefinedMetadata: { layerwise: ModelMetadata };
}

const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

export function toLayersModel(network: Network, meta: Omit<ModelMetadata, 'formatVersion' | 'spec'>): { modelJson: LayersModelJson; weightData: Uint8Array } {
  const spec = network.spec;
  const names = kerasNames(spec.layers);
  // Per layer its parameters then its state (BatchNormalization: gamma, beta, moving_mean, moving_variance), as Keras orders them.
  const weights = network.layers.flatMap((l, i) => [...l.params, ...l.state].map((p) => ({ name: `${names[i]}/${p.name}`, shape: [...p.shape], dtype: 'float32' as const })));
  const values = network.weights.map((p) => p.value);
  const weightData = new Uint8Array(values.reduce((n, v) => n + v.length * 4, 0));
  const view = new DataView(weightData.buffer);
  let offset = 0;
  for (const v of values) {
    if (LITTLE_ENDIAN) weightData.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), offset);
    else for (let i = 0; i < v.length; i++) view.setFloat32(offset + i * 4, v[i]!, true);
    offset += v.byteLength;
  }
  // A JSON round trip drops undefined fields, which tfjs's plain-object check would reject.
  const layerwise = JSON.parse(JSON.stringify({ formatVersion: MODEL_FORMAT_VERSION, ...meta, spec })) as ModelMetadata;
  const modelJson: LayersModelJson = {
    format: 'layers-model',
    generatedBy: `Layerwise ${meta.appVersion}`,
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential', layers: spec.layers.map((l, i) => toKerasLayer(l, names[i]!, i === 0 ? spec.input_shape : undefined)) },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: ['weights.bin'], weights }],
    userDefinedMetadata: { layerwise },
  };
  return { modelJson, weightData };
}

function fail(message: Message): never {
  throw new ModelFileError(message);
}
const fmt = (s: readonly unknown[]) => `[${s.join(', ')}]`;
const json = (v: unknown) => String(JSON.stringify(v));
/** At most five names, so a hostile file cannot make a message megabytes long. */
const list = (names: string[]): MessageParam => {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? msg('modelFile.andMore', { names: shown, more: names.length - 5 }) : shown;
};

/**
 * Reads a layers-model, checking everything (topology, manifest, weight bytes, metadata)
 * before the network is built, so a bad file fails with one plain sentence and nothing
 * half-loaded. The spec comes from the topology, which tfjs users may have edited; our
 * metadata supplies everything else.
 */
export function fromLayersModel(
  modelJson: unknown, weightData: Uint8Array, opts: { fileName?: string | Message } = {},
): { network: Network; spec: NetworkSpec; metadata: ModelMetadata | null } {
  if (!isObject(modelJson)) fail(msg('modelFile.notObject'));
  // First, so a newer file is reported as such rather than as whatever it has that we lack.
  const metadata = readMetadata(own(own(modelJson, 'userDefinedMetadata'), 'layerwise'));
  const format = own(modelJson, 'format');
  if (format !== undefined && format !== 'layers-model') {
    fail(msg('modelFile.wrongFormat', { format: json(format) }));
  }
  const topSpec = readTopology(own(modelJson, 'modelTopology'));
  const fileNames = layerNames(topSpec.layers);
  const keepOurs = metadata && sameNetwork(metadata.spec, topSpec) && analyzeNetwork(metadata.spec, { numClasses: null }).issues.length === 0;
  const spec = keepOurs ? metadata.spec : topSpec;
  const analysis = analyzeNetwork(spec, { numClasses: null });
  if (analysis.issues.length > 0) fail(msg('modelFile.cannotBuild', { problem: new SpecError(analysis.issues).detail }));
  // Before any weight array exists: the sizes come from the file, which may be hostile.
  const tooBig = networkLimitProblem(spec, analysis);
  if (tooBig) fail(tooBig);

  const expected = spec.layers.flatMap((l, i) => layerKind(l.type).weights(l, analysis.layers[i]!.inputShape!).map((w) => ({ key: `${fileNames[i]}/${w.name}`, shape: [...w.shape] })));
  const entries = readManifest(own(modelJson, 'weightsManifest'));
  const matched = matchWeights(expected, entries);
  const file = opts.fileName ?? 'weights.bin';
  const needed = entries.reduce((n, e) => n + e.bytes, 0);
  if (weightData.length < needed) fail(msg('modelFile.weightsTruncated', { file, expected: needed, found: weightData.length }));
  if (weightData.length > needed) fail(msg('modelFile.weightsTooLong', { file, expected: needed, found: weightData.length }));

  const view = new DataView(weightData.buffer, weightData.byteOffset, weightData.byteLength);
  const values = matched.map((e, k) => {
    const v = new Float32Array(e.bytes / 4);
    for (let i = 0; i < v.length; i++) v[i] = view.getFloat32(e.offset + i * 4, true);
    // A negative variance would put NaN (the square root of a negative number) in every prediction.
    const variance = expected[k]!.key.endsWith('/moving_variance');
    for (const x of v) {
      if (!Number.isFinite(x)) fail(msg('modelFile.nonFinite', { file, what: Number.isNaN(x) ? 'NaN' : 'Infinity', name: e.name }));
      if (Math.abs(x) > MAX_WEIGHT_MAGNITUDE) fail(msg('modelFile.hugeWeight', { file, value: x.toExponential(1), weight: e.name, max: MAX_WEIGHT_MAGNITUDE }));
      if (variance && x < 0) fail(msg('modelFile.negativeVariance', { file, value: x, weight: e.name }));
    }
    return v;
  });
  const network = Network.fromSpec(spec, new Rng(0), { numClasses: null });
  // The same order as `expected`: the registry lists weights as the built layers hold them.
  network.weights.forEach((w, i) => w.value.set(values[i]!));
  // A code layer that names no layer of the network (an edited topology) is dropped, not obeyed.
  if (metadata?.codeLayer !== undefined && !network.layers.some((l) => l.name === metadata.codeLayer)) delete metadata.codeLayer;
  return { network, spec, metadata: metadata && { ...metadata, spec } };
}

function readTopology(raw: unknown): NetworkSpec {
  if (!isObject(raw)) return fail(msg('modelFile.noTopology'));
  // Files converted from Keras .h5 nest the topology one level down.
  const topo = isObject(own(raw, 'model_config')) ? own(raw, 'model_config') : raw;
  const cls = own(topo, 'class_name');
  if (cls === 'Model' || cls === 'Functional') {
    fail(msg('modelFile.functional', { cls }));
  }
  if (cls !== 'Sequential') fail(msg('modelFile.notSequential', { cls: json(cls) }));
  const config = own(topo, 'config');
  const list = Array.isArray(config) ? config : own(config, 'layers');
  if (!Array.isArray(list)) return fail(msg('modelFile.noLayerList'));
  // Refused before any layer is read; one more for a leading InputLayer.
  if (list.length > MAX_LAYERS + 1) fail(tooManyLayers(list.length));
  let declared: unknown[] | undefined;
  let shape: Shape | null = null;
  const layers: LayerSpec[] = [];
  for (let i = 0; i < list.length; i++) {
    const json: unknown = list[i];
    if (layers.length === 0 && declared === undefined) {
      declared = declaredInputShape(json);
      if (declared) shape = checkInputShape(declared);
    }
    const layer = fromKerasLayer(json, i, shape?.length, shape ? sizeOf(shape) : undefined);
    if (layer === 'input') {
      if (i > 0) fail(msg('modelFile.inputLayerInside', { n: i + 1 }));
      continue;
    }
    layers.push(layer);
    // Track the shape so a later Softmax written with tfjs's positive axis can be checked against the real rank.
    const kind = layerKind(layer.type);
    const out: Shape | ShapeProblem | null = shape && kind.checkSettings(layer).length === 0 ? kind.outputShape(layer, shape, layers.length - 1) : null;
    shape = out && !isShapeProblem(out) ? out : null;
  }
  if (declared === undefined) fail(msg('modelFile.noInputShape'));
  return { input_shape: checkInputShape(declared!), layers };
}

function checkInputShape(declared: readonly unknown[]): Shape {
  const s = Array.from(declared); // a sparse array would slip holes past every()
  const ok = s.every((d) => Number.isInteger(d) && (d as number) >= 1);
  if (ok && isInputShape(s)) return s as number[];
  if (ok) fail(msg('modelFile.inputNotImage', { shape: fmt(s) }));
  return fail(msg('modelFile.badInputShape', { shape: json(s) }));
}

interface Entry { name: string; shape: number[]; bytes: number; offset: number }

function readManifest(raw: unknown): Entry[] {
  if (!Array.isArray(raw)) return fail(msg('modelFile.noManifest'));
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const group of raw) {
    const weights = own(group, 'weights');
    if (!Array.isArray(weights)) fail(msg('modelFile.noWeightList'));
    for (const w of weights as unknown[]) {
      const name = own(w, 'name'), rawShape = own(w, 'shape'), dtype = own(w, 'dtype') ?? 'float32';
      if (typeof name !== 'string') return fail(msg('modelFile.unnamedWeight'));
      const shape = Array.isArray(rawShape) ? Array.from(rawShape as unknown[]) : rawShape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 2 ** 31)) fail(msg('modelFile.badWeightShape', { name, shape: json(shape) }));
      if (dtype !== 'float32') fail(msg('modelFile.weightDtype', { name, dtype: json(dtype) }));
      const quant = own(w, 'quantization');
      if (quant !== undefined && quant !== null) fail(msg('modelFile.quantized', { name }));
      if (seen.has(name)) fail(msg('modelFile.duplicateWeight', { name }));
      seen.add(name);
      const bytes = sizeOf(shape as number[]) * 4;
      entries.push({ name, shape: shape as number[], bytes, offset });
      offset += bytes;
    }
  }
  return entries;
}

/**
 * Pairs each weight the network needs with a manifest entry: by `<layer>/<param>`
 * (ignoring a scope prefix or Keras's `:0`), or, when no name matches at all (a renamed
 * export), by position if count and shapes agree.
 */
function matchWeights(expected: { key: string; shape: number[] }[], entries: Entry[]): Entry[] {
  // One lookup per entry, no nested scans: a hostile model.json may list hundreds of thousands of weights.
  const want = new Map(expected.map((x, i) => [x.key, i]));
  const exact: Entry[][] = expected.map(() => []), scoped: Entry[][] = expected.map(() => []);
  for (const e of entries) {
    const name = e.name.replace(/:\d+$/, '');
    const i = want.get(name);
    if (i !== undefined) exact[i]!.push(e);
    else {
      // `sequential/dense_1/kernel`: the longest suffix that is a weight we need.
      let at = name.indexOf('/'), j: number | undefined;
      while (at >= 0 && (j = want.get(name.slice(at + 1))) === undefined) at = name.indexOf('/', at + 1);
      if (j !== undefined) scoped[j]!.push(e);
    }
  }
  const candidates = expected.map((_, i) => (exact[i]!.length > 0 ? exact[i]! : scoped[i]!));
  const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  let matched: Entry[];
  if (candidates.every((c) => c.length === 0) && expected.length > 0) {
    if (entries.length !== expected.length) {
      fail(msg('modelFile.weightCount', { count: entries.length, needed: expected.length, names: list(expected.map((x) => x.key)) }));
    }
    matched = entries;
  } else {
    matched = expected.map((x, i) => {
      const c = candidates[i]!;
      if (c.length === 0) fail(msg('modelFile.missingWeight', { key: x.key, shape: fmt(x.shape) }));
      if (c.length > 1) fail(msg('modelFile.ambiguousWeight', { key: x.key, names: list(c.map((e) => e.name)) }));
      return c[0]!;
    });
    const used = new Set(matched);
    const extra = entries.filter((e) => !used.has(e));
    if (extra.length > 0) fail(msg('modelFile.extraWeights', { names: list(extra.map((e) => e.name)) }));
  }
  expected.forEach((x, i) => {
    const e = matched[i]!;
    if (!sameShape(e.shape, x.shape)) fail(msg('modelFile.weightShape', { name: e.name, shape: fmt(e.shape), key: x.key, needed: fmt(x.shape) }));
  });
  return matched;
}

function readMetadata(raw: unknown): ModelMetadata | null {
  if (raw === undefined || raw === null) return null;
  const damaged = (what: Message) => fail(msg('modelFile.damaged', { what }));
  if (!isObject(raw)) damaged(msg('modelFile.metaNotObject'));
  const v = own(raw, 'formatVersion');
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1)) damaged(msg('modelFile.formatVersionIs', { value: json(v) }));
  if ((v as number) > MODEL_FORMAT_VERSION) {
    fail(msg('modelFile.newer', { version: String(v) }));
  }
  const str = (k: string) => (typeof own(raw, k) === 'string' ? (own(raw, k) as string) : undefined);
  const num = (o: unknown, k: string) => (typeof own(o, k) === 'number' && Number.isFinite(own(o, k)) ? (own(o, k) as number) : undefined);
  const meta: ModelMetadata = { formatVersion: v as number, appVersion: str('appVersion') ?? 'unknown', createdAt: str('createdAt') ?? '', spec: own(raw, 'spec') as NetworkSpec };
  // Optional fields are informational: a wrong type drops the field rather than the model.
  const name = str('name'), seed = num(raw, 'seed'), sha = str('weightsSha256');
  if (name !== undefined) meta.name = name;
  const ds = own(raw, 'dataset');
  const dsName = own(ds, 'name'), trainCount = num(ds, 'trainCount'), testCount = num(ds, 'testCount');
  if (typeof dsName === 'string' && trainCount !== undefined && testCount !== undefined) {
    const task = readTask(own(ds, 'task'));
    const source = own(ds, 'source'), bounds = own(ds, 'bounds');
    meta.dataset = {
      name: dsName, trainCount, testCount, ...(task ? { task } : {}),
      ...(source !== undefined ? { source } : {}), ...(bounds !== undefined ? { bounds } : {}),
    };
  }
  if (seed !== undefined) meta.seed = seed;
  const tr = own(raw, 'training'), config = own(tr, 'config'), history = own(tr, 'history');
  if (isObject(config) && Array.isArray(history) && history.every(isObject)) {
    meta.training = { config: config as unknown as TrainConfig, history: history as unknown as EpochMetrics[] };
    // Corruption settings are replayed when the model trains again: kept only when they make sense.
    if (own(config, 'corruption') !== undefined) {
      const corruption = readCorruption(own(config, 'corruption'));
      const { corruption: _dropped, ...rest } = meta.training.config;
      meta.training.config = corruption ? { ...rest, corruption } : rest;
    }
  }
  const codeLayer = str('codeLayer');
  if (codeLayer !== undefined && codeLayer.length <= 200) meta.codeLayer = codeLayer;
  const acc = own(raw, 'testAccuracy');
  if (acc === null || num(raw, 'testAccuracy') !== undefined) meta.testAccuracy = acc as number | null;
  if (sha !== undefined && /^[0-9a-f]{64}$/.test(sha)) meta.weightsSha256 = sha;
  return meta;
}

/** Whether our stored spec says the same as the topology (then it is kept as the user wrote it). */
function sameNetwork(meta: unknown, topo: NetworkSpec): meta is NetworkSpec {
  try {
    const layers = own(meta, 'layers');
    if (!Array.isArray(layers) || layers.length !== topo.layers.length) return false;
    for (let i = 0; i < layers.length; i++) if (!isObject(layers[i])) return false; // also rejects holes, which every() skips
    if (JSON.stringify(own(meta, 'input_shape')) !== JSON.stringify(topo.input_shape)) return false;
    const names = kerasNames(layers as LayerSpec[]);
    return layers.every((l: LayerSpec, i) => JSON.stringify(fromKerasLayer(toKerasLayer(l, names[i]!), i)) === JSON.stringify(topo.layers[i]));
  } catch {
    return false;
  }
}
