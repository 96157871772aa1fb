/**
 * A pinned training set: batches gathered from the copy in the kernels' memory are the
 * bits the staged gather (and the scalar reference) gives; one set at a time, its region
 * reused by the next set that fits.
 */
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../core/kernels';
import { Rng } from '../core/rng';
import type { SampleSet } from '../data/dataset';
import { nodeKernelThreads } from '../node/threads';
import { createWasmKernels, wasmKernelsSupported } from './wasmKernels';

function byteSet(count: number, px: number, seed: number): SampleSet {
  const rng = new Rng(seed), inputs = new Uint8Array(count * px);
  for (let i = 0; i < inputs.length; i++) inputs[i] = rng.next() < 0.8 ? 0 : rng.int(256);
  return { count, inputs, labels: null, targets: null } as unknown as SampleSet;
}

describe.runIf(wasmKernelsSupported())('pinned inputs', () => {
  it('gathers a pinned set\'s batches to the bits of the staged gather and of the reference (odd widths, any order)', () => {
    for (const px of [1, 15, 16, 17, 784]) {
      const set = byteSet(50, px, px), k = createWasmKernels()!;
      const order = Int32Array.from({ length: 50 }, (_, i) => (i * 17) % 50);
      const staged = k.floats(7 * px), pinned = k.floats(7 * px), reference = new Float32Array(7 * px);
      k.gatherInputs(set, px, order, 3, 7, staged);
      expect(k.pinInputs(set.inputs as Uint8Array)).toBe(true);
      k.gatherInputs(set, px, order, 3, 7, pinned);
      jsKernels.gatherInputs(set, px, order, 3, 7, reference);
      expect([...pinned], `px ${px}`).toEqual([...staged]);
      expect([...pinned], `px ${px}`).toEqual([...reference]);
      // Into an array from elsewhere too (staged output).
      const plain = new Float32Array(7 * px);
      k.gatherInputs(set, px, order, 3, 7, plain);
      expect([...plain]).toEqual([...reference]);
    }
  });

  it('holds one set at a time: another set is gathered as before, a new pin reuses the region', () => {
    const k = createWasmKernels()!, px = 64;
    const a = byteSet(100, px, 1), b = byteSet(60, px, 2), c = byteSet(100, px, 3);
    const order = Int32Array.from({ length: 60 }, (_, i) => 59 - i);
    expect(k.pinInputs(a.inputs as Uint8Array)).toBe(true);
    const out = k.floats(10 * px), ref = new Float32Array(10 * px);
    // b is not pinned: the staged path, same numbers.
    k.gatherInputs(b, px, order, 0, 10, out);
    jsKernels.gatherInputs(b, px, order, 0, 10, ref);
    expect([...out]).toEqual([...ref]);
    const before = k.memoryBytes;
    // c (same size as a) takes a's region: the memory does not grow for it.
    expect(k.pinInputs(c.inputs as Uint8Array)).toBe(true);
    expect(k.memoryBytes).toBe(before);
    k.gatherInputs(c, px, order, 0, 10, out);
    jsKernels.gatherInputs(c, px, order, 0, 10, ref);
    expect([...out]).toEqual([...ref]);
    // a is no longer pinned, and still gathers right.
    k.gatherInputs(a, px, order, 0, 10, out);
    jsKernels.gatherInputs(a, px, order, 0, 10, ref);
    expect([...out]).toEqual([...ref]);
    expect(k.pinInputs(null)).toBe(true);
  });

  it('gives the same bits split between 3 threads as on one (a batch of 64 MNIST-sized images)', async () => {
    const set = byteSet(300, 784, 7), order = Int32Array.from({ length: 300 }, (_, i) => (i * 7) % 300);
    const one = createWasmKernels()!, team = createWasmKernels()!;
    team.splitAlways = true;
    team.useThreads(nodeKernelThreads(3));
    for (let i = 0; i < 500 && !team.threadsReady; i++) await new Promise((r) => setTimeout(r, 10));
    expect(team.threadsReady).toBe(true);
    for (const k of [one, team]) expect(k.pinInputs(set.inputs as Uint8Array)).toBe(true);
    const a = one.floats(64 * 784), b = team.floats(64 * 784);
    one.gatherInputs(set, 784, order, 5, 64, a);
    team.gatherInputs(set, 784, order, 5, 64, b);
    team.useThreads(null);
    expect(Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(Buffer.from(a.buffer, a.byteOffset, a.byteLength))).toBe(true);
    expect(a.some((v) => v > 0)).toBe(true);
  });
});
