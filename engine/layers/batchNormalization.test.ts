import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { BACKENDS } from '../testing/backends';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { BatchNormalization } from './batchNormalization';
import { Reshape } from './reshape';

describe('BatchNormalization', () => {
  for (const backend of BACKENDS) {
    it(`passes the gradient check on vectors and on images (${backend.name})`, () => {
      const rng = new Rng(3);
      for (const shape of [[5], [3, 3, 2]] as const) {
        const layer = new BatchNormalization(shape, 0.99, 0.001, backend.make());
        layer.gamma.value.set(randomArray(layer.gamma.value.length, rng));
        layer.beta.value.set(randomArray(layer.beta.value.length, rng));
        const batch = 4;
        const x = randomArray(batch * shape.reduce((a, b) => a * b, 1), rng);
        const r = checkLayerGradients(layer, x, batch, rng, { eps: 1e-2, tolerance: 3e-2 });
        expect(r.ok, `${shape}: ${JSON.stringify(r.worst)}`).toBe(true);
      }
    });
  }

  it('normalizes each feature over the batch in training and uses the moving statistics at inference', () => {
    const layer = new BatchNormalization([2], 0.5, 0);
    const x = new Float32Array([1, 10, 3, 20, 5, 30]); // feature 0: 1,3,5; feature 1: 10,20,30
    const y = layer.forward(x, 3, { training: true });
    const s = Math.sqrt(8 / 3);
    expect(Array.from(y).map((v) => +v.toFixed(4))).toEqual([-2 / s, -1.2247, 0, 0, 2 / s, 1.2247].map((v) => +v.toFixed(4)));
    // m ← 0.5·m + 0.5·μ, the variance unbiased (N / (N − 1)).
    expect(Array.from(layer.movingMean)).toEqual([1.5, 10]);
    expect(layer.movingVariance[0]).toBeCloseTo(0.5 + 0.5 * 4, 5);
    expect(layer.movingVariance[1]).toBeCloseTo(0.5 + 0.5 * 100, 4);
    const z = layer.forward(new Float32Array([1.5, 10]), 1, { training: false });
    expect(z[0]).toBeCloseTo(0, 6);
    expect(z[1]).toBeCloseTo(0, 6);
  });

  it('backpropagates through the fixed affine map at inference', () => {
    const layer = new BatchNormalization([3]);
    const rng = new Rng(5);
    layer.movingMean.set([0.1, -0.2, 0.3]);
    layer.movingVariance.set([0.5, 2, 1.5]);
    layer.gamma.value.set([1.5, -0.5, 2]);
    const x = randomArray(6, rng);
    const y0 = layer.forward(x, 2, { training: false }).slice();
    const dx = layer.backward(new Float32Array(6).fill(1)).slice();
    for (let i = 0; i < 6; i++) {
      const x2 = x.slice();
      x2[i]! += 1e-2;
      const y1 = layer.forward(x2, 2, { training: false });
      expect((y1[i]! - y0[i]!) / 1e-2).toBeCloseTo(dx[i]!, 3);
    }
  });

  it('gives γ and β their gradients at inference too: dβ = Σ dy, dγ = Σ dy·(x − m)/√(v + ε)', () => {
    const layer = new BatchNormalization([2], 0.99, 0.001);
    layer.movingMean.set([0.5, -1]);
    layer.movingVariance.set([4, 0.25]);
    layer.gamma.value.set([2, -1]);
    const x = new Float32Array([1.5, 0, -0.5, -2]), dy = new Float32Array([1, 2, 3, -1]);
    layer.forward(x, 2, { training: false });
    layer.backward(dy);
    const inv = [1 / Math.sqrt(4.001), 1 / Math.sqrt(0.251)];
    expect(layer.beta.grad[0]).toBeCloseTo(1 + 3, 6);
    expect(layer.beta.grad[1]).toBeCloseTo(2 - 1, 6);
    expect(layer.gamma.grad[0]).toBeCloseTo((1 * (1.5 - 0.5) + 3 * (-0.5 - 0.5)) * inv[0]!, 6);
    expect(layer.gamma.grad[1]).toBeCloseTo((2 * (0 + 1) - 1 * (-2 + 1)) * inv[1]!, 6);
  });
});

describe('Reshape', () => {
  it('keeps the values in order and passes the gradient through', () => {
    const rng = new Rng(1);
    const layer = new Reshape([12], [2, 3, 2]);
    const x = randomArray(24, rng);
    expect(layer.forward(x, 2, { training: true })).toBe(x);
    const r = checkLayerGradients(layer, x, 2, rng, { eps: 0.5 });
    expect(r.ok).toBe(true);
    expect(() => new Reshape([12], [5])).toThrow(RangeError);
  });
});
