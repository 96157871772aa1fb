import { describe, expect, it } from 'vitest';
import { analyzeNetwork, assertValidNetwork } from './analyze';
import { PRESETS, WORKLOADS } from './presets';
import type { LayerSpec, NetworkSpec } from './spec';
import { SpecError } from './specError';
import { analyzeOptionsFor } from '../train/taskHead';

const net = (...layers: object[]): NetworkSpec => ({ input_shape: [28, 28, 1], layers: layers as LayerSpec[] });

describe('analyzeNetwork', () => {
  it('infers shapes and parameter counts of the presets (as Keras model.summary)', () => {
    const mlp = analyzeNetwork(PRESETS.mlp);
    expect(mlp.issues).toEqual([]);
    expect(mlp.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['flatten_1', [784], 0], ['dense_1', [128], 100_480], ['dense_2', [10], 1290],
    ]);
    expect(mlp.totalParams).toBe(101_770);
    const cnn = analyzeNetwork(PRESETS.cnn);
    expect(cnn.layers.map((l) => l.outputShape)).toEqual([[24, 24, 8], [12, 12, 8], [8, 8, 16], [4, 4, 16], [256], [10]]);
    expect(cnn.totalParams).toBe(208 + 3216 + 2570);
    expect(analyzeNetwork(WORKLOADS['mlp-wide'].spec).totalParams).toBe(784 * 512 + 512 + 512 * 256 + 256 + 2570);
  });

  it("handles 'same' padding, strides and pooling strides", () => {
    const a = analyzeNetwork(net(
      { type: 'Conv2D', filters: 4, kernel_size: 3, strides: 2, padding: 'same' },
      { type: 'AveragePooling2D', pool_size: 3, strides: 1, padding: 'same' },
      { type: 'MaxPooling2D', pool_size: [2, 3] },
      { type: 'Flatten' }, { type: 'Dropout', rate: 0.5 }, { type: 'Dense', units: 10 },
    ));
    expect(a.issues).toEqual([]);
    expect(a.layers.map((l) => l.outputShape)).toEqual([[14, 14, 4], [14, 14, 4], [7, 4, 4], [112], [112], [10]]);
  });

  it('names Dense right after a convolution and offers to insert Flatten', () => {
    const a = analyzeNetwork(net({ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10 }));
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ layerIndex: 1, layerName: 'dense_1', fix: { kind: 'insertFlatten', index: 1 } });
    expect(a.issues[0]!.message).toMatch(/Insert a Flatten layer/);
    expect(a.layers[0]!.outputShape).toEqual([26, 26, 4]);
    expect(a.layers[1]!.outputShape).toBeNull();
  });

  it('refuses a pool larger than its input and a kernel that does not fit', () => {
    const pool = analyzeNetwork(net({ type: 'MaxPooling2D', pool_size: 16 }, { type: 'MaxPooling2D', pool_size: 2 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }));
    expect(pool.issues[0]).toMatchObject({ layerIndex: 1 });
    expect(pool.issues[0]!.message).toMatch(/2×2 pool is larger than its 1×1 input/);
    const kernel = analyzeNetwork(net({ type: 'MaxPooling2D', pool_size: 7 }, { type: 'Conv2D', filters: 2, kernel_size: 5 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }));
    expect(kernel.issues[0]!.message).toMatch(/5×5 kernel does not fit its 4×4 input/);
    expect(kernel.issues[0]!.fix).toEqual({ kind: 'setPadding', index: 1, padding: 'same' });
  });

  it('requires an output of 10 units, and says so for an image-shaped end', () => {
    const wrong = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 12 }));
    expect(wrong.issues[0]!.message).toMatch(/outputs 12 values but there are 10 classes/);
    expect(wrong.issues[0]!.fix).toEqual({ kind: 'appendOutput', units: 10 });
    const image = analyzeNetwork(net({ type: 'Conv2D', filters: 2, kernel_size: 3 }));
    expect(image.issues[0]!.message).toMatch(/image-shaped output \[26, 26, 2\]/);
    expect(analyzeNetwork(net()).issues[0]!.message).toMatch(/no layers/);
    expect(analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 3 }), { numClasses: null }).issues).toEqual([]);
  });

  it('refuses conv and pooling after Flatten', () => {
    const a = analyzeNetwork(net({ type: 'Flatten' }, { type: 'MaxPooling2D' }, { type: 'Dense', units: 10 }));
    expect(a.issues[0]!.message).toMatch(/MaxPooling2D works on images/);
  });

  it('reports unknown types, unknown and invalid settings, duplicate names', () => {
    const a = analyzeNetwork(net(
      { type: 'Flatten' },
      { type: 'Dense2', units: 5 },
      { type: 'Dense', unit: 5 },
      { type: 'Dense', units: 0, activation: 'swish' },
      { type: 'Dropout', rate: 1.5 },
      { type: 'Dense', units: 10, name: 'out' },
      { type: 'Dense', units: 10, name: 'out' },
    ));
    const messages = a.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/unknown layer type "Dense2"/);
    expect(messages).toMatch(/Dense has no setting "unit". It takes: units/);
    expect(messages).toMatch(/units must be a whole number/);
    expect(messages).toMatch(/activation must be one of/);
    expect(messages).toMatch(/rate must be a number from 0/);
    expect(messages).toMatch(/"out" is used twice/);
  });

  it('refuses networks too large to train, and any non-spec JSON without throwing', () => {
    const big = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 30_000 }, { type: 'Dense', units: 10 }));
    expect(big.issues.at(-1)!.message).toMatch(/parameters; Layerwise trains at most/);
    for (const junk of [null, 3, 'x', {}, { input_shape: [28, 28], layers: 'no' }, { input_shape: [28, 28, 1], layers: [null, 7] }]) {
      expect(analyzeNetwork(junk as unknown as NetworkSpec).issues.length).toBeGreaterThan(0);
    }
  });

  it('warns, without an error, when the output goes through relu, leaky relu, sigmoid or tanh', () => {
    const reluEnd = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'relu' }));
    expect(reluEnd.issues).toEqual([]);
    expect(reluEnd.warnings).toEqual([{
      severity: 'warning', layerIndex: 2, layerName: 'dense_2',
      fix: { kind: 'setActivation', index: 2, activation: 'softmax' },
      message: expect.stringMatching(/ends with relu, which sets every negative score to 0.*Set its activation to softmax\.$/),
      detail: expect.objectContaining({ key: 'spec.outputActivation' }),
    }]);
    for (const activation of ['sigmoid', 'tanh']) {
      const w = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation })).warnings;
      expect(w).toHaveLength(1);
      expect(w[0]!.message).toMatch(new RegExp(`ends with ${activation}, which keeps every score between`));
    }
    // An activation layer at the end: Activation takes the setting, ReLU and LeakyReLU are replaced.
    const tanhLayer = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'Activation', activation: 'tanh' }, { type: 'Dropout', rate: 0.2 }));
    expect(tanhLayer.warnings.map((i) => [i.layerName, i.fix])).toEqual([['activation_1', { kind: 'setActivation', index: 2, activation: 'softmax' }]]);
    const leaky = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }, { type: 'LeakyReLU' }));
    expect(leaky.warnings[0]).toMatchObject({ layerIndex: 2, layerName: 'leaky_re_lu_1', fix: { kind: 'setActivation', index: 2 } });
    expect(leaky.warnings[0]!.message).toMatch(/ends with leaky relu.*Replace it by a Softmax layer\.$/);
    // A linear Activation changes nothing, so the Dense before it is the one named.
    const throughLinear = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'sigmoid' }, { type: 'Activation', activation: 'linear' }));
    expect(throughLinear.warnings[0]).toMatchObject({ layerIndex: 1, layerName: 'dense_1' });
    const conv = analyzeNetwork(net({ type: 'Conv2D', filters: 10, kernel_size: 28, activation: 'relu' }, { type: 'Flatten' }));
    expect(conv.warnings[0]).toMatchObject({ layerIndex: 0, fix: { kind: 'setActivation', index: 0 } });
  });

  it('does not warn about softmax or linear scores, nor before the output is right', () => {
    const fine = [
      ...Object.values(PRESETS), ...Object.values(WORKLOADS).map((w) => w.spec),
      net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'relu' }, { type: 'Softmax' }),
      net({ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'Activation', activation: 'softmax' }, { type: 'Dropout', rate: 0.5 }),
      // Not an output yet: the missing Dense 10 is the error to fix first.
      net({ type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'relu' }),
      net({ type: 'Conv2D', filters: 4, kernel_size: 3, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'relu' }),
    ];
    for (const spec of fine) expect(analyzeNetwork(spec).warnings, JSON.stringify(spec.layers)).toEqual([]);
    // With no class count the output is not known to be a classifier's.
    expect(analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'relu' }), { numClasses: null }).warnings).toEqual([]);
  });

  it('marks every error as such, and keeps errors and warnings apart', () => {
    const a = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'relu', name: 'x' }, { type: 'Dropout', rate: 0.5, name: 'x' }));
    expect(a.issues.map((i) => [i.severity, i.layerIndex])).toEqual([['error', 2]]);
    expect(a.warnings.map((i) => [i.severity, i.layerIndex])).toEqual([['warning', 1]]);
    expect(analyzeNetwork(net()).issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('assertValidNetwork lets a network with only warnings through', () => {
    const a = assertValidNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'relu' }));
    expect(a.warnings).toHaveLength(1);
    expect(a.totalParams).toBe(7850);
  });

  it('assertValidNetwork throws a SpecError whose message names the layer', () => {
    const bad = net({ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10 });
    expect(() => assertValidNetwork(bad)).toThrow(SpecError);
    expect(() => assertValidNetwork(bad)).toThrow(/^Layer 2 \(dense_1\): Dense needs a flat vector/);
    expect(assertValidNetwork(PRESETS.mlp).totalParams).toBe(101_770);
  });
});

