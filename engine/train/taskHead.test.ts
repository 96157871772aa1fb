import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { SampleSet } from '../data/dataset';
import { BACKENDS } from '../testing/backends';
import { headFor } from './taskHead';

const idx = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('task heads', () => {
  it('classification: one-hot targets, accuracy and confusion from the largest output', () => {
    const set = { count: 3, inputs: new Float32Array(6), labels: new Uint8Array([0, 2, 1]), targets: null };
    const head = headFor({ kind: 'classification', classNames: ['a', 'b', 'c'] }, [2]);
    expect(head.width).toBe(3);
    const t = new Float32Array(9);
    head.fillTargets(set, [2, 0], 0, 2, t);
    expect(Array.from(t.subarray(0, 6))).toEqual([0, 1, 0, 1, 0, 0]);
    const m = head.meter(set, false);
    m.add(new Float32Array([0.9, 0.05, 0.05, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1]), idx(3), 0, 3);
    expect(m.result()).toEqual({ accuracy: 2 / 3, confusion: [[1, 0, 0], [1, 0, 0], [0, 0, 1]] });
  });

  it('binary: a 2-class dataset on one output, thresholded at p = 0.5 (z = 0 before the sigmoid)', () => {
    const set = { count: 4, inputs: new Float32Array(8), labels: new Uint8Array([0, 1, 1, 0]), targets: null };
    const head = headFor({ kind: 'classification', classNames: ['no', 'yes'] }, [2], 1);
    expect([head.kind, head.width, head.defaultLoss]).toEqual(['binary', 1, 'binary_crossentropy']);
    const t = new Float32Array(4);
    head.fillTargets(set, idx(4), 0, 4, t);
    expect(Array.from(t)).toEqual([0, 1, 1, 0]);
    const probs = head.meter(set, false);
    probs.add(new Float32Array([0.2, 0.7, 0.4, 0.6]), idx(4), 0, 4);
    expect(probs.result()).toEqual({ accuracy: 0.5, confusion: [[1, 1], [1, 1]] });
    const logits = head.meter(set, true);
    logits.add(new Float32Array([-1, 2, 0.1, -0.1]), idx(4), 0, 4);
    expect(logits.result().accuracy).toBe(1);
    expect(headFor({ kind: 'classification', classNames: ['no', 'yes'] }, [2], 2).kind).toBe('classification');
  });

  it('regression: MAE and R² against the targets\' own spread', () => {
    const set = { count: 4, inputs: new Float32Array(8), labels: null, targets: new Float32Array([1, 2, 3, 4]) };
    const head = headFor({ kind: 'regression', targetNames: ['y'] }, [2]);
    const perfect = head.meter(set, false);
    perfect.add(new Float32Array([1, 2, 3, 4]), idx(4), 0, 4);
    expect(perfect.result()).toEqual({ mae: 0, r2: 1 });
    const mean = head.meter(set, false);
    mean.add(new Float32Array([2.5, 2.5, 2.5, 2.5]), idx(4), 0, 4);
    expect(mean.result().mae).toBe(1);
    expect(mean.result().r2).toBeCloseTo(0, 10);
  });

  it('reconstruction: the input (bytes as [0, 1]) is the target; MSE compares images, also through a fused sigmoid', () => {
    const set = { count: 1, inputs: new Uint8Array([0, 255, 51]), labels: null, targets: null };
    const head = headFor({ kind: 'reconstruction' }, [3, 1, 1]);
    const t = new Float32Array(3);
    head.fillTargets(set, [0], 0, 1, t);
    expect(Array.from(t)).toEqual([0, 1, 0.2].map(Math.fround));
    const m = head.meter(set, true);
    m.add(new Float32Array([0, 0, 0]), [0], 0, 1);
    expect(m.result().mse).toBeCloseTo((0.25 + 0.25 + 0.09) / 3, 6);
  });

  describe('reconstruction on the kernels: targets gathered by them, the error measured by them', () => {
    const per = 130, count = 9;
    const rng = new Rng(4);
    const bytes = Uint8Array.from({ length: count * per }, () => (rng.next() < 0.7 ? 0 : rng.next() < 0.5 ? 255 : rng.int(256)));
    const sets: [string, SampleSet][] = [
      ['bytes', { count, inputs: bytes, labels: null, targets: null }],
      ['floats', { count, inputs: Float32Array.from(bytes, (b) => b / 200 - 0.1), labels: null, targets: null }],
    ];
    const head = headFor({ kind: 'reconstruction' }, [per]);
    const order = [4, 0, 8, 3, 3, 7, 1, 2, 6, 5];

    for (const backend of BACKENDS) {
      for (const [what, set] of sets) {
        it(`fillTargets through the ${backend.name} kernels is bit-identical to the loop (${what}, n = 1, 3, 5)`, () => {
          const k = backend.make();
          for (const n of [1, 3, 5]) {
            const loop = new Float32Array(n * per), viaKernels = k.floats(n * per), staged = new Float32Array(n * per);
            head.fillTargets(set, order, 2, n, loop);
            head.fillTargets(set, order, 2, n, viaKernels, k);
            head.fillTargets(set, order, 2, n, staged, k);
            expect([...viaKernels]).toEqual([...loop]);
            expect([...staged]).toEqual([...loop]);
          }
        });

        it(`its MSE through the ${backend.name} kernels is the loop's within float rounding (${what}, logits and values)`, () => {
          const k = backend.make(), r = new Rng(5);
          for (const logits of [true, false]) {
            const loop = head.meter(set, logits), viaKernels = head.meter(set, logits);
            for (const [from, n] of [[0, 1], [1, 3], [4, 5]] as const) {
              const out = k.floats(n * per);
              for (let i = 0; i < out.length; i++) out[i] = logits ? 4 * r.normal() : r.next() + 0.1 * r.normal();
              const targets = k.floats(n * per);
              head.fillTargets(set, order, from, n, targets, k);
              loop.add(out, order, from, n);
              viaKernels.add(out, order, from, n, targets, k);
            }
            const [a, b] = [loop.result().mse!, viaKernels.result().mse!];
            expect(a).toBeGreaterThan(0.01);
            expect(Math.abs(b - a) / a, `${logits ? 'logits' : 'values'}: ${b} vs ${a}`).toBeLessThan(2e-6);
            expect(viaKernels.sums()[1]).toBe(loop.sums()[1]);
          }
        });
      }
    }
  });
});
