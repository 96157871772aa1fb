/**
 * Reshape and BatchNormalization as layers of a network: what the analysis says about
 * them, how they build, that a network with batch normalization trains and learns, and
 * that its moving statistics are state no optimizer touches.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { formatMessage } from '../messages';
import { createOptimizer } from '../optimizers';
import type { Layer } from '../layers/layer';
import { BACKENDS } from '../testing/backends';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { barsDataset } from '../testing/syntheticData';
import { estimateTrainingMemory } from '../train/memoryEstimate';
import { train } from '../train/trainer';
import { analyzeNetwork } from './analyze';
import { Network } from './network';
import { layerKind } from './registry';
import type { LayerSpec, NetworkSpec } from './spec';

const net = (input: number[], ...layers: object[]): NetworkSpec => ({ input_shape: input, layers: layers as LayerSpec[] });

/**
 * Bars (8×8 images, 3 classes) through a small CNN with batch normalization on the maps and
 * on the vector. Momentum 0.9: with Keras's 0.99 the moving statistics still weigh their
 * starting 0 and 1 by 0.99^48 ≈ 0.6 after this test's 48 steps, and inference (which uses
 * them) is near chance although training learned (measured: 36 % test accuracy).
 */
const BN_CNN = net([8, 8, 1],
  { type: 'Conv2D', filters: 6, kernel_size: 3 },
  { type: 'BatchNormalization', momentum: 0.9 },
  { type: 'ReLU' },
  { type: 'Flatten' },
  { type: 'Dense', units: 16 },
  { type: 'BatchNormalization', momentum: 0.9 },
  { type: 'ReLU' },
  { type: 'Dense', units: 3, activation: 'softmax' },
);

describe('Reshape in the analysis', () => {
  it('reshapes a vector into an image and back, with no parameters', () => {
    const a = analyzeNetwork(net([784], { type: 'Reshape', target_shape: [28, 28, 1] }, { type: 'Conv2D', filters: 2, kernel_size: 3 },
      { type: 'Reshape', target_shape: [26 * 26 * 2] }, { type: 'Dense', units: 10 }), { numClasses: 10 });
    expect(a.issues).toEqual([]);
    expect(a.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['reshape_1', [28, 28, 1], 0], ['conv2d_1', [26, 26, 2], 20], ['reshape_2', [1352], 0], ['dense_1', [10], 13_530],
    ]);
  });

  it('says which sizes do not match when the target does not hold the input', () => {
    const a = analyzeNetwork(net([784], { type: 'Reshape', target_shape: [28, 27, 1] }), { numClasses: null });
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ layerIndex: 0, layerName: 'reshape_1' });
    expect(a.issues[0]!.message).toBe('its target shape 28×27×1 holds 756 values, but its 784 input holds 784. Choose a shape whose sizes multiply to 784.');
    expect(formatMessage(a.issues[0]!.detail!, 'fr')).toMatch(/^sa forme cible 28×27×1 contient 756 valeurs, mais son entrée 784 en contient 784\./);
  });

  it.each([[[]], [[0, 784]], [[2.5]], [[1, 1, 1, 784]], ['28x28'], [undefined]])('refuses target_shape %j', (target) => {
    const a = analyzeNetwork(net([784], { type: 'Reshape', target_shape: target }), { numClasses: null });
    expect(a.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^target_shape must be a list of 1 to 3 whole numbers/)]);
  });
});

describe('BatchNormalization in the analysis', () => {
  it('counts 4 weights per feature as Keras does, 2 of them trainable', () => {
    const a = analyzeNetwork(BN_CNN, { numClasses: 3 });
    expect(a.issues).toEqual([]);
    const bn = a.layers.filter((l) => l.type === 'BatchNormalization');
    expect(bn.map((l) => [l.name, l.outputShape, l.params, l.trainableParams])).toEqual([
      ['batch_normalization_1', [6, 6, 6], 24, 12], ['batch_normalization_2', [16], 64, 32],
    ]);
    const dense = 6 * 6 * 6 * 16 + 16 + 16 * 3 + 3, conv = 9 * 6 + 6;
    expect(a.totalParams).toBe(conv + dense + 24 + 64);
    expect(a.trainableParams).toBe(conv + dense + 12 + 32);
  });

  it.each([
    [{ momentum: 1 }, /^momentum must be a number between 0 and 1, both excluded \(got 1\)/],
    [{ momentum: 0 }, /momentum must be/],
    [{ epsilon: 0 }, /^epsilon must be a number greater than 0 \(got 0\)/],
    [{ epsilon: '1e-3' }, /epsilon must be/],
    [{ axis: 1 }, /^BatchNormalization has no setting "axis"\. It takes: momentum, epsilon\./],
  ])('refuses %j', (settings, message) => {
    const a = analyzeNetwork(net([4], { type: 'BatchNormalization', ...settings }), { numClasses: null });
    expect(a.issues.map((i) => i.message)).toEqual([expect.stringMatching(message)]);
  });

  it('builds its weights in the order the registry lists them (gamma, beta, moving_mean, moving_variance)', () => {
    const network = Network.fromSpec(BN_CNN, new Rng(1), { numClasses: 3 });
    network.layers.forEach((layer, i) => {
      const listed = layerKind(layer.spec.type).weights(layer.spec, layer.inputShape);
      const built = [...layer.params.map((p) => ({ name: p.name, shape: p.shape, trainable: true })), ...layer.state.map((s) => ({ name: s.name, shape: s.shape, trainable: false }))];
      expect(built, `layer ${i}`).toEqual(listed.map((w) => ({ ...w, shape: [...w.shape] })));
    });
    expect(network.paramCount).toBe(analyzeNetwork(BN_CNN, { numClasses: 3 }).totalParams);
  });
});

