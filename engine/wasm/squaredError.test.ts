import { describe, expect, it } from 'vitest';
import { jsKernels, type Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { createWasmKernels } from './wasmKernels';

/**
 * The reconstruction's squared error, Σ (f(v) − t)², f = σ or the identity, on both
 * backends against the formula the meter used before it had a kernel (float64, targets as
 * byte/255, σ as 1/(1 + e^−z)): MNIST-like images (mostly 0, strokes of 255, some grey)
 * and what an autoencoder outputs for them.
 */
const wasmVariants = [createWasmKernels({ fma: false }), createWasmKernels()].filter((k) => k !== null);
const BACKENDS: Kernels[] = [jsKernels, ...wasmVariants];

function images(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => {
    const r = rng.next();
    return r < 0.8 ? 0 : r < 0.92 ? 255 : rng.int(256);
  });
}

/** Outputs near the image (a trained autoencoder) and far from it, plus the logits' edges. */
function outputs(pixels: Uint8Array, seed: number, logits: boolean): Float32Array {
  const rng = new Rng(seed), special = logits ? [0, -0, 20, -20, 90, -90, -200, 1e-8] : [0, -0, 1, 0.5, -0.25, 1.5];
  return Float32Array.from(pixels, (p, i) => {
    if (i < special.length) return special[i]!;
    const target = p / 255;
    return logits ? (target - 0.5) * 12 + 3 * rng.normal() : target + 0.2 * rng.normal();
  });
}

/** The meter's formula before the kernel. */
function oldFormula(out: Float32Array, pixels: Uint8Array, logits: boolean): number {
  let sum = 0;
  for (let j = 0; j < out.length; j++) {
    const d = (logits ? 1 / (1 + Math.exp(-out[j]!)) : out[j]!) - pixels[j]! * (1 / 255);
    sum += d * d;
  }
  return sum;
}

function place(k: Kernels, a: Float32Array, inMemory: boolean): Float32Array {
  if (!inMemory) return a;
  const v = k.floats(a.length);
  v.set(a);
  return v;
}

describe('squaredError (a reconstruction\'s error, on every training batch)', () => {
  it('runs on WebAssembly here', () => expect(wasmVariants.length).toBeGreaterThan(0));

  for (const n of [1, 3, 5, 130, 1001, 64 * 784]) {
    for (const logits of [true, false]) {
      it(`every backend agrees with the meter's old formula within float rounding (n = ${n}, ${logits ? 'σ of logits' : 'values'})`, () => {
        const pixels = images(n, n), out = outputs(pixels, 3 * n, logits);
        const targets = new Float32Array(n);
        jsKernels.gatherInputs({ count: 1, inputs: pixels, labels: null, targets: null }, n, [0], 0, 1, targets);
        const expected = oldFormula(out, pixels, logits);
        for (const k of BACKENDS) {
          for (const inMemory of [true, false]) {
            const got = k.squaredError(place(k, out, inMemory), place(k, targets, inMemory), n, logits);
            // The targets are float32 now (byte/255 rounded): about 1e-8 of the sum; the SIMD sums add float32 blocks.
            const tol = k === jsKernels ? 1e-7 : 2e-6;
            expect(Math.abs(got - expected), `${k.name}, in memory ${inMemory}: ${got} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(expected, 1e-3));
          }
        }
      });
    }
  }

  it('reads only n values, and each value alone agrees too (|σ(z) − t| within 2 ulp of σ)', () => {
    const pixels = images(64, 5), out = outputs(pixels, 6, true);
    const targets = Float32Array.from(pixels, (p) => p / 255);
    for (const k of wasmVariants) {
      for (let i = 0; i < 64; i++) {
        const one = (kk: Kernels) => kk.squaredError(out.subarray(i, i + 1), targets.subarray(i, i + 1), 1, true);
        expect(Math.abs(Math.sqrt(one(k)) - Math.sqrt(one(jsKernels))), `z = ${out[i]}, t = ${targets[i]}`).toBeLessThanOrEqual(1.2e-7);
      }
      // A poisoned value past n changes nothing.
      const z = Float32Array.of(0.3, -0.7, 1.2, NaN), t = Float32Array.of(0, 1, 0.5, 0);
      expect(Number.isFinite(k.squaredError(z, t, 3, true))).toBe(true);
      expect(k.squaredError(z, t, 3, false)).toBeCloseTo(0.09 + 2.89 + 0.49, 6);
    }
  });
});
