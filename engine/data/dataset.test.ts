import { describe, expect, it } from 'vitest';
import { gatherInputs, imageDataset, limitDataset, pickSamples, sizeOfShape, sliceSamples, type SampleSet } from './dataset';

const images = (count: number, rows: number, cols: number, labels: number[]) => ({
  images: Uint8Array.from({ length: count * rows * cols }, (_, i) => i % 256), labels: Uint8Array.from(labels), count, rows, cols,
});

/** Five samples of 2 floats with a 3-value target each: sample i is [i, −i] → [i, 10i, 100i]. */
const values: SampleSet = {
  count: 5,
  inputs: Float32Array.from({ length: 10 }, (_, k) => (k % 2 ? -1 : 1) * Math.floor(k / 2)),
  labels: null,
  targets: Float32Array.from({ length: 15 }, (_, k) => Math.floor(k / 3) * 10 ** (k % 3)),
};

describe('dataset values', () => {
  it('makes an image classification dataset, its classes named from the labels (at least two) unless named', () => {
    const d = imageDataset('digits', images(3, 2, 4, [0, 4, 1]), images(2, 2, 4, [2, 6]));
    expect(d.inputShape).toEqual([2, 4, 1]);
    expect(d.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2', '3', '4', '5', '6'] });
    expect(d.train).toMatchObject({ count: 3, targets: null });
    expect(d.train.inputs).toBeInstanceOf(Uint8Array);
    expect(Array.from(d.test.labels!)).toEqual([2, 6]);
    expect(imageDataset('one', images(2, 1, 1, [0, 0]), images(1, 1, 1, [0])).task).toEqual({ kind: 'classification', classNames: ['0', '1'] });
    expect(imageDataset('named', images(1, 1, 1, [1]), images(1, 1, 1, [0]), ['cat', 'dog']).task).toEqual({ kind: 'classification', classNames: ['cat', 'dog'] });
    expect(sizeOfShape([28, 28, 1])).toBe(784);
    expect(sizeOfShape([2])).toBe(2);
  });

  it('slices samples with their labels or targets, sharing memory', () => {
    const s = sliceSamples(values, 2, 1, 3);
    expect(s.count).toBe(2);
    expect(Array.from(s.inputs)).toEqual([1, -1, 2, -2]);
    expect(Array.from(s.targets!)).toEqual([1, 10, 100, 2, 20, 200]);
    expect(s.labels).toBeNull();
    expect(s.inputs.buffer).toBe(values.inputs.buffer);
    const labelled = sliceSamples({ count: 3, inputs: new Uint8Array(6), labels: Uint8Array.from([7, 8, 9]), targets: null }, 2, 2, 3);
    expect(Array.from(labelled.labels!)).toEqual([9]);
    expect(labelled.targets).toBeNull();
  });

  it('picks samples by index into a copy, targets following their inputs', () => {
    const p = pickSamples(values, 2, [4, 0, 4]);
    expect(p.count).toBe(3);
    expect(p.inputs).toBeInstanceOf(Float32Array);
    expect(Array.from(p.inputs)).toEqual([4, -4, 0, -0, 4, -4]);
    expect(Array.from(p.targets!)).toEqual([4, 40, 400, 0, 0, 0, 4, 40, 400]);
    expect(p.inputs.buffer).not.toBe(values.inputs.buffer);
    const bytes = pickSamples({ count: 2, inputs: Uint8Array.from([1, 2, 3, 4]), labels: Uint8Array.from([5, 6]), targets: null }, 2, [1]);
    expect(bytes.inputs).toBeInstanceOf(Uint8Array);
    expect([Array.from(bytes.inputs), Array.from(bytes.labels!)]).toEqual([[3, 4], [6]]);
  });

  it('limits a dataset to its first samples, and leaves it alone without a limit', () => {
    const d = imageDataset('digits', images(6, 2, 2, [0, 1, 2, 0, 1, 2]), images(3, 2, 2, [2, 1, 0]));
    const l = limitDataset(d, 4);
    expect([l.train.count, l.test.count]).toEqual([4, 3]);
    expect(Array.from(l.train.labels!)).toEqual([0, 1, 2, 0]);
    expect(l.train.inputs.length).toBe(16);
    expect([l.name, l.inputShape, l.task]).toEqual([d.name, d.inputShape, d.task]);
    expect(limitDataset(d, null)).toBe(d);
    expect(limitDataset(d, undefined)).toBe(d);
  });

  it('gathers bytes as value / 255 and floats as they are', () => {
    const out = new Float32Array(4);
    gatherInputs({ count: 2, inputs: Uint8Array.from([0, 51, 255, 102]), labels: null, targets: null }, 2, [1, 0], 0, 2, out);
    expect(Array.from(out)).toEqual([1, 0.4, 0, 0.2].map((v) => Math.fround(v)));
    gatherInputs(values, 2, [3, 1, 2], 1, 2, out);
    expect(Array.from(out)).toEqual([1, -1, 2, -2]);
  });
});
