import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { Layer } from '../layers/layer';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { Network } from './network';
import { PRESETS } from './presets';
import type { NetworkSpec } from './spec';
import { SpecError } from './specError';
import { BACKENDS } from '../testing/backends';

/** A whole network seen as one layer, so the gradient check covers the chain. */
function asLayer(net: Network): Layer {
  net.ops[0]!.needsInputGrad = true;
  return {
    type: 'Network', inputShape: net.inputShape, outputShape: net.outputShape, params: net.params, needsInputGrad: true,
    forward: (x, batch, opts) => net.forward(x, batch, opts),
    backward: (d) => net.backward(d),
  };
}

const SMALL_CNN: NetworkSpec = {
  input_shape: [8, 8, 2],
  layers: [
    { type: 'Conv2D', filters: 3, kernel_size: 3, padding: 'same', activation: 'tanh' },
    { type: 'AveragePooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 4, kernel_size: 2, strides: 2, activation: 'sigmoid' },
    { type: 'Flatten' },
    { type: 'Dense', units: 6, activation: 'tanh' },
    { type: 'Dense', units: 5, activation: 'softmax' },
  ],
};

for (const backend of BACKENDS) {
  describe(`Network (${backend.name} kernels)`, () => {
    it('passes the gradient check end to end (conv, pooling, dense, smooth activations, softmax)', () => {
      const rng = new Rng(21);
      const net = Network.fromSpec(SMALL_CNN, rng, { numClasses: 5, kernels: backend.make() });
      const r = checkLayerGradients(asLayer(net), randomArray(2 * 128, rng), 2, rng, { eps: 1e-2, samples: 40 });
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });

    it('builds bit-identical weights from the same seed, different ones from another seed', () => {
      const a = Network.fromSpec(PRESETS.cnn, new Rng(5)), b = Network.fromSpec(PRESETS.cnn, new Rng(5)), c = Network.fromSpec(PRESETS.cnn, new Rng(6));
      expect(a.params.map((p) => [...p.value])).toEqual(b.params.map((p) => [...p.value]));
      expect([...a.params[0]!.value]).not.toEqual([...c.params[0]!.value]);
    });

    it('initialises like Keras: glorot_uniform kernels within their limit, zero biases', () => {
      const net = Network.fromSpec(PRESETS.mlp, new Rng(1), { kernels: backend.make() });
      const [k1, b1] = net.params;
      const limit = Math.sqrt(6 / (784 + 128));
      expect(Math.max(...k1!.value.map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...k1!.value.map(Math.abs))).toBeGreaterThan(limit * 0.95);
      expect(b1!.value.every((v) => v === 0)).toBe(true);
    });

    it('splits a fused activation into its own op and can stop at the logits', () => {
      const net = Network.fromSpec(PRESETS.mlp, new Rng(1), { kernels: backend.make() });
      expect(net.ops.map((o) => o.type)).toEqual(['Flatten', 'Dense', 'Dense', 'Dense', 'Dense']);
      expect(net.finalActivation).toBe('softmax');
      const x = randomArray(784 * 2, new Rng(2), 0, 1);
      const logits = net.forward(x, 2, { training: false, logits: true }).slice();
      const probs = net.forward(x, 2, { training: false });
      const e = logits.subarray(0, 10).map((v) => Math.exp(v));
      const sum = e.reduce((s, v) => s + v, 0);
      for (let j = 0; j < 10; j++) expect(probs[j]).toBeCloseTo(e[j]! / sum, 6);
    });

    it('returns every layer output for feature-map views', () => {
      const net = Network.fromSpec(PRESETS.cnn, new Rng(1), { kernels: backend.make() });
      const outs = net.forwardLayers(randomArray(784, new Rng(3), 0, 1), 1);
      expect(outs.map((o) => o.length)).toEqual([4608, 1152, 1024, 256, 256, 10]);
    });

    it('refuses an invalid spec with a SpecError before building anything', () => {
      expect(() => Network.fromSpec({ input_shape: [28, 28, 1], layers: [{ type: 'Dense', units: 10 }] }, new Rng(1))).toThrow(SpecError);
    });
  });
}

describe('observing a training forward pass', () => {
  it('hands over each spec layer’s output as forward computes it, the fused activation marked as left out', () => {
    const net = Network.fromSpec(SMALL_CNN, new Rng(2), { numClasses: 5 });
    const x = randomArray(3 * 8 * 8 * 2, new Rng(5));
    const expected = net.forwardLayers(x, 3);
    const seen: { layer: number; values: Float32Array; activated: boolean }[] = [];
    const out = net.forward(x, 3, { training: true, logits: true, observe: (layer, values, batch, activated) => {
      expect(batch).toBe(3);
      seen.push({ layer, values: values.slice(), activated });
    } });
    expect(seen.map((s) => s.layer)).toEqual(net.layers.map((_, i) => i));
    // Every layer but the last as inference computes it; the last gives the logits the loss fuses with its softmax.
    seen.slice(0, -1).forEach((s, i) => {
      expect(s.activated).toBe(true);
      expect(Array.from(s.values)).toEqual(Array.from(expected[i]!));
    });
    expect(seen.at(-1)!.activated).toBe(false);
    expect(Array.from(seen.at(-1)!.values)).toEqual(Array.from(out));
  });
});

describe('fresh gradients (the first pass of a batch writes them, nothing is zeroed first)', () => {
  const SPEC_ALL: NetworkSpec = {
    input_shape: [8, 8, 2],
    layers: [
      { type: 'Conv2D', filters: 4, kernel_size: 3, activation: 'relu' },
      { type: 'BatchNormalization' },
      { type: 'Flatten' },
      { type: 'Dense', units: 12, activation: 'relu' },
      { type: 'Dense', units: 5, activation: 'softmax' },
    ],
  };
  for (const backend of BACKENDS) {
    it(`gives the gradients zeroGrads + backward gives, over whatever the gradients held (${backend.name})`, () => {
      const grads = (fresh: boolean) => {
        const net = Network.fromSpec(SPEC_ALL, new Rng(4), { kernels: backend.make(), numClasses: 5 });
        const rng = new Rng(8), batch = 3;
        // Garbage from an earlier batch.
        for (const p of net.params) p.grad.set(randomArray(p.grad.length, rng));
        if (!fresh) net.zeroGrads();
        net.forward(randomArray(batch * 128, rng), batch, { training: true });
        net.backward(randomArray(batch * 5, rng), { freshGrads: fresh });
        return net.params.map((p) => Array.from(p.grad));
      };
      const written = grads(true), added = grads(false);
      // 0 + s and s are the same number (up to the sign of an exact zero).
      written.forEach((g, i) => g.forEach((v, j) => expect(v === added[i]![j], `param ${i}[${j}]: ${v} vs ${added[i]![j]}`).toBe(true)));
      expect(written.every((g) => g.some((v) => v !== 0))).toBe(true);
    });
  }
});

