/** The plane frame encoding and its decoder (electron/ipc/planeCodec.ts) against the engine's own grids. */
import { describe, expect, it } from 'vitest';
import { decodePlaneGrid, decodeUnitLayer } from '../ipc/planeCodec';
import { Rng, Network, planeOutputs, planeUnitMaps, type NetworkSpec } from '../../engine';
import { planeFrame } from './planeFrames';

const bounds = { x1: [-2, 1], x2: [-1, 2] } as const;
const net = (last: string, units: number, hidden = 4): Network => Network.fromSpec({
  input_shape: [2],
  layers: [{ type: 'Dense', units: hidden, activation: 'relu' }, { type: 'Dense', units, activation: last }],
} as NetworkSpec, new Rng(5), { numClasses: null, kernels: 'js' });

describe('plane frames', () => {
  it('send one sigmoid output as bytes of P(class 1)', () => {
    const n = net('sigmoid', 1);
    const frame = planeFrame(n, bounds, 20, 10);
    const grid = decodePlaneGrid(frame.grid);
    expect(grid.kind).toBe('binary');
    const direct = planeOutputs(n, bounds, 20);
    expect(grid.values).toHaveLength(400);
    for (let i = 0; i < 400; i++) expect(Math.abs(grid.values[i]! - direct[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('send any other output as exact floats with their range', () => {
    const n = net('linear', 1);
    const grid = decodePlaneGrid(planeFrame(n, bounds, 16, 8).grid);
    expect(grid.kind).toBe('regression');
    if (grid.kind !== 'regression') return;
    expect(Array.from(grid.values)).toEqual(Array.from(planeOutputs(n, bounds, 16)));
    expect(grid.range.min).toBe(Math.min(...grid.values));
    expect(grid.range.max).toBe(Math.max(...grid.values));
  });

  it("send small hidden layers' unit maps within their range, and leave out layers over 8 units", () => {
    const n = net('softmax', 3);
    const frame = planeFrame(n, bounds, 16, 12);
    expect(frame.units).toHaveLength(1);
    const u = frame.units[0]!;
    expect(u).toMatchObject({ layerIndex: 0, activation: 'relu', units: 4, resolution: 12 });
    const decoded = decodeUnitLayer(u), direct = planeUnitMaps(n, bounds, 12)[0]!.maps;
    const step = (u.range.max - u.range.min) / 255;
    for (let k = 0; k < 4; k++) {
      for (let i = 0; i < 144; i++) expect(Math.abs(decoded[k * 144 + i]! - direct[k]![i]!)).toBeLessThanOrEqual(step / 2 + 1e-6);
    }
    expect(frame.weights.map((w) => [w.inputs, w.units])).toEqual([[2, 4], [4, 3]]);
    const wide = planeFrame(net('softmax', 3, 9), bounds, 16, 8);
    expect(wide.units).toEqual([]);
    expect(wide.weights.map((w) => [w.inputs, w.units])).toEqual([[9, 3]]);
  });
});
