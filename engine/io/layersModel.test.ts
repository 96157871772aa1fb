import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { formatMessage, formatSentence } from '../messages';
import { expectWorded } from '../testing/messages';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { fromLayersModel, MODEL_FORMAT_VERSION, ModelFileError, toLayersModel, type LayersModelJson } from './layersModel';

const EVERY_LAYER: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu', kernel_initializer: 'he_uniform' },
    { type: 'AveragePooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 6, kernel_size: 3, activation: 'tanh', use_bias: false },
    { type: 'MaxPooling2D', pool_size: 2, padding: 'same' },
    { type: 'Activation', activation: 'sigmoid' },
    { type: 'LeakyReLU', alpha: 0.2 },
    { type: 'Flatten' },
    { type: 'Dropout', rate: 0.3 },
    { type: 'Dense', units: 32, use_bias: false, name: 'hidden' },
    { type: 'ReLU' },
    { type: 'Dense', units: 10 },
    { type: 'Softmax' },
  ],
};
const SMALL: NetworkSpec = {
  input_shape: [6, 6, 1],
  layers: [{ type: 'Conv2D', filters: 2, kernel_size: 3, activation: 'relu' }, { type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'softmax' }],
};
/** Points in the plane: a vector input, no image axes. */
const VECTOR: NetworkSpec = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const META = { appVersion: '0.1.0', createdAt: '2025-01-01T00:00:00.000Z', name: 'test', seed: 7, testAccuracy: 0.97, dataset: { name: 'mnist', trainCount: 60000, testCount: 10000 } };

function randomNet(spec: NetworkSpec, seed = 1): Network {
  const rng = new Rng(seed);
  const net = Network.fromSpec(spec, rng, { numClasses: null });
  for (const p of net.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-0.5, 0.5);
  return net;
}

/** What a file round trip yields: model.json through JSON text, weights as bytes. */
function saved(spec: NetworkSpec = SMALL): { json: LayersModelJson; data: Uint8Array; net: Network } {
  const net = randomNet(spec);
  const { modelJson, weightData } = toLayersModel(net, META);
  return { json: JSON.parse(JSON.stringify(modelJson)) as LayersModelJson, data: weightData, net };
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return e as Error;
  }
  throw new Error('expected a ModelFileError');
}

const input = (net: Network, n: number) => Float32Array.from({ length: n * net.inputSize }, (_, i) => Math.sin(i * 0.37));

