import { describe, expect, it } from 'vitest';
import { jsKernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { binaryCrossEntropy } from '../losses/binaryCrossEntropy';
import { createWasmKernels } from './wasmKernels';

/** Logits over the whole range a sigmoid output sees, the edges included. */
function logitsAndTargets(n: number, seed: number) {
  const rng = new Rng(seed);
  const special = [0, -0, 1e-8, -1e-8, 0.35, -0.35, 0.88, -0.88, 20, -20, 87, -87, 100, -100, 300, -300];
  const z = Float32Array.from({ length: n }, (_, i) => (i < special.length ? special[i]! : 8 * rng.normal()));
  const t = Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? rng.next() : i % 3 === 1 ? 0 : 1));
  return { z, t };
}

describe('sigmoidCrossEntropy (binary cross-entropy from logits)', () => {
  const wasm = createWasmKernels()!;

  it('the SIMD kernel agrees with the scalar reference within float rounding, on odd sizes and at the edges', () => {
    expect(wasm).not.toBeNull();
    for (const n of [1, 3, 16, 17, 255, 256, 257, 1031, 64 * 784 + 3]) {
      const { z, t } = logitsAndTargets(n, n);
      const dRef = new Float32Array(n), dSimd = new Float32Array(n);
      const ref = jsKernels.sigmoidCrossEntropy(z, t, n, dRef, 0.5);
      const simd = wasm.sigmoidCrossEntropy(z, t, n, dSimd, 0.5);
      expect(Math.abs(simd - ref) / Math.max(1, Math.abs(ref)), `sum, n = ${n}`).toBeLessThan(2e-6);
      for (let i = 0; i < n; i++) expect(Math.abs(dSimd[i]! - dRef[i]!), `d[${i}], z = ${z[i]}`).toBeLessThan(2e-7);
      // Per value too: the loss of each value alone.
      for (let i = 0; i < Math.min(n, 64); i++) {
        const one = (k: typeof jsKernels) => k.sigmoidCrossEntropy(z.subarray(i, i + 1), t.subarray(i, i + 1), 1, null, 1);
        const r = one(jsKernels), s = one(wasm);
        expect(Math.abs(s - r), `ℓ(z = ${z[i]}, t = ${t[i]}) = ${r}`).toBeLessThanOrEqual(3e-7 * Math.max(1, Math.abs(r)));
      }
    }
  });

  it('is exact where the loss is tiny: log1p of a small e^−|z| is not rounded through 1 + e', () => {
    const z = Float32Array.of(20, 30, -20), t = Float32Array.of(1, 1, 0);
    for (let i = 0; i < 3; i++) {
      const r = jsKernels.sigmoidCrossEntropy(z.subarray(i, i + 1), t.subarray(i, i + 1), 1, null, 1);
      const s = wasm.sigmoidCrossEntropy(z.subarray(i, i + 1), t.subarray(i, i + 1), 1, null, 1);
      expect(r).toBeGreaterThan(0);
      expect(Math.abs(s - r) / r, `z = ${z[i]}`).toBeLessThan(1e-6);
    }
  });

  it('its gradient is the derivative of its loss (finite differences, the loss on both backends)', () => {
    const { z, t } = logitsAndTargets(40, 9);
    for (let i = 0; i < 40; i++) z[i] = Math.max(-6, Math.min(6, z[i]!));
    for (const kernels of [jsKernels, wasm]) {
      const d = new Float32Array(40);
      binaryCrossEntropy.compute(z, t, 4, 10, d, 0.25, kernels);
      for (const i of [0, 5, 13, 27, 39]) {
        const h = 1e-2, zp = z.slice(), zm = z.slice();
        zp[i] += h;
        zm[i] -= h;
        const numeric = (binaryCrossEntropy.compute(zp, t, 4, 10, null, 1, kernels) - binaryCrossEntropy.compute(zm, t, 4, 10, null, 1, kernels)) / (2 * h) / 4;
        expect(Math.abs(numeric - d[i]!), `${kernels.name} d[${i}]`).toBeLessThan(2e-4);
      }
    }
  });
});
