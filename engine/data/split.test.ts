import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { splitSamples } from './split';
import { toyDataset } from './toy/toyDataset';

describe('splitSamples', () => {
  it('splits every sample exactly once, reproducibly from the seed', () => {
    const inputs = new Float32Array(20).map((_, i) => i);
    const labels = new Uint8Array(10).map((_, i) => i);
    const set = { count: 10, inputs, labels, targets: null };
    const a = splitSamples(set, 2, 0.3, new Rng(4)), b = splitSamples(set, 2, 0.3, new Rng(4));
    expect(a.test.count).toBe(3);
    expect(a.train.count).toBe(7);
    expect([...a.test.labels!, ...a.train.labels!].sort((x, y) => x - y)).toEqual([...labels]);
    expect(Array.from(a.test.labels!)).toEqual(Array.from(b.test.labels!));
    // Inputs travel with their label.
    for (let k = 0; k < 3; k++) expect(a.test.inputs[2 * k]).toBe(2 * a.test.labels![k]!);
    expect(() => splitSamples(set, 2, 1, new Rng(1))).toThrow(RangeError);
  });

  it('keeps a sample on each side of a tiny set', () => {
    const set = { count: 2, inputs: new Float32Array(4), labels: new Uint8Array(2), targets: null };
    const s = splitSamples(set, 2, 0.01, new Rng(1));
    expect([s.train.count, s.test.count]).toEqual([1, 1]);
  });
});

describe('toyDataset', () => {
  it('is a value that carries its shape, task and split', () => {
    const d = toyDataset({ kind: 'spiral', count: 300, arms: 3, seed: 9, testShare: 0.2 });
    expect(d.inputShape).toEqual([2]);
    expect(d.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2'] });
    expect([d.train.count, d.test.count]).toEqual([240, 60]);
    const r = toyDataset({ kind: 'surface', count: 100, seed: 1 });
    expect(r.task.kind).toBe('regression');
    expect(r.train.targets!.length).toBe(80);
    expect(Array.from(toyDataset({ kind: 'xor', count: 50, seed: 3 }).test.inputs)).toEqual(Array.from(toyDataset({ kind: 'xor', count: 50, seed: 3 }).test.inputs));
  });
});
