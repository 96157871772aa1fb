import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from './network';
import { saliencyOf } from './saliency';
import type { NetworkSpec } from './spec';

const CNN: NetworkSpec = {
  input_shape: [6, 6, 1],
  layers: [
    { type: 'Conv2D', filters: 3, kernel_size: 3, activation: 'tanh' },
    { type: 'MaxPooling2D' },
    { type: 'Flatten' },
    { type: 'Dense', units: 5, activation: 'relu' },
    { type: 'Dense', units: 4, activation: 'softmax' },
  ],
};
const MLP: NetworkSpec = { input_shape: [5], layers: [{ type: 'Dense', units: 6, activation: 'sigmoid' }, { type: 'Dense', units: 3 }] };

/** The score saliency differentiates: the predicted class's logit. */
function score(net: Network, x: Float32Array, cls: number): number {
  return net.forward(x, 1, { training: false, logits: true })[cls]!;
}

describe('saliencyOf', () => {
  for (const [name, spec] of [['a small CNN (softmax output)', CNN], ['an MLP (linear output)', MLP]] as const) {
    for (const kernels of ['js', 'wasm'] as const) {
      it(`is the predicted class score's gradient by finite differences: ${name}, ${kernels}`, () => {
        const net = Network.fromSpec(spec, new Rng(3), { kernels, numClasses: null });
        const rng = new Rng(8), n = net.inputSize;
        const x = Float32Array.from({ length: n }, () => rng.next());
        const { predicted, gradient } = saliencyOf(net, x);
        const logits = net.forward(x, 1, { training: false, logits: true });
        expect(predicted).toBe(logits.indexOf(Math.max(...logits.subarray(0, net.outputSize))));
        expect(gradient).toHaveLength(n);
        expect(Math.max(...gradient.map(Math.abs))).toBeGreaterThan(0);
        const h = 1e-2;
        for (let i = 0; i < n; i += 3) {
          const up = x.slice(), down = x.slice();
          up[i] += h;
          down[i] -= h;
          const numeric = (score(net, up, predicted) - score(net, down, predicted)) / (2 * h);
          expect(Math.abs(numeric - gradient[i]!), `x[${i}]`).toBeLessThan(3e-3 + 0.02 * Math.abs(numeric));
        }
        // Asking leaves no gradient behind in the parameters, and the input gradient flag as it was.
        expect(net.params.every((p) => p.grad.every((g) => g === 0))).toBe(true);
        expect(net.ops[0]!.needsInputGrad).toBe(false);
      });
    }
  }
});