/** A whole network seen as one layer, so the gradient check covers the chain. */
function asLayer(network: Network): Layer {
  network.ops[0]!.needsInputGrad = true;
  return {
    type: 'Network', inputShape: network.inputShape, outputShape: network.outputShape, params: network.params, needsInputGrad: true,
    forward: (x, batch, opts) => network.forward(x, batch, opts),
    backward: (d) => network.backward(d),
  };
}

describe('a network with BatchNormalization', () => {
  for (const backend of BACKENDS) {
    it(`passes the gradient check end to end through reshapes and batch normalization (${backend.name})`, () => {
      const rng = new Rng(8);
      const spec = net([12],
        { type: 'Reshape', target_shape: [3, 2, 2] }, { type: 'Conv2D', filters: 3, kernel_size: 2, padding: 'same' },
        { type: 'BatchNormalization' }, { type: 'Activation', activation: 'tanh' }, { type: 'Reshape', target_shape: [18] },
        { type: 'Dense', units: 4 }, { type: 'BatchNormalization', epsilon: 0.01 }, { type: 'Dense', units: 3, activation: 'softmax' });
      const network = Network.fromSpec(spec, rng, { numClasses: 3, kernels: backend.make() });
      for (const p of network.params) if (p.name === 'gamma' || p.name === 'beta') p.value.set(randomArray(p.value.length, rng));
      const r = checkLayerGradients(asLayer(network), randomArray(4 * 12, rng), 4, rng, { eps: 1e-2, tolerance: 3e-2, samples: 40 });
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });
  }

  it('learns the bars, updating the moving statistics that inference then uses', async () => {
    const data = barsDataset(600, 200, 100, 200);
    const rng = new Rng(4);
    const network = Network.fromSpec(BN_CNN, rng, { numClasses: 3 });
    const bn = network.layers[1]!.ops[0] as unknown as { movingMean: Float32Array; movingVariance: Float32Array };
    const result = await train(network, data, { epochs: 3, batchSize: 32, learningRate: 0.01, optimizer: { type: 'adam' }, validationSize: 100 }, rng);
    expect(result.status).toBe('completed');
    expect(result.test!.measures.accuracy).toBeGreaterThan(0.9);
    // The statistics moved away from their starting 0 and 1 towards the convolution's outputs.
    expect(bn.movingMean.some((m) => Math.abs(m) > 1e-3)).toBe(true);
    expect(bn.movingVariance.some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
    // Inference reads them: changing them changes the predictions.
    const x = new Float32Array(2 * 64).fill(0.5);
    const before = network.forward(x, 2, { training: false }).slice();
    bn.movingMean.fill(10);
    expect(network.forward(x, 2, { training: false })).not.toEqual(before);
  });

  it('keeps the moving statistics out of every optimizer', () => {
    for (const optimizer of [{ type: 'adam' as const }, { type: 'sgd' as const, momentum: 0.9 }]) {
      const network = Network.fromSpec(net([3], { type: 'BatchNormalization' }, { type: 'Dense', units: 2 }), new Rng(2), { numClasses: null });
      const layer = network.layers[0]!;
      expect(layer.params.map((p) => p.name)).toEqual(['gamma', 'beta']);
      expect(network.params.every((p) => p.name !== ('moving_mean' as string))).toBe(true);
      const x = new Float32Array([1, 2, 3, 4, 0, -1]);
      network.zeroGrads();
      network.forward(x, 2, { training: true });
      const stats = layer.state.map((s) => s.value.slice());
      network.backward(new Float32Array([1, -1, 0.5, 2]));
      createOptimizer(optimizer, network.kernels).step(network.params, 0.5);
      expect(layer.state.map((s) => s.value.slice())).toEqual(stats);
      expect(Array.from(layer.params[1]!.value).some((b) => b !== 0)).toBe(true); // beta did move
    }
  });

  it('plans training memory for the whole batch, never chunks', () => {
    const analysis = analyzeNetwork(BN_CNN, { numClasses: 3 });
    const config = { batchSize: 1000, chunkSize: 100, optimizer: { type: 'adam' as const } };
    expect(estimateTrainingMemory(BN_CNN, analysis, config).chunk).toBe(1000);
    const plain = net([8, 8, 1], { type: 'Flatten' }, { type: 'Dense', units: 3 });
    expect(estimateTrainingMemory(plain, analyzeNetwork(plain, { numClasses: 3 }), config).chunk).toBe(100);
  });
});
