import { describe, expect, it } from 'vitest';
import { jsKernels, type Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { checkLayerGradients } from '../testing/gradcheck';
import { randomArray, separatedArray } from '../testing/random';
import { ActivationLayer } from './activation';
import { activationFn, leakyRelu, softmaxRows, tanhF32, type ActivationFn } from './activations';
import { BACKENDS } from '../testing/backends';

const FNS: [string, ActivationFn][] = [
  ['linear', activationFn('linear')],
  ['relu', activationFn('relu')],
  ['tanh', activationFn('tanh')],
  ['sigmoid', activationFn('sigmoid')],
  ['softmax', activationFn('softmax')],
  ['leaky_relu 0.3', leakyRelu(0.3)],
];

for (const backend of BACKENDS) {
  describe(`activations (${backend.name} kernels)`, () => {
    for (const [name, fn] of FNS) {
      for (const shape of [[6], [3, 3, 2]] as const) {
        it(`${name} passes the gradient check on [batch, ${shape.join(', ')}]`, () => {
          const rng = new Rng(9);
          const layer = new ActivationLayer('Activation', shape, fn, backend.make());
          const n = 3 * shape.reduce((a, b) => a * b, 1);
          // Kinked functions get inputs kept away from 0; smooth ones get any values.
          const x = name.includes('relu') ? separatedArray(n, rng, 0.1) : randomArray(n, rng, -3, 3);
          const r = checkLayerGradients(layer, x, 3, rng, { eps: 1e-2, samples: 100 });
          expect(r.ok, JSON.stringify(r.worst)).toBe(true);
        });
      }
    }

    it('computes known values', () => {
      const x = new Float32Array([-2, -0.5, 0, 0.5, 2]);
      const y = new Float32Array(5);
      activationFn('relu').forward(x, y, 5, 5);
      expect([...y]).toEqual([0, 0, 0, 0.5, 2]);
      leakyRelu(0.1).forward(x, y, 5, 5);
      expect(y[0]).toBeCloseTo(-0.2, 6);
      activationFn('sigmoid').forward(new Float32Array([0, 1000, -1000]), y, 3, 3);
      expect([...y.subarray(0, 3)]).toEqual([0.5, 1, 0]);
    });

    it('softmax is stable for huge logits and rows sum to 1', () => {
      const logits = new Float32Array([1000, 1001, 999, -1e30, 0, 1e30]);
      const probs = new Float32Array(6);
      softmaxRows(logits, probs, 2, 3);
      expect(probs.every(Number.isFinite)).toBe(true);
      expect(probs[0]! + probs[1]! + probs[2]!).toBeCloseTo(1, 6);
      expect(probs[1]).toBeCloseTo(Math.E / (1 + Math.E + Math.exp(-1)), 5);
      expect(probs[5]).toBe(1);
    });
  });
}

describe('activations on the layer\'s kernels', () => {
  it('relu, tanh and sigmoid run as their kernels, the others as their own loops', () => {
    const used: string[] = [];
    const counting = new Proxy(jsKernels, {
      get(k, name) {
        const v = Reflect.get(k, name) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (name !== 'floats') used.push(String(name));
          return (v as (...a: unknown[]) => unknown).apply(k, args);
        };
      },
    }) as Kernels;
    for (const [name, fn] of FNS) {
      const layer = new ActivationLayer('Activation', [5], fn, counting);
      layer.forward(randomArray(15, new Rng(1)), 3, { training: true });
      layer.backward(randomArray(15, new Rng(2)));
      used.push(`/${name}`);
    }
    expect(used.join(' ')).toBe('/linear relu reluBackward /relu tanh /tanh sigmoid /sigmoid /softmax /leaky_relu 0.3');
  });

  it('a tanh layer gives the same bits on every backend; a sigmoid layer within 2 ulp', () => {
    const x = randomArray(3 * 77, new Rng(6), -12, 12);
    const [tanhs, sigmoids] = (['tanh', 'sigmoid'] as const).map((name) =>
      BACKENDS.map((b) => [...new ActivationLayer('Activation', [77], activationFn(name), b.make()).forward(x, 3, { training: false })]));
    for (const out of tanhs!) expect(out).toEqual(tanhs![0]);
    // 2 ulp of a float32 v is at most 2^−22·|v|.
    for (const out of sigmoids!) out.forEach((v, i) => expect(Math.abs(v - sigmoids![0]![i]!)).toBeLessThanOrEqual(2 ** -22 * Math.abs(v)));
  });
});

describe('tanhF32', () => {
  it('is Math.tanh to float32 accuracy everywhere, odd, and ±1 far out', () => {
    const ulp = (v: number) => {
      const f = Math.fround(Math.abs(v)) || 1e-45;
      return Math.fround(f * (1 + 2 ** -23)) - f || 2 ** -149;
    };
    for (let v = -12; v <= 12; v += 0.0137) {
      const want = Math.fround(Math.tanh(v)), got = Math.fround(tanhF32(v));
      expect(Math.abs(got - want) / ulp(want), String(v)).toBeLessThanOrEqual(3);
      expect(tanhF32(-v)).toBe(-tanhF32(v));
    }
    for (const v of [1e-30, -3e-5, 0.0003999]) expect(tanhF32(v)).toBe(v);
    expect(Math.fround(tanhF32(40))).toBe(1);
    expect(Math.fround(tanhF32(-Infinity))).toBe(-1);
    expect(tanhF32(0)).toBe(0);
  });
});