describe('analyzeNetwork for a dataset\'s task', () => {
  const plane = (...layers: LayerSpec[]): NetworkSpec => ({ input_shape: [2], layers });
  const dense = (units: number, activation?: 'tanh' | 'sigmoid' | 'softmax'): LayerSpec => ({ type: 'Dense', units, ...(activation ? { activation } : {}) });

  it('takes two classes as two softmax units or one sigmoid unit, and offers the preferred width as the fix', () => {
    const opts = analyzeOptionsFor({ kind: 'classification', classNames: ['a', 'b'] });
    expect(analyzeNetwork(plane(dense(2, 'tanh'), dense(1, 'sigmoid')), opts).issues).toEqual([]);
    expect(analyzeNetwork(plane(dense(2, 'tanh'), dense(1, 'sigmoid')), opts).warnings).toEqual([]);
    expect(analyzeNetwork(plane(dense(5, 'tanh'), dense(2, 'softmax')), opts).issues).toEqual([]);
    const three = analyzeNetwork(plane(dense(5, 'tanh'), dense(3, 'softmax')), opts);
    expect(three.issues[0]!.fix).toEqual({ kind: 'appendOutput', units: 2 });
  });

  it('asks a 3-class spiral for 3 outputs, and gives no softmax advice for values', () => {
    const spiral = analyzeNetwork(plane(dense(8, 'tanh'), dense(2, 'softmax')), analyzeOptionsFor({ kind: 'classification', classNames: ['0', '1', '2'] }));
    expect(spiral.issues[0]!.message).toMatch(/2 values but there are 3 classes/);
    const surface = analyzeNetwork(plane(dense(8, 'tanh'), dense(1, 'tanh')), analyzeOptionsFor({ kind: 'regression', targetNames: ['y'] }));
    expect([surface.issues, surface.warnings]).toEqual([[], []]);
  });
});
