import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { lossByName } from '../losses';
import { Network } from '../model/network';
import { barsImageSet } from '../testing/syntheticData';
import { evaluate } from './evaluate';

describe('evaluate', () => {
  it('gives a confusion matrix, accuracy and the misclassified images consistently, whatever the chunk size', () => {
    const set = barsImageSet(203, new Rng(4));
    const net = Network.fromSpec({
      input_shape: [8, 8, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'softmax' }],
    }, new Rng(1), { numClasses: 3 });
    const ce = lossByName('categorical_crossentropy');
    const a = evaluate(net, set, ce, { chunk: 500 });
    const b = evaluate(net, set, ce, { chunk: 17 });
    expect(b.confusion).toEqual(a.confusion);
    expect(b.loss).toBeCloseTo(a.loss, 6);
    const total = a.confusion.flat().reduce((s, v) => s + v, 0);
    const diagonal = a.confusion.reduce((s, row, i) => s + row[i]!, 0);
    expect(total).toBe(203);
    expect(a.accuracy).toBeCloseTo(diagonal / 203, 10);
    expect(a.misclassified).toHaveLength(203 - diagonal);
    for (const m of a.misclassified) {
      expect(set.labels[m.index]).toBe(m.label);
      expect(m.predicted).not.toBe(m.label);
      expect(m.confidence).toBeGreaterThan(1 / 3 - 1e-6);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    // Per-row sums are the label histogram.
    for (let c = 0; c < 3; c++) {
      expect(a.confusion[c]!.reduce((s, v) => s + v, 0)).toBe(set.labels.filter((l) => l === c).length);
    }
  });
});
