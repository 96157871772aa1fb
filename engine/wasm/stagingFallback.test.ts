import { describe, expect, it } from 'vitest';
import { jsKernels } from '../core/kernels';
import { Rng } from '../core/rng';
import { randomArray } from '../testing/random';
import { createWasmKernels, type WasmKernels } from './wasmKernels';

/**
 * When the memory cannot take a staged copy (it is capped at 1 GiB), the element-wise
 * kernels and the squared error run as the scalar ones, on the caller's arrays. The cap is
 * simulated: this backend's staging area refuses every request.
 */
function fullBackend(): { k: WasmKernels; refused: () => number } {
  const k = createWasmKernels()!;
  const arena = (k as unknown as { mem: { stage(n: number): number } }).mem;
  let refused = 0;
  arena.stage = () => (refused++, -1);
  return { k, refused: () => refused };
}

describe.runIf(createWasmKernels() !== null)('the WebAssembly kernels when arrays cannot be staged', () => {
  const rng = new Rng(12);
  const rows = 3, n = 131, x = randomArray(rows * n, rng, -9, 9), dy = randomArray(rows * n, rng), t = randomArray(rows * n, rng, 0, 1);

  it('element-wise kernels give the scalar results, written into the caller\'s arrays', () => {
    const { k, refused } = fullBackend();
    for (const name of ['relu', 'tanh', 'sigmoid'] as const) {
      const got = new Float32Array(rows * n), want = new Float32Array(rows * n);
      k[name](x, got, rows * n);
      jsKernels[name](x, want, rows * n);
      expect([...got], name).toEqual([...want]);
    }
    const got = new Float32Array(rows * n).fill(7), want = got.slice();
    k.reluBackward(x, dy, got, rows * n);
    jsKernels.reluBackward(x, dy, want, rows * n);
    expect([...got]).toEqual([...want]);
    const bias = randomArray(n, rng), y = new Float32Array(rows * n), yWant = y.slice();
    k.biasRows(bias, y, rows, n);
    jsKernels.biasRows(bias, yWant, rows, n);
    expect([...y]).toEqual([...yWant]);
    const db = Float32Array.from(bias), dbWant = db.slice();
    k.biasGrad(dy, db, rows, n);
    jsKernels.biasGrad(dy, dbWant, rows, n);
    expect([...db]).toEqual([...dbWant]);
    expect(refused()).toBeGreaterThanOrEqual(6);
  });

  it('squaredError gives the scalar sum', () => {
    const { k, refused } = fullBackend();
    for (const sigmoid of [true, false]) expect(k.squaredError(x, t, rows * n, sigmoid)).toBe(jsKernels.squaredError(x, t, rows * n, sigmoid));
    expect(refused()).toBeGreaterThanOrEqual(2);
  });

  it('the sums fall back to the scalar kernels when no memory is left for their partial sums', () => {
    const k = createWasmKernels()!;
    const z = k.floats(rows * n), tt = k.floats(rows * n), d = k.floats(rows * n);
    z.set(x);
    tt.set(t);
    // From here the memory cannot grow (its arrays above are already placed).
    (k as unknown as { mem: { allocBytes(b: number): number } }).mem.allocBytes = () => -1;
    const dWant = new Float32Array(rows * n);
    expect(k.sigmoidCrossEntropy(z, tt, rows * n, d, 0.5)).toBe(jsKernels.sigmoidCrossEntropy(x, t, rows * n, dWant, 0.5));
    expect([...d]).toEqual([...dWant]);
    for (const sigmoid of [true, false]) expect(k.squaredError(z, tt, rows * n, sigmoid)).toBe(jsKernels.squaredError(x, t, rows * n, sigmoid));
  });
});
