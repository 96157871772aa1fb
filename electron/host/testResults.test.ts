import { describe, expect, it } from 'vitest';
import { TestResults } from './testResults';

function results() {
  // 6 images of 2×2 pixels; pixel bytes = the image index.
  const labels = Uint8Array.from([1, 1, 2, 2, 1, 0]);
  const predicted = Uint8Array.from([1, 2, 2, 1, 1, 2]);
  const confidence = Float32Array.from([0.9, 0.6, 0.7, 0.95, 0.99, 0.6]);
  const images = Uint8Array.from({ length: 24 }, (_, i) => Math.floor(i / 4));
  return new TestResults('run-1', { labels, predicted, confidence, images, rows: 2, cols: 2 });
}

describe('TestResults', () => {
  it('counts and orders the mistakes, most confident first (ties by index)', () => {
    const r = results();
    expect(r.count).toBe(6);
    expect(r.misclassifiedCount).toBe(3);
    expect(r.misclassified(10).map((e) => e.index)).toEqual([3, 1, 5]);
    expect(r.misclassified(2).map((e) => e.index)).toEqual([3, 1]);
    expect(r.misclassified(0)).toEqual([]);
  });

  it('answers any cell, the diagonal too, with base64 pixels', () => {
    const r = results();
    const diag = r.cell(1, 1, 10);
    expect(diag.map((e) => e.index)).toEqual([4, 0]);
    const first = diag[0]!;
    expect(first).toEqual({ index: 4, label: 1, predicted: 1, confidence: expect.closeTo(0.99, 5), pixels: Buffer.from([4, 4, 4, 4]).toString('base64') });
    expect(r.cell(2, 1, 10).map((e) => e.index)).toEqual([3]);
    expect(r.cell(9, 9, 10)).toEqual([]);
  });
});
