import { describe, expect, it } from 'vitest';
import { unitMapImage, unitRange, unitScale, type UnitLayerMaps } from './unitMaps';

const layer = (activation: string, values: number[]): UnitLayerMaps => ({
  name: 'dense', activation, units: 2, resolution: 2, values: new Float32Array(values),
});
const colors = { background: [100, 100, 100] as const, low: [0, 0, 200] as const, high: [200, 0, 0] as const, strength: 1 };

describe('unitScale', () => {
  it('uses fixed ranges for bounded activations', () => {
    expect(unitScale(layer('tanh', [0, 0, 0, 0, 0, 0, 0, 0.1]))).toEqual({ kind: 'diverging', range: { min: -1, max: 1 } });
    expect(unitScale(layer('sigmoid', [0, 0, 0, 0, 0, 0, 0, 0.1]))).toEqual({ kind: 'sequential', range: { min: 0, max: 1 } });
  });

  it('shares the data range across the layer: from 0 for ReLU, symmetric about 0 for linear', () => {
    const values = [0, 1, 2, 3, -5, 0, 0, 4];
    expect(unitScale(layer('relu', values))).toEqual({ kind: 'sequential', range: { min: 0, max: 4 } });
    expect(unitScale(layer('linear', values))).toEqual({ kind: 'diverging', range: { min: -5, max: 5 } });
    expect(unitScale(layer('ReLU', [0, 0, 0, 0, 0, 0, 0, 0])).range).toEqual({ min: 0, max: 0 });
  });
});

describe('unitMapImage', () => {
  it('draws the chosen unit on the layer scale', () => {
    const l = layer('relu', [9, 9, 9, 9, 0, 1, 2, 4]);
    const rgba = unitMapImage(l, 1, { kind: 'sequential', range: { min: 0, max: 4 } }, colors);
    expect(rgba).toHaveLength(16);
    // 0 → background; 1 → 100 + 100/4 = 125, 100 − 25 = 75; 4 → the high colour
    expect(Array.from(rgba.subarray(0, 8))).toEqual([100, 100, 100, 255, 125, 75, 75, 255]);
    expect(Array.from(rgba.subarray(12, 16))).toEqual([200, 0, 0, 255]);
  });

  it('draws negative tanh values in the low colour', () => {
    const l = layer('tanh', [-1, 0, 0.5, 1, 0, 0, 0, 0]);
    const rgba = unitMapImage(l, 0, unitScale(l), colors);
    expect(Array.from(rgba.subarray(0, 4))).toEqual([0, 0, 200, 255]);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([100, 100, 100, 255]);
    expect(Array.from(rgba.subarray(8, 12))).toEqual([150, 50, 50, 255]);
  });

  it('gives each unit its own range for its description', () => {
    expect(unitRange(layer('relu', [1, 2, 3, 4, -1, 0, 7, 2]), 1)).toEqual({ min: -1, max: 7 });
  });
});
