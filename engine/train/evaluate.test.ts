import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { lossByName } from '../losses';
import { Network } from '../model/network';
import { imageDataset } from '../data/dataset';
import { barsImageSet } from '../testing/syntheticData';
import { evaluate } from './evaluate';
import { headFor } from './taskHead';

describe('evaluate', () => {
  it('gives a confusion matrix, accuracy and the misclassified images consistently, whatever the chunk size', () => {
    const images = barsImageSet(203, new Rng(4));
    const data = imageDataset('bars', images, images);
    const set = data.train;
    const net = Network.fromSpec({
      input_shape: [8, 8, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'softmax' }],
    }, new Rng(1), { numClasses: 3 });
    const ce = lossByName('categorical_crossentropy');
    const head = headFor(data.task, data.inputShape, net.outputSize);
    const a = evaluate(net, set, head, ce, { chunk: 500 });
    const b = evaluate(net, set, head, ce, { chunk: 17 });
    const confusion = a.confusion!;
    expect(b.confusion).toEqual(a.confusion);
    expect(b.measures.loss).toBeCloseTo(a.measures.loss, 6);
    const total = confusion.flat().reduce((s, v) => s + v, 0);
    const diagonal = confusion.reduce((s, row, i) => s + row[i]!, 0);
    expect(total).toBe(203);
    expect(a.measures.accuracy).toBeCloseTo(diagonal / 203, 10);
    expect(a.misclassified).toHaveLength(203 - diagonal);
    for (const m of a.misclassified) {
      expect(images.labels[m.index]).toBe(m.label);
      expect(m.predicted).not.toBe(m.label);
      expect(m.confidence).toBeGreaterThan(1 / 3 - 1e-6);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    // Per-row sums are the label histogram.
    for (let c = 0; c < 3; c++) {
      expect(confusion[c]!.reduce((s, v) => s + v, 0)).toBe(images.labels.filter((l) => l === c).length);
    }
  });
});
