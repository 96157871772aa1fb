import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { Conv2D, type Conv2DOptions } from './conv2d';
import { BACKENDS } from '../testing/backends';

/** Direct convolution from the definition, for comparison with im2col + GEMM. */
function naiveConv(x: Float32Array, batch: number, conv: Conv2D): Float32Array {
  const g = conv.geometry, F = conv.outputShape[2]!;
  const K = conv.kernel.value, b = conv.bias?.value;
  const y = new Float32Array(batch * g.outH * g.outW * F);
  for (let n = 0; n < batch; n++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let f = 0; f < F; f++) {
          let s = b ? b[f]! : 0;
          for (let ky = 0; ky < g.kh; ky++)
            for (let kx = 0; kx < g.kw; kx++)
              for (let c = 0; c < g.channels; c++) {
                const iy = oy * g.strideH + ky - g.padTop, ix = ox * g.strideW + kx - g.padLeft;
                if (iy < 0 || ix < 0 || iy >= g.inH || ix >= g.inW) continue;
                s += x[((n * g.inH + iy) * g.inW + ix) * g.channels + c]! * K[((ky * g.kw + kx) * g.channels + c) * F + f]!;
              }
          y[((n * g.outH + oy) * g.outW + ox) * F + f] = s;
        }
  return y;
}

const CASES: { input: [number, number, number]; opts: Conv2DOptions }[] = [
  { input: [6, 6, 1], opts: { filters: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', useBias: true } },
  { input: [7, 6, 2], opts: { filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'same', useBias: true } },
  { input: [7, 7, 2], opts: { filters: 2, kernelSize: [3, 2], strides: [2, 2], padding: 'valid', useBias: false } },
  { input: [8, 7, 3], opts: { filters: 4, kernelSize: [5, 5], strides: [2, 3], padding: 'same', useBias: true } },
  { input: [5, 5, 1], opts: { filters: 1, kernelSize: [1, 1], strides: [1, 1], padding: 'valid', useBias: true } },
  { input: [4, 4, 2], opts: { filters: 2, kernelSize: [4, 4], strides: [1, 1], padding: 'valid', useBias: true } },
];

for (const backend of BACKENDS) {
  describe(`Conv2D (${backend.name} kernels)`, () => {
    for (const { input, opts } of CASES) {
      const label = `${input.join('×')} input, ${opts.kernelSize.join('×')} kernel, strides ${opts.strides.join(',')}, ${opts.padding}`;

      it(`matches a direct convolution: ${label}`, () => {
        const rng = new Rng(11);
        const conv = new Conv2D(input, opts, backend.make());
        conv.kernel.value.set(randomArray(conv.kernel.value.length, rng));
        conv.bias?.value.set(randomArray(conv.bias.value.length, rng));
        const x = randomArray(2 * input[0] * input[1] * input[2], rng);
        const expected = naiveConv(x, 2, conv);
        const y = conv.forward(x, 2, { training: false });
        expect(y.length).toBe(expected.length);
        for (let i = 0; i < y.length; i++) expect(y[i]).toBeCloseTo(expected[i]!, 5);
      });

      it(`passes the gradient check: ${label}`, () => {
        const rng = new Rng(5);
        const conv = new Conv2D(input, opts, backend.make());
        conv.kernel.value.set(randomArray(conv.kernel.value.length, rng));
        conv.bias?.value.set(randomArray(conv.bias.value.length, rng));
        const r = checkLayerGradients(conv, randomArray(2 * input[0] * input[1] * input[2], rng), 2, rng, { eps: 0.25 });
        expect(r.ok, JSON.stringify(r.worst)).toBe(true);
      });
    }

    it('skips the input gradient when it is the first layer, keeping the weight gradient', () => {
      const rng = new Rng(1);
      const conv = new Conv2D([6, 6, 1], CASES[0]!.opts, backend.make());
      conv.kernel.value.set(randomArray(conv.kernel.value.length, rng));
      conv.needsInputGrad = false;
      const x = randomArray(36, rng);
      conv.forward(x, 1, { training: true });
      conv.backward(randomArray(32, rng));
      expect(conv.kernel.grad.some((g) => g !== 0)).toBe(true);
    });
  });
}
