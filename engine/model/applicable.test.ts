import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages';
import { analyzeNetwork } from './analyze';
import { unavailableReason } from './applicable';
import { presetFor, PRESETS } from './presets';
import type { LayerSpec, NetworkSpec } from './spec';

const conv: LayerSpec = { type: 'Conv2D', filters: 8, kernel_size: 3 };
const pool: LayerSpec = { type: 'MaxPooling2D', pool_size: 2 };
const dense: LayerSpec = { type: 'Dense', units: 4 };
const reason = (layer: LayerSpec, spec: NetworkSpec) => {
  const m = unavailableReason(layer, analyzeNetwork(spec, { numClasses: null }));
  return m && formatMessage(m);
};

describe('which layers can work in a network', () => {
  it('refuses convolution and pooling on points of the plane, with the kind’s own reason', () => {
    expect(reason(conv, PRESETS.plane)).toMatch(/^Conv2D works on images \[height, width, channels\] but receives a flat vector \[2\]/);
    expect(reason(pool, PRESETS.planeLinear)).toMatch(/^MaxPooling2D works on images/);
    expect(reason(pool, { input_shape: [5], layers: [] })).toMatch(/flat vector \[5\]/);
  });

  it('accepts every layer on images, and Dense on images (Flatten fixes it in place)', () => {
    for (const layer of [conv, pool, dense]) expect(reason(layer, PRESETS.mlp)).toBeNull();
    expect(reason(dense, PRESETS.empty)).toBeNull();
    expect(reason({ type: 'GaussianNoise', stddev: 0.1 }, PRESETS.plane)).toBeNull();
    // A Reshape whose target does not fit yet: its setting fixes that.
    expect(reason({ type: 'Reshape', target_shape: [28, 28, 1] }, PRESETS.plane)).toBeNull();
  });

  it('accepts Conv2D on vector data once a Reshape makes an image of it', () => {
    const spec: NetworkSpec = { input_shape: [784], layers: [{ type: 'Reshape', target_shape: [28, 28, 1] }] };
    expect(reason(conv, spec)).toBeNull();
    expect(reason(conv, { input_shape: [784], layers: [] })).not.toBeNull();
  });
});

describe('plane presets follow the number of classes', () => {
  it('ends in K softmax units, 2 by default: 2-5-3 has 33 parameters, 2-5-2 has 27', () => {
    const count = (spec: NetworkSpec) => analyzeNetwork(spec, { numClasses: null }).totalParams;
    expect(count(presetFor('plane5', 3))).toBe(33);
    expect(count(presetFor('plane5'))).toBe(27);
    expect(presetFor('plane5')).toBe(PRESETS.plane5);
    expect(presetFor('planeLinear', 4).layers).toEqual([{ type: 'Dense', units: 4, activation: 'softmax' }]);
    expect(presetFor('mlp', 3)).toBe(PRESETS.mlp);
    // Document 004's 2-2-1: 2·2 + 2 and 2·1 + 1.
    expect(count({ input_shape: [2], layers: [{ type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 1, activation: 'sigmoid' }] })).toBe(9);
  });
});
