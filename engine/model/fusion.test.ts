import { describe, expect, it } from 'vitest';
import type { Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { ActivationLayer } from '../layers/activation';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { MaxPooling2D } from '../layers/maxPooling2d';
import { BACKENDS } from '../testing/backends';
import { randomArray } from '../testing/random';
import { fuseRelus } from './fusion';
import { Network } from './network';
import type { NetworkSpec } from './spec';

const SPEC: NetworkSpec = {
  input_shape: [14, 14, 1],
  layers: [
    { type: 'Conv2D', filters: 8, kernel_size: 3, activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 16, kernel_size: 3, padding: 'same' },
    { type: 'ReLU' },
    { type: 'MaxPooling2D', pool_size: 2, strides: 1 },
    { type: 'Conv2D', filters: 4, kernel_size: 2, activation: 'relu' },
    { type: 'Flatten' },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
};

/** Undoes what fuseRelus did, so the same weights run as separate ops. */
function unfuse(net: Network): void {
  for (const op of net.ops) {
    if (op instanceof Conv2D) op.fuseRelu = false;
    if (op instanceof MaxPooling2D) op.maskByInput = false;
    if (op instanceof Dense) op.maskInputGrad = false;
    if (op instanceof ActivationLayer) op.inputActivated = op.gradientMasked = false;
  }
}

/** An MLP whose ReLUs feed Dense layers: their backward goes into the next Dense's input gradient. */
const MLP: NetworkSpec = {
  input_shape: [37],
  layers: [
    { type: 'Dense', units: 50, activation: 'relu' },
    { type: 'Dense', units: 23, activation: 'relu' },
    { type: 'Dense', units: 9, activation: 'softmax' },
  ],
};

describe('ReLU fusion', () => {
  it('fuses a ReLU into the convolution before it and the max pooling after it', () => {
    const net = Network.fromSpec(SPEC, new Rng(1), { kernels: 'js' });
    const relus = net.ops.filter((op): op is ActivationLayer => op instanceof ActivationLayer && op.fn.name === 'relu');
    expect(relus.map((a) => [a.inputActivated, a.gradientMasked])).toEqual([[true, true], [true, true], [true, false]]);
    expect(net.ops.filter((op) => op instanceof Conv2D).map((c) => (c as Conv2D).fuseRelu)).toEqual([true, true, true]);
    expect(net.ops.filter((op) => op instanceof MaxPooling2D).map((p) => (p as MaxPooling2D).maskByInput)).toEqual([true, true]);
    // A ReLU after a Dense keeps its forward (z stays visible); its backward goes into the
    // Dense after it. An activation that is not ReLU stays as it is.
    const other = Network.fromSpec({
      input_shape: [6, 6, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 5, activation: 'relu' }, { type: 'Dense', units: 3, activation: 'tanh' }],
    }, new Rng(1), { kernels: 'js', numClasses: 3 });
    fuseRelus(other.ops);
    const acts = other.ops.filter((op): op is ActivationLayer => op instanceof ActivationLayer);
    expect(acts.map((a) => [a.fn.name, a.inputActivated, a.gradientMasked])).toEqual([['relu', false, true], ['tanh', false, false]]);
    expect(other.ops.filter((op): op is Dense => op instanceof Dense).map((d) => d.maskInputGrad)).toEqual([false, true]);
  });

  for (const backend of BACKENDS) {
    it(`masks a Dense's input gradient by the ReLU before it: the same training, within float rounding (${backend.name})`, () => {
      const step = (fused: boolean) => oneStep(MLP, 5, fused, backend.make(), 6, (rng, n) => randomArray(n, rng), 9);
      const a = step(true), b = step(false);
      expect(Buffer.from(a.out.buffer).equals(Buffer.from(b.out.buffer))).toBe(true);
      a.grads.forEach((g, i) => {
        if (backend.name === 'js') expect(Buffer.from(g.buffer).equals(Buffer.from(b.grads[i]!.buffer)), `gradient ${i}`).toBe(true);
        else g.forEach((v, j) => expect(Math.abs(v - b.grads[i]![j]!), `gradient ${i}[${j}]`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(v))));
      });
      expect(a.grads[0]!.some((v) => v !== 0)).toBe(true);
    });

    it(`gives the same outputs and gradients, bit for bit, as the separate ops (${backend.name})`, () => {
      const step = (fused: boolean) => oneStep(SPEC, 7, fused, backend.make(), 5, (rng, n) => randomArray(n, rng, -0.2, 1).map((v) => Math.max(v, 0)));
      const a = step(true), b = step(false);
      expect(Buffer.from(a.out.buffer).equals(Buffer.from(b.out.buffer))).toBe(true);
      a.grads.forEach((g, i) => expect(Buffer.from(g.buffer).equals(Buffer.from(b.grads[i]!.buffer)), `gradient ${i}`).toBe(true));
      expect(a.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
    });
  }
});

/** One forward and backward pass of `spec` (fused as built, or unfused), its outputs and gradients. */
function oneStep(
  spec: NetworkSpec, seed: number, fused: boolean, kernels: Kernels, batch: number, inputs: (rng: Rng, n: number) => Float32Array, numClasses?: number,
): { out: Float32Array; grads: Float32Array[] } {
  const net = Network.fromSpec(spec, new Rng(seed), { kernels, ...(numClasses ? { numClasses } : {}) });
  if (!fused) unfuse(net);
  const rng = new Rng(3);
  const x = inputs(rng, batch * net.inputSize);
  net.zeroGrads();
  const out = net.forward(x, batch, { training: true }).slice();
  net.backward(randomArray(batch * net.outputSize, rng));
  return { out, grads: net.params.map((p) => p.grad.slice()) };
}
