import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import { barsDataset } from '../testing/syntheticData';
import { codeLabels, codeLayerIndex, computeCodes, inputCodes } from './codes';
import { runEmbedding } from './embedding';
import { kmeansClusters } from './kmeans';
import { pcaProjection } from './pca';
import { clusterLabelTable, majorityLabels, purity } from './purity';
import { tsneEmbedding } from './tsne';
import { umapEmbedding } from './umap';

/** `perClass` points around each of `k` centres far apart in `dim` dimensions; label = centre. */
function blobs(k: number, perClass: number, dim: number, spread: number, seed = 1): { values: Float32Array; labels: Uint8Array; count: number } {
  const rng = new Rng(seed), count = k * perClass;
  const values = new Float32Array(count * dim), labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % k;
    for (let d = 0; d < dim; d++) values[i * dim + d] = (d === labels[i]! % dim ? 10 : 0) + (d === (labels[i]! + 1) % dim ? 5 * Math.floor(labels[i]! / dim) : 0) + spread * rng.normal();
  }
  return { values, labels, count };
}

/** Share of points whose nearest other point in the picture has their label. */
function neighbourAgreement(points: Float32Array, labels: Uint8Array): number {
  const n = labels.length;
  let agree = 0;
  for (let i = 0; i < n; i++) {
    let best = -1, bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (points[2 * i]! - points[2 * j]!) ** 2 + (points[2 * i + 1]! - points[2 * j + 1]!) ** 2;
      if (d < bestD) [best, bestD] = [j, d];
    }
    if (labels[best] === labels[i]) agree++;
  }
  return agree / n;
}

describe('k-means and purity', () => {
  it('finds well-separated clusters: purity 1; with the labels shuffled, about 1/k', () => {
    const { values, labels, count } = blobs(5, 40, 5, 0.3);
    const c = kmeansClusters(values, count, 5, { k: 5, restarts: 3, rng: new Rng(2) });
    const table = clusterLabelTable(c.clusters, labels, 5, 5);
    expect(purity(table)).toBe(1);
    expect(new Set(majorityLabels(table)).size).toBe(5);
    const shuffled = Array.from(labels);
    new Rng(9).shuffle(shuffled);
    const p = purity(clusterLabelTable(c.clusters, shuffled, 5, 5));
    expect(p).toBeGreaterThan(0.2);
    expect(p).toBeLessThan(0.4);
  });

  it('is deterministic from the seed, keeps the restart of lowest inertia, and reports progress', () => {
    const { values, count } = blobs(4, 30, 3, 2);
    const runs: number[] = [];
    const a = kmeansClusters(values, count, 3, { k: 4, restarts: 4, rng: new Rng(5), onProgress: (done) => runs.push(done) });
    const b = kmeansClusters(values, count, 3, { k: 4, restarts: 4, rng: new Rng(5) });
    expect(runs).toEqual([1, 2, 3, 4]);
    expect([...a.clusters]).toEqual([...b.clusters]);
    const single = [1, 2, 3, 4, 5, 6].map((s) => kmeansClusters(values, count, 3, { k: 4, restarts: 1, rng: new Rng(s) }).inertia);
    const many = kmeansClusters(values, count, 3, { k: 4, restarts: 6, rng: new Rng(1) }).inertia;
    expect(many).toBeLessThanOrEqual(Math.max(...single));
    expect(() => kmeansClusters(values, count, 3, { k: 0, rng: new Rng(1) })).toThrow(RangeError);
  });
});

describe('2-D pictures of codes', () => {
  it('PCA finds the direction the codes spread along', () => {
    const rng = new Rng(3), count = 100;
    const values = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const t = rng.normal() * 5;
      values.set([t, 2 * t + 0.01 * rng.normal(), 0.01 * rng.normal()], i * 3);
    }
    const p = pcaProjection(values, count, 3);
    expect(p.points).toHaveLength(200);
    expect(p.explainedVariance[0]).toBeGreaterThan(0.999);
    // The first coordinate is the position along the line, up to its sign.
    const corr = Math.abs(correlation(Array.from({ length: count }, (_, i) => p.points[2 * i]!), Array.from({ length: count }, (_, i) => values[3 * i]!)));
    expect(corr).toBeGreaterThan(0.999);
  });

  for (const method of ['tsne', 'umap'] as const) {
    it(`${method} keeps clusters apart, step by step, the same from the same seed`, () => {
      const { values, labels, count } = blobs(3, 30, 4, 0.5);
      const make = (seed: number) => (method === 'tsne'
        ? tsneEmbedding(values, count, 4, { rng: new Rng(seed), iterations: 300, perplexity: 10 })
        : umapEmbedding(values, count, 4, { rng: new Rng(seed), neighbors: 10, epochs: 150 }));
      const e = make(1), seen: number[] = [];
      const final = runEmbedding(e, 100, (_, done, total) => seen.push(done / total));
      expect(seen.at(-1)).toBe(1);
      expect(seen.length).toBeGreaterThan(1);
      expect(e.done).toBe(true);
      expect(final.every(Number.isFinite)).toBe(true);
      expect(neighbourAgreement(final, labels)).toBeGreaterThan(0.95);
      expect([...runEmbedding(make(1), 100)]).toEqual([...final]);
      expect([...runEmbedding(make(2), 100)]).not.toEqual([...final]);
    });
  }
});

describe('codes of a network', () => {
  it('default to the narrowest hidden layer (an autoencoder\'s code), or the layer the model file marks', () => {
    const net = Network.fromSpec(PRESETS.autoencoder2d, new Rng(1), { numClasses: null, kernels: 'js' });
    expect(codeLayerIndex(net.layers)).toBe(2);
    expect(net.layers[2]!.name).toBe('code');
    expect(codeLayerIndex(net.layers, 'dense_2')).toBe(3);
    expect(codeLayerIndex(net.layers, 'no such layer')).toBe(2);
    // A classifier: its hidden layer, not its output.
    expect(codeLayerIndex(Network.fromSpec(PRESETS.mlp, new Rng(1)).layers)).toBe(1);
  });

  it('are the layer\'s outputs, computed in batches, in the order asked', () => {
    const data = barsDataset(10, 30);
    const net = Network.fromSpec({ input_shape: [8, 8, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'tanh' }, { type: 'Dense', units: 2 }] },
      new Rng(1), { numClasses: null, kernels: 'js' });
    const indices = Int32Array.from([5, 0, 29, 7]);
    const progress: number[] = [];
    const codes = computeCodes(net, data.test, 1, { indices, chunk: 3, onProgress: (done) => progress.push(done) });
    expect([codes.count, codes.dim, progress]).toEqual([4, 3, [3, 4]]);
    const pixels = inputCodes(data.test, 64, indices);
    const byHand = net.forwardLayers(pixels.values, 4)[1]!;
    for (let i = 0; i < 12; i++) expect(codes.values[i]).toBeCloseTo(byHand[i]!, 6);
    expect([...codeLabels(data.test, indices)!]).toEqual([5, 0, 29, 7].map((i) => data.test.labels![i]!));
  });
});

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length, mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
