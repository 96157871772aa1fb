import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '$engine';
import { applyToSpec, layersFor, namedSweep, parseNumberList } from './sweeps';

const spec = {
  input_shape: [2],
  layers: [
    { type: 'Dense', units: 8, activation: 'relu' },
    { type: 'Dropout', rate: 0.2 },
    { type: 'Dense', units: 8, activation: 'relu' },
    { type: 'Dense', units: 2, activation: 'softmax' },
  ],
} as unknown as NetworkSpec;
const field = (s: NetworkSpec, i: number, f: string) => (s.layers[i] as unknown as Record<string, unknown>)[f];

describe('sweeps', () => {
  it('tanh vs ReLU changes every hidden layer\'s activation, never the output\'s', () => {
    const plan = namedSweep('activation', spec, 0.01);
    const tanh = applyToSpec(spec, plan, 'tanh');
    expect([0, 2, 3].map((i) => field(tanh, i, 'activation'))).toEqual(['tanh', 'tanh', 'softmax']);
    expect(field(spec, 0, 'activation')).toBe('relu');
  });

  it('a layer\'s setting goes on that layer only; dropout on the dropout layers, initializers on the weighted ones', () => {
    expect(layersFor('dropout', spec)).toEqual([1]);
    expect(layersFor('initializer', spec)).toEqual([0, 2, 3]);
    const one = applyToSpec(spec, { setting: 'activation', layer: 2 }, 'sigmoid');
    expect([0, 2].map((i) => field(one, i, 'activation'))).toEqual(['relu', 'sigmoid']);
    expect(field(applyToSpec(spec, { setting: 'dropout', layer: null }, 0.5), 1, 'rate')).toBe(0.5);
    const he = applyToSpec(spec, { setting: 'initializer', layer: null }, 'he_normal');
    expect([0, 2, 3].map((i) => field(he, i, 'kernel_initializer'))).toEqual(['he_normal', 'he_normal', 'he_normal']);
    expect(applyToSpec(spec, { setting: 'batchSize', layer: null }, 32)).toBe(spec);
  });

  it('the course\'s comparisons: batch 1, a mini-batch and the whole set; a rate bracketed by a hundred each way (at most the limit)', () => {
    expect(namedSweep('descent', spec, 0.01).values).toEqual([1, 32, 0]);
    expect(namedSweep('learningRate', spec, 0.01).values).toEqual([0.0001, 0.01, 1]);
    expect(namedSweep('learningRate', spec, 0.5).values).toEqual([0.005, 0.5, 10]);
    expect(namedSweep('loss', spec, 0.01).values).toEqual(['mean_squared_error', 'binary_crossentropy']);
  });

  it('reads typed values, French decimal commas included', () => {
    expect(parseNumberList('1 32, 256')).toEqual([1, 32, 256]);
    expect(parseNumberList('0,001; 0,01; 0,1')).toEqual([0.001, 0.01, 0.1]);
    expect(parseNumberList('1 deux')).toBeNull();
    expect(parseNumberList('  ')).toBeNull();
  });
});
