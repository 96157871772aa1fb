import { describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import { describeNetwork, sameNetwork } from './modelNetwork';

describe('the model’s network', () => {
  it('is summed up layer by layer, with sizes', () => {
    expect(describeNetwork({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 128, activation: 'relu' }, { type: 'Dense', units: 10 }] }))
      .toBe('Flatten → Dense 128 → Dense 10');
  });

  it('is the same when only the key order differs, and not after an edit', () => {
    const a = PRESETS.mlp;
    const reordered = { layers: a.layers.map((l) => Object.fromEntries(Object.entries(l).reverse())), input_shape: a.input_shape } as typeof a;
    expect(sameNetwork(a, reordered)).toBe(true);
    expect(sameNetwork(a, { ...a, layers: a.layers.slice(1) })).toBe(false);
    expect(sameNetwork(a, PRESETS.cnn)).toBe(false);
  });
});
