import { describe, expect, it } from 'vitest';
import { jsKernels, type Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { sigmoidForward, tanhForward } from '../layers/activations';
import { createWasmKernels } from './wasmKernels';

/**
 * The tanh and sigmoid activation kernels (engine/wasm/assembly/activations.ts) against
 * the activations' own math (engine/layers/activations.ts): tanh bit-identical to tanhF32,
 * the sigmoid within 2 ulp. Both module variants, odd lengths, in memory and staged.
 */
const variants = [createWasmKernels({ fma: false }), createWasmKernels()].filter((k) => k !== null);

const below = (v: number) => nextFloat32(v, -1), above = (v: number) => nextFloat32(v, 1);
/** The float32 next to v (v a float32) towards ±∞. */
function nextFloat32(v: number, dir: 1 | -1): number {
  const f = new Float32Array([v]), u = new Int32Array(f.buffer);
  if (v === 0) return dir * 2 ** -149;
  u[0]! += (v > 0) === (dir > 0) ? 1 : -1;
  return f[0]!;
}

/** Every edge of the two functions, then a sweep and random values. */
function inputs(n: number, seed: number): Float32Array {
  const clamp = 7.90531110763549805, linear = Math.fround(0.0004);
  const edges = [
    0, -0, 1e-30, -1e-30, 1e-45, -3e-5, 0.0003999, -0.0003999, linear, -linear, below(linear), above(linear), -above(linear),
    clamp, -clamp, below(clamp), -below(clamp), above(clamp), 9, -9, 20, -20, 0.5, -0.5, 1, -1, 3, -3,
    Infinity, -Infinity, NaN, 3.4e38, -3.4e38, 1e30, -1e30,
    -86.9, -87, below(-87), -87.2, -87.34, -88, -100, -103, -104, -110, -150, 87, 88, 100,
  ];
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, (_, i) => (i < edges.length ? edges[i]! : i % 2 ? 4 * rng.normal() : 30 * (rng.next() - 0.5)));
}

/** y = f(x) by `kernels`, x and y in the backend's memory or staged. */
function apply(k: Kernels, f: 'tanh' | 'sigmoid', x: Float32Array, inMemory: boolean): Float32Array {
  const n = x.length;
  const xs = inMemory ? k.floats(n) : new Float32Array(n), ys = inMemory ? k.floats(n) : new Float32Array(n);
  xs.set(x);
  k[f](xs, ys, n);
  return ys.slice();
}

function ulpsApart(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const fa = new Float32Array([a, b]), ia = new Int32Array(fa.buffer);
  // Ordered integers: the distance in representable float32 values (across 0 too).
  const ord = (i: number) => (i < 0 ? -2147483648 - i : i);
  return Math.abs(ord(ia[0]!) - ord(ia[1]!));
}

const SIZES = [1, 3, 5, 130, 1001, 20_003];

describe.runIf(variants.length > 0)('tanh and sigmoid activation kernels (WebAssembly SIMD)', () => {
  it('the scalar kernels are the activations\' own loops', () => {
    expect(jsKernels.tanh).toBe(tanhForward);
    expect(jsKernels.sigmoid).toBe(sigmoidForward);
  });

  for (const n of SIZES) {
    it(`tanh is bit-identical to tanhF32 (n = ${n}): ±0, tiny, the 0.0004 and clamp edges, ±∞, NaN`, () => {
      const x = inputs(n, n), expected = new Float32Array(n);
      tanhForward(x, expected, n);
      for (const k of variants) {
        for (const inMemory of [true, false]) {
          const y = apply(k, 'tanh', x, inMemory);
          for (let i = 0; i < n; i++) {
            if (!Object.is(y[i], expected[i])) expect.fail(`fma ${k.fma}, in memory ${inMemory}: tanh(${x[i]}) = ${y[i]}, tanhF32 ${expected[i]}`);
          }
        }
      }
    });

    it(`sigmoid is within 2 ulp of the scalar one (n = ${n}), 0 at −∞, 1 at +∞, NaN for NaN`, () => {
      const x = inputs(n, 7 * n), expected = new Float32Array(n);
      sigmoidForward(x, expected, n);
      for (const k of variants) {
        for (const inMemory of [true, false]) {
          const y = apply(k, 'sigmoid', x, inMemory);
          for (let i = 0; i < n; i++) {
            if (!(ulpsApart(y[i]!, expected[i]!) <= 2)) expect.fail(`fma ${k.fma}, in memory ${inMemory}: σ(${x[i]}) = ${y[i]}, reference ${expected[i]}`);
          }
        }
      }
    });
  }

  it('keeps the edges exactly: tanh(±0) = ±0, tanh(±∞) = ±1, σ(±∞) = 1 and 0, σ(0) = ½, NaN stays NaN', () => {
    const x = Float32Array.of(0, -0, Infinity, -Infinity, NaN);
    for (const k of variants) {
      expect([...apply(k, 'tanh', x, true)]).toEqual([0, -0, 1, -1, NaN]);
      expect(Object.is(apply(k, 'tanh', x, false)[1], -0)).toBe(true);
      expect([...apply(k, 'sigmoid', x, true)]).toEqual([0.5, 0.5, 1, 0, NaN]);
    }
  });

  it('runs in place (y = x)', () => {
    const x = inputs(1001, 3), expected = new Float32Array(1001);
    tanhForward(x, expected, 1001);
    for (const k of variants) {
      const a = k.floats(1001);
      a.set(x);
      k.tanh(a, a, 1001);
      expect([...a]).toEqual([...expected]);
    }
  });
});
