/**
 * Saved models whose weights make no sense: finite but huge weights are refused when the
 * model loads, and weights that pass that check yet overflow in a deep network give a
 * message about the weights rather than probabilities of NaN (sent as null).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng, Network, type NetworkSpec } from '../../engine';
import { saveModel } from '../../engine/node';
import { makeTestHost, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

const pixels = Array.from({ length: 784 }, () => 1);
const DEEP: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [{ type: 'Flatten' }, ...Array.from({ length: 5 }, () => ({ type: 'Dense' as const, units: 100 })), { type: 'Dense', units: 10, activation: 'softmax' }],
};

async function put(id: string, weight: number): Promise<void> {
  const network = Network.fromSpec(DEEP, new Rng(1), { numClasses: null });
  for (const p of network.params) p.value.fill(weight);
  await saveModel(path.join(t.modelsDir, id), network, { appVersion: 't', createdAt: new Date().toISOString(), name: id });
}

describe('predict with weights that make no sense', () => {
  it('refuses finite but huge weights when loading, with the reason', async () => {
    await put('huge', 3e38);
    const e = await t.err('predict', { pixels, model: { kind: 'saved', id: 'huge' }, withActivations: false });
    expect(e.code).toBe('bad-file');
    expect(e.message).toMatch(/holds the weight 3\.0e\+38 in dense_1\/kernel, far beyond what training produces/);
    expect((e as { detail?: { key: string } }).detail?.key).toBe('modelFile.hugeWeight');
  });

  it('says the weights are too large when the outputs overflow, rather than sending null probabilities', async () => {
    // 1e6 passes the load check, but 784 × 1e6, then × 100 × 1e6 per layer, overflows float32 by the fifth layer.
    await put('overflow', 1e6);
    const e = await t.err('predict', { pixels, model: { kind: 'saved', id: 'overflow' }, withActivations: false });
    expect(e.code).toBe('bad-file');
    expect(e.message).toMatch(/outputs are not numbers \(its weights are too large, or damaged\)/);
    expect((e as { detail?: { key: string } }).detail?.key).toBe('modelFile.nonFiniteOutput');
  });
});
