import { describe, expect, it } from 'vitest';
import { applyFixToRows, type Row } from './fixes';

describe('applyFixToRows', () => {
  it('appends the layers an appendLayers fix carries (an autoencoder\'s end) and selects the last', () => {
    let n = 0;
    const rows: Row[] = [{ id: 'a', layer: { type: 'Flatten' } }, { id: 'b', layer: { type: 'Dense', units: 10, activation: 'tanh' } }];
    const r = applyFixToRows(rows, {
      kind: 'appendLayers', layers: [{ type: 'Dense', units: 784, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [28, 28, 1] }],
    }, [10], () => `new${++n}`);
    expect(rows.map((row) => row.layer.type)).toEqual(['Flatten', 'Dense', 'Dense', 'Reshape']);
    expect(rows.map((row) => row.id)).toEqual(['a', 'b', 'new1', 'new2']);
    expect(r).toEqual({ select: 'new2' });
    expect(applyFixToRows(rows, { kind: 'appendLayers', layers: [] }, [28, 28, 1], () => 'x')).toBeNull();
  });
});
