import { describe, expect, it } from 'vitest';
import { layerSizes, layoutNetwork, subscript, type DenseWeights } from './networkGraph';

// The course's XOR network: 2 inputs → 2 hidden units → 1 output.
const hidden: DenseWeights = { name: 'dense', units: 2, kernel: new Float32Array([2, -1, 0.5, 4]), bias: new Float32Array([0.1, -0.2]) };
const output: DenseWeights = { name: 'dense_1', units: 1, kernel: new Float32Array([-3, 1.5]), bias: new Float32Array([0.7]) };

describe('layoutNetwork', () => {
  it('places one column per layer with the course labels', () => {
    const g = layoutNetwork(2, [hidden, output], { width: 300 })!;
    expect(g.nodes.map((n) => n.label)).toEqual(['x₁', 'x₂', 'h₁', 'h₂', 'ŷ']);
    expect(g.nodes.map((n) => n.x)).toEqual([26, 26, 150, 150, 274]);
    // Columns are centred vertically: the single output sits between the two hidden units.
    const [, , h1, h2, y] = g.nodes;
    expect(y!.y).toBe((h1!.y + h2!.y) / 2);
    expect(g.nodes.map((n) => n.bias)).toEqual([null, null, expect.closeTo(0.1, 6), expect.closeTo(-0.2, 6), expect.closeTo(0.7, 6)]);
  });

  it('reads kernel[i, j] row-major as the weight from input i to unit j', () => {
    const g = layoutNetwork(2, [hidden, output])!;
    const w = (from: string, to: string) => g.edges.find((e) => e.from.label === from && e.to.label === to)!.weight;
    expect(w('x₁', 'h₁')).toBe(2);
    expect(w('x₁', 'h₂')).toBe(-1);
    expect(w('x₂', 'h₁')).toBe(0.5);
    expect(w('x₂', 'h₂')).toBe(4);
    expect(w('h₁', 'ŷ')).toBe(-3);
    expect(g.edges).toHaveLength(6);
  });

  it('scales widths by |w| against the largest |w| of the same layer', () => {
    const g = layoutNetwork(2, [hidden, output], { minStroke: 1, maxStroke: 5 })!;
    const widths = g.edges.map((e) => e.width);
    // layer 1: |w| / 4 → 1 + 4·share; layer 2: |w| / 3
    expect(widths).toEqual([3, 2, 1.5, 5, 5, 3]);
  });

  it('labels several outputs ŷ₁… and gives the minimum width to an all-zero layer', () => {
    const g = layoutNetwork(2, [{ name: 'out', units: 3, kernel: new Float32Array(6) }], { minStroke: 0.5 })!;
    expect(g.nodes.slice(2).map((n) => n.label)).toEqual(['ŷ₁', 'ŷ₂', 'ŷ₃']);
    expect(g.edges.every((e) => e.width === 0.5)).toBe(true);
    expect(g.nodes[2]!.bias).toBeNull();
  });

  it('gives up on layers wider than 8 units', () => {
    const wide: DenseWeights = { name: 'dense', units: 9, kernel: new Float32Array(18) };
    expect(layoutNetwork(2, [wide, output])).toBeNull();
    expect(layerSizes(2, [wide, output])).toBe('2 → 9 → 1');
  });

  it('writes subscripts of several digits', () => {
    expect(subscript(12)).toBe('₁₂');
  });
});
