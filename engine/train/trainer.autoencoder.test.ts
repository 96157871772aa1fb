/**
 * Autoencoders in the trainer: inputs corrupted per batch from the run's seed, targets and
 * test figures always on the clean images; a sigmoid before a Reshape still fuses into the
 * binary cross-entropy; a softmax cross-entropy is refused for a reconstruction.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { reconstructionOf } from '../data/reconstruction';
import { formatMessage, type Message } from '../messages';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import type { Kernels } from '../core/kernels';
import { BACKENDS } from '../testing/backends';
import { barsDataset } from '../testing/syntheticData';
import type { TrainConfig } from './config';
import { train } from './trainer';
import { analyzeOptionsFor } from './taskHead';

const data = reconstructionOf(barsDataset(200, 40));
const SPEC: NetworkSpec = {
  input_shape: [8, 8, 1],
  layers: [
    { type: 'Flatten' }, { type: 'Dense', units: 6, activation: 'tanh' },
    { type: 'Dense', units: 64, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [8, 8, 1] },
  ],
};
const CONFIG: TrainConfig = { epochs: 2, batchSize: 16, learningRate: 0.01, optimizer: { type: 'adam' }, validationSize: 20, loss: 'binary_crossentropy' };
const build = (seed: number) => {
  const rng = new Rng(seed);
  return { rng, net: Network.fromSpec(SPEC, rng, { kernels: 'js', ...analyzeOptionsFor(data.task) }) };
};
const weights = (net: Network) => net.params.flatMap((p) => [...p.value]);

/** MSE of the network's images (it ends in a sigmoid) against the clean test images, by hand. */
function cleanTestMse(net: Network): number {
  const x = Float32Array.from(data.test.inputs, (v) => v / 255);
  const out = net.forward(x, data.test.count, { training: false });
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (out[i]! - x[i]!) ** 2;
  return sq / x.length;
}

describe('training an autoencoder', () => {
  it('fuses a sigmoid followed by a Reshape into the binary cross-entropy, and measures MSE on the images it draws', async () => {
    const { rng, net } = build(1);
    expect(net.finalActivation).toBe('sigmoid');
    const result = await train(net, data, { ...CONFIG, epochs: 6 }, rng);
    expect(result.status).toBe('completed');
    expect(result.test!.measures.mse).toBeCloseTo(cleanTestMse(net), 5);
    expect(result.history.at(-1)!.val!.mse!).toBeLessThan(result.history[0]!.val!.mse!);
  });

  for (const backend of BACKENDS) {
    it(`measures its images and gathers its targets in the network's kernels (${backend.name}), to the same figures`, async () => {
      const calls = { squaredError: 0, gatherInputs: 0 };
      const counted = new Proxy(backend.make(), {
        get(k, name, receiver) {
          const v = Reflect.get(k, name, receiver) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            if (name === 'squaredError' || name === 'gatherInputs') calls[name]++;
            return (v as (...a: unknown[]) => unknown).apply(k, args);
          };
        },
      }) as Kernels;
      const rng = new Rng(2), net = Network.fromSpec(SPEC, rng, { kernels: counted, ...analyzeOptionsFor(data.task) });
      const result = await train(net, data, CONFIG, rng);
      expect(result.status).toBe('completed');
      const batches = CONFIG.epochs * Math.ceil((data.train.count - CONFIG.validationSize!) / CONFIG.batchSize);
      // Every training batch: its inputs gathered once (they are its targets too), its error measured; then validation and test.
      expect(calls.gatherInputs).toBeGreaterThan(batches);
      expect(calls.gatherInputs).toBeLessThan(2 * batches);
      expect(calls.squaredError).toBeGreaterThan(batches);
      expect(result.test!.measures.mse).toBeCloseTo(cleanTestMse(net), 6);
      // Damaged inputs: the clean targets are gathered on their own.
      calls.gatherInputs = 0;
      const again = Network.fromSpec(SPEC, new Rng(2), { kernels: counted, ...analyzeOptionsFor(data.task) });
      await train(again, data, { ...CONFIG, corruption: { noise: 0.3 } }, new Rng(2));
      expect(calls.gatherInputs).toBeGreaterThan(2 * batches);
    });
  }

  it('corrupts training inputs from the seed, never the targets nor the test figures', async () => {
    const runs = [];
    for (const corruption of [undefined, { noise: 0.5, mask: 0.3 }, { noise: 0.5, mask: 0.3 }, { binarize: 0.5 }]) {
      const { rng, net } = build(3);
      const result = await train(net, data, { ...CONFIG, ...(corruption ? { corruption } : {}) }, rng);
      runs.push({ net, result });
    }
    const [clean, noisy, again, binary] = runs;
    // Same seed and settings: the same damage, the same weights.
    expect(weights(again!.net)).toEqual(weights(noisy!.net));
    expect(weights(noisy!.net)).not.toEqual(weights(clean!.net));
    expect(weights(binary!.net)).not.toEqual(weights(noisy!.net));
    // The test is measured on clean inputs against clean targets, whatever trained.
    for (const { net, result } of runs) expect(result.test!.measures.mse).toBeCloseTo(cleanTestMse(net), 5);
    // The running loss saw the damaged inputs, so it is worse than what clean validation measures.
    const last = noisy!.result.history.at(-1)!;
    expect(last.running.loss).toBeGreaterThan(last.train!.loss);
  });

  it('refuses a softmax cross-entropy and bad corruption settings, in both languages', async () => {
    const { rng, net } = build(1);
    const refusal = (config: TrainConfig) => train(net, data, config, rng).then(() => null, (e: unknown) => (e as { detail: Message }).detail);
    const ce = await refusal({ ...CONFIG, loss: 'categorical_crossentropy' });
    expect(formatMessage(ce!, 'en')).toMatch(/reconstruction compares images pixel by pixel/);
    expect(formatMessage(ce!, 'fr')).toMatch(/entropie croisée binaire/);
    const bad = await refusal({ ...CONFIG, corruption: { noise: 3, mask: 1 } });
    expect(formatMessage(bad!, 'en')).toMatch(/input noise.*0 to 2.*masked pixels/s);
  });
});