describe('toLayersModel / fromLayersModel', () => {
  it.each([['mlp', PRESETS.mlp], ['cnn', PRESETS.cnn], ['every layer', EVERY_LAYER], ['a vector input', VECTOR]] as const)('%s round-trips bit for bit', (_n, spec) => {
    const { json, data, net } = saved(spec);
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe('Layerwise 0.1.0');
    expect(json.weightsManifest[0]!.weights.map((w) => w.name)).toEqual(net.layers.flatMap((l) => l.params.map((p) => `${l.name}/${p.name}`)));
    expect(new DataView(data.buffer).getFloat32(0, true)).toBe(net.params[0]!.value[0]);
    const loaded = fromLayersModel(json, data);
    expect(loaded.spec).toEqual(spec);
    expect(loaded.metadata).toEqual({ formatVersion: MODEL_FORMAT_VERSION, ...META, spec });
    loaded.network.params.forEach((p, i) => expect(p.value).toEqual(net.params[i]!.value));
    const x = input(net, 3);
    expect(loaded.network.forward(x, 3, { training: false })).toEqual(net.forward(x, 3, { training: false }));
  });

  it('saves and loads batch normalization\'s moving statistics after gamma and beta: a trained model predicts exactly as before', () => {
    const spec: NetworkSpec = {
      input_shape: [6, 6, 1],
      layers: [
        { type: 'Conv2D', filters: 2, kernel_size: 3 }, { type: 'BatchNormalization', momentum: 0.5 }, { type: 'Reshape', target_shape: [32] },
        { type: 'Dense', units: 4 }, { type: 'BatchNormalization', epsilon: 0.01 }, { type: 'ReLU' }, { type: 'Dense', units: 3, activation: 'softmax' },
      ],
    };
    const net = randomNet(spec);
    // Training passes move the statistics away from their starting 0 and 1.
    for (let step = 0; step < 3; step++) net.forward(input(net, 5).map((v) => v * (step + 2) + 1), 5, { training: true });
    expect(net.layers[1]!.state[0]!.value.every((m) => m !== 0)).toBe(true);
    const { modelJson, weightData } = toLayersModel(net, META);
    expect(modelJson.weightsManifest[0]!.weights.map((w) => [w.name, w.shape])).toEqual([
      ['conv2d_1/kernel', [3, 3, 1, 2]], ['conv2d_1/bias', [2]],
      ['batch_normalization_1/gamma', [2]], ['batch_normalization_1/beta', [2]],
      ['batch_normalization_1/moving_mean', [2]], ['batch_normalization_1/moving_variance', [2]],
      ['dense_1/kernel', [32, 4]], ['dense_1/bias', [4]],
      ['batch_normalization_2/gamma', [4]], ['batch_normalization_2/beta', [4]],
      ['batch_normalization_2/moving_mean', [4]], ['batch_normalization_2/moving_variance', [4]],
      ['dense_2/kernel', [4, 3]], ['dense_2/bias', [3]],
    ]);
    const loaded = fromLayersModel(JSON.parse(JSON.stringify(modelJson)), weightData);
    expect(loaded.spec).toEqual(spec);
    loaded.network.weights.forEach((w, i) => expect(w.value).toEqual(net.weights[i]!.value));
    const x = input(net, 4);
    expect(loaded.network.forward(x, 4, { training: false })).toEqual(net.forward(x, 4, { training: false }));
    // A negative variance would make every prediction NaN: refused, naming the weight.
    const bad = weightData.slice();
    const varianceAt = (18 + 2 + 2 + 2 + 2) * 4; // after the kernel, bias, gamma, beta and moving mean
    new DataView(bad.buffer).setFloat32(varianceAt, -0.5, true);
    expect(errorOf(() => fromLayersModel(JSON.parse(JSON.stringify(modelJson)), bad)).message)
      .toMatch(/gives batch_normalization_1\/moving_variance the negative value -0\.5; a variance is never below 0/);
  });

  it('trusts the topology over the stored spec, and loads any number of classes', () => {
    const { json, data } = saved();
    json.modelTopology.config.layers[2]!.config.activation = 'tanh';
    const loaded = fromLayersModel(json, data);
    expect(loaded.spec.layers[2]).toEqual({ type: 'Dense', name: 'dense_1', units: 3, activation: 'tanh' });
    expect(loaded.metadata?.spec).toEqual(loaded.spec);
    expect(loaded.metadata?.seed).toBe(7);
    expect(loaded.network.outputShape).toEqual([3]);
  });

  it('matches suffixed/scoped weight names, and falls back to order when no name matches', () => {
    const { json, data, net } = saved();
    const weights = json.weightsManifest[0]!.weights;
    weights[0]!.name = 'sequential/conv2d_1/kernel:0';
    expect(fromLayersModel(json, data).network.params[0]!.value).toEqual(net.params[0]!.value);
    weights.forEach((w, i) => (w.name = `w${i}`));
    expect(fromLayersModel(json, data).network.params[3]!.value).toEqual(net.params[3]!.value);
    weights[3]!.shape = [4];
    expect(errorOf(() => fromLayersModel(json, data)).message).toMatch(/w3 has shape \[4\] in model\.json, but dense_1\/bias needs \[3\]/);
  });

  it('reads a Keras .h5 conversion: model_config nesting, InputLayer, no format field', () => {
    const { json, data } = saved();
    const layers = json.modelTopology.config.layers;
    delete layers[0]!.config.batch_input_shape;
    const topo = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 6, 1], name: 'in' } }, ...layers] } };
    const file = { modelTopology: { keras_version: '2.15', model_config: topo }, weightsManifest: json.weightsManifest };
    expect(fromLayersModel(file, data).spec.input_shape).toEqual([6, 6, 1]);
  });

  type Json = Record<string, any>;
  const corruptions: [string, (j: Json) => unknown, RegExp, ((d: Uint8Array) => Uint8Array)?][] = [
    ['null', () => null, /does not hold a JSON object/],
    ['an array', () => [], /does not hold a JSON object/],
    ['a graph model', (j) => ({ ...j, format: 'graph-model' }), /"graph-model" model; Layerwise opens only "layers-model"/],
    ['no topology', (j) => ({ ...j, modelTopology: 'x' }), /no modelTopology/],
    ['a functional model', (j) => ((j.modelTopology.class_name = 'Model'), j), /functional Model model; Layerwise opens only Sequential/],
    ['no layers list', (j) => ((j.modelTopology.config = { name: 's' }), j), /no "layers" list/],
    ['no input shape', (j) => (delete j.modelTopology.config.layers[0].config.batch_input_shape, j), /does not say what input/],
    ['a rank-4 input', (j) => ((j.modelTopology.config.layers[0].config.batch_input_shape = [null, 1, 6, 6, 1]), j),
      /inputs of shape \[1, 6, 6, 1\]; Layerwise models take vectors \[features\] or images \[height, width, channels\]/],
    ['a vector input to a convolution', (j) => ((j.modelTopology.config.layers[0].config.batch_input_shape = [null, 784]), j), /cannot build\. Layer 1 \(conv2d_1\)/],
    ['a bad input shape', (j) => ((j.modelTopology.config.layers[0].config.batch_input_shape = [null, 0, 'a', 1]), j), /input shape .* is not a list of positive whole numbers/],
    ['a newer format', (j) => ((j.userDefinedMetadata.layerwise.formatVersion = 2), j),
      /^This model was saved by a newer version of Layerwise \(format 2\); update Layerwise to open it\.$/],
    ['damaged metadata', (j) => ((j.userDefinedMetadata.layerwise = 'x'), j), /Layerwise information in model.json is damaged/],
    ['an unsupported layer', (j) => (j.modelTopology.config.layers.splice(1, 0, { class_name: 'LayerNormalization', config: { name: 'layer_normalization_1' } }), j),
      /layer 2 'layer_normalization_1' is a LayerNormalization layer/],
    ['an unbuildable network', (j) => (j.modelTopology.config.layers.splice(1, 1), j), /cannot build\. Layer 2 \(dense_1\): Dense needs a flat vector/],
    ['no manifest', (j) => (delete j.weightsManifest, j), /no weightsManifest/],
    ['a missing weight', (j) => (j.weightsManifest[0].weights.pop(), j), /no weights for dense_1\/bias \(shape \[3\]\)/],
    ['an extra weight', (j) => (j.weightsManifest[0].weights.push({ name: 'extra/kernel', shape: [1], dtype: 'float32' }), j),
      /weights that no layer of the network has: extra\/kernel/, (d) => new Uint8Array(d.length + 4)],
    ['a duplicate weight', (j) => (j.weightsManifest[0].weights.push({ ...j.weightsManifest[0].weights[0] }), j), /lists the weight conv2d_1\/kernel twice/],
    ['a wrong shape', (j) => ((j.weightsManifest[0].weights[0].shape = [3, 3, 1, 3]), j), /conv2d_1\/kernel has shape \[3, 3, 1, 3\] in model.json, but conv2d_1\/kernel needs \[3, 3, 1, 2\]/],
    ['int32 weights', (j) => ((j.weightsManifest[0].weights[1].dtype = 'int32'), j), /stored as "int32"; Layerwise reads float32 weights only/],
    ['quantized weights', (j) => ((j.weightsManifest[0].weights[1].quantization = { dtype: 'uint8' }), j), /is quantized/],
    ['truncated weights', (j) => j, /^weights\.bin is truncated: expected 476 bytes, found 100\.$/, (d) => d.subarray(0, 100)],
  ];
  it.each(corruptions)('refuses %s with a plain ModelFileError, in both languages', (what, mutate, message, data) => {
    const { json, data: bytes } = saved();
    const e = errorOf(() => fromLayersModel(mutate(json), data ? data(bytes) : bytes)) as ModelFileError;
    expect(e.message).toMatch(message);
    expectWorded(e.detail, what);
    expect(e.message).toBe(formatMessage(e.detail!));
  });

  it('names the Keras layer it cannot read, in French for a French UI', () => {
    const { json, data } = saved();
    (json.modelTopology.config.layers[0] as { config: Record<string, unknown> }).config.dilation_rate = [2, 2];
    const e = errorOf(() => fromLayersModel(json, data)) as ModelFileError;
    expectWorded(e.detail, 'dilation');
    expect(formatSentence(e.detail!, 'fr')).toBe('La couche 1 « conv2d_1 » utilise dilation_rate [2,2] ; Layerwise ne prend en charge que les convolutions non dilatées (1).');
  });

  it('reports the weight size in bytes, and NaN/Infinity by weight name', () => {
    const { json, data } = saved(PRESETS.mlp);
    expect(errorOf(() => fromLayersModel(json, data.subarray(0, 1024))).message).toBe('weights.bin is truncated: expected 407,080 bytes, found 1,024.');
    expect(errorOf(() => fromLayersModel(json, new Uint8Array(407_084), { fileName: 'w.bin' })).message).toMatch(/^w\.bin is longer than model\.json says/);
    const bad = data.slice();
    const view = new DataView(bad.buffer);
    view.setFloat32(784 * 128 * 4 + 8, NaN, true);
    expect(errorOf(() => fromLayersModel(json, bad)).message).toBe('weights.bin contains NaN values in dense_1/bias.');
    view.setFloat32(784 * 128 * 4 + 8, 1, true);
    view.setFloat32(407_076, -Infinity, true);
    expect(errorOf(() => fromLayersModel(json, bad)).message).toBe('weights.bin contains Infinity values in dense_2/bias.');
  });

  it('refuses a hostile manifest of 200,000 weights quickly', () => {
    const { json, data } = saved();
    const many = Array.from({ length: 200_000 }, (_, i) => ({ name: `p${i}/dense_1/kernel`, shape: [1], dtype: 'float32' as const }));
    json.weightsManifest[0]!.weights = json.weightsManifest[0]!.weights.concat(many);
    const start = performance.now();
    expect(errorOf(() => fromLayersModel(json, data)).message).toMatch(/^model\.json lists weights that no layer of the network has: p0\/dense_1\/kernel, .* and 199,995 more\.$/);
    expect(performance.now() - start).toBeLessThan(5000); // quadratic matching would take minutes
  });

  it('fuzz: any mutation of model.json or the weights loads or throws ModelFileError, nothing else', () => {
    const base = saved();
    const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
      v !== null && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, c]) => paths(c, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
    const all = paths(base.json).filter((p) => p.length > 0);
    const mutation = fc.record({ path: fc.constantFrom(...all), op: fc.constantFrom('set', 'delete'), value: fc.jsonValue({ maxDepth: 3 }) });
    const weights = fc.oneof(
      fc.constant(base.data),
      fc.uint8Array({ minLength: base.data.length, maxLength: base.data.length }),
      fc.uint8Array({ maxLength: 400 }),
    );
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), weights, (mutations, data) => {
      const json = structuredClone(base.json) as unknown as Json;
      for (const { path, op, value } of mutations) {
        let parent: any = json;
        for (const k of path.slice(0, -1)) parent = parent?.[k];
        if (parent === null || typeof parent !== 'object') continue;
        const last = path[path.length - 1]!;
        if (op === 'delete') delete parent[last];
        else parent[last] = value;
      }
      try {
        fromLayersModel(json, data);
      } catch (e) {
        if (!(e instanceof ModelFileError)) throw e;
      }
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.anything(), (json) => {
      try {
        fromLayersModel(json, new Uint8Array(0));
      } catch (e) {
        if (!(e instanceof ModelFileError)) throw e;
      }
    }), { numRuns: 300 });
  });
});
