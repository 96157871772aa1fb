import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from './network';
import { dataBounds, planeOutputs, planePoints, planeUnitMaps } from './planeGrid';

const bounds = { x1: [-1, 1], x2: [-2, 2] } as const;

function net(): Network {
  const spec = {
    input_shape: [1, 1, 2] as [number, number, number],
    layers: [{ type: 'Flatten' as const }, { type: 'Dense' as const, units: 3, activation: 'tanh' as const }, { type: 'Dense' as const, units: 2, activation: 'softmax' as const }],
  };
  return Network.fromSpec(spec, new Rng(1), { kernels: 'js', numClasses: 2 });
}

describe('plane grid', () => {
  it('lays cell centres out as an image: top row is the largest x₂', () => {
    const p = planePoints(bounds, 2);
    expect(Array.from(p)).toEqual([-0.5, 1, 0.5, 1, -0.5, -1, 0.5, -1]);
  });

  it('gives the network\'s own outputs at each cell', () => {
    const network = net();
    const res = 5;
    const grid = planeOutputs(network, bounds, res);
    const pts = planePoints(bounds, res);
    for (const cell of [0, 7, 24]) {
      const y = network.forward(pts.slice(cell * 2, cell * 2 + 2), 1, { training: false });
      expect(grid[cell * 2]).toBeCloseTo(y[0]!, 6);
      expect(grid[cell * 2 + 1]).toBeCloseTo(y[1]!, 6);
      expect(grid[cell * 2]! + grid[cell * 2 + 1]!).toBeCloseTo(1, 5);
    }
  });

  it('maps each unit of a small hidden layer', () => {
    const network = net();
    const maps = planeUnitMaps(network, bounds, 4);
    expect(maps.map((m) => [m.layerIndex, m.units, m.maps.length, m.maps[0]!.length])).toEqual([[1, 3, 3, 16]]);
    const pts = planePoints(bounds, 4);
    const h = network.forwardLayers(pts.slice(10, 12), 1)[1]!;
    expect(maps[0]!.maps[2]![5]).toBeCloseTo(h[2]!, 6);
  });

  it('frames a dataset in a square with a margin, training and test points alike', () => {
    const train = { count: 2, inputs: Float32Array.of(0, 0, 2, 1) };
    const test = { count: 1, inputs: Float32Array.of(1, -1) };
    const b = dataBounds([train, test], 0.1);
    // x₁ spans 0..2, x₂ −1..1: a side of 2, widened by 10 % each side.
    expect(b.x1[0]).toBeCloseTo(-0.2, 6);
    expect(b.x1[1]).toBeCloseTo(2.2, 6);
    expect(b.x2[0]).toBeCloseTo(-1.2, 6);
    expect(b.x2[1]).toBeCloseTo(1.2, 6);
    const one = dataBounds([{ count: 1, inputs: Float32Array.of(3, 3) }], 0);
    expect(one.x1[1] - one.x1[0]).toBeGreaterThan(0);
    expect(dataBounds([])).toEqual({ x1: [-1, 1], x2: [-1, 1] });
  });
});
