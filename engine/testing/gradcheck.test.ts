import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Dense } from '../layers/dense';
import type { ForwardOptions, Layer } from '../layers/layer';
import { checkLayerGradients } from './gradcheck';
import { randomArray } from './random';

/** A Dense layer whose backward is subtly wrong in one chosen way. */
function brokenDense(fault: 'input' | 'kernel' | 'bias'): Layer {
  const inner = new Dense([6], 4, true);
  const rng = new Rng(2);
  inner.kernel.value.set(randomArray(24, rng));
  inner.bias!.value.set(randomArray(4, rng));
  return {
    type: 'Dense', inputShape: inner.inputShape, outputShape: inner.outputShape, params: inner.params, needsInputGrad: true,
    forward: (x: Float32Array, batch: number, opts: ForwardOptions) => inner.forward(x, batch, opts),
    backward(dOut: Float32Array) {
      const dx = inner.backward(dOut);
      if (fault === 'input') dx[3] *= 1.1;
      if (fault === 'kernel') inner.kernel.grad[5] += 0.05;
      if (fault === 'bias') inner.bias!.grad.fill(0);
      return dx;
    },
  };
}

describe('the gradient check itself', () => {
  it('passes a correct layer', () => {
    const rng = new Rng(1);
    const layer = new Dense([6], 4, true);
    layer.kernel.value.set(randomArray(24, rng));
    expect(checkLayerGradients(layer, randomArray(18, rng), 3, rng, { eps: 0.5 }).ok).toBe(true);
  });

  for (const fault of ['input', 'kernel', 'bias'] as const) {
    it(`catches a wrong ${fault} gradient`, () => {
      const rng = new Rng(1);
      const result = checkLayerGradients(brokenDense(fault), randomArray(18, rng), 3, rng, { eps: 0.5, samples: 1000 });
      expect(result.ok).toBe(false);
      expect(result.worst?.tensor).toBe(fault);
    });
  }
});
