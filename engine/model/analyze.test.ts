import { describe, expect, it } from 'vitest';
import { analyzeNetwork, assertValidNetwork } from './analyze';
import { PRESETS, WORKLOADS } from './presets';
import type { LayerSpec, NetworkSpec } from './spec';
import { SpecError } from './specError';

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

  it('assertValidNetwork throws a SpecError whose message names the layer', () => {
    const bad = net({ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10 });
    expect(() => assertValidNetwork(bad)).toThrow(SpecError);
    expect(() => assertValidNetwork(bad)).toThrow(/^Layer 2 \(dense_1\): Dense needs a flat vector/);
    expect(assertValidNetwork(PRESETS.mlp).totalParams).toBe(101_770);
  });
});
