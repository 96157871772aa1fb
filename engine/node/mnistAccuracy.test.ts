import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { Dataset } from '../data/dataset';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import type { TrainConfig } from '../train/config';
import { train } from '../train/trainer';
import { loadMnist } from './datasets';

/**
 * The accuracy the product promises, on the real MNIST test set, training on the full
 * 60,000-image training set. Settings are the ones a student would pick (Adam, batch 64)
 * with a decaying learning rate, sized to fit CI on two cores.
 */
const RUNS: { preset: 'mlp' | 'cnn'; target: number; config: TrainConfig }[] = [
  {
    preset: 'mlp', target: 0.975,
    config: { epochs: 6, batchSize: 64, learningRate: 0.002, optimizer: { type: 'adam' }, validationSize: 0, schedule: { type: 'step', every: 1, factor: 0.7 } },
  },
  {
    preset: 'cnn', target: 0.985,
    config: { epochs: 4, batchSize: 64, learningRate: 0.004, optimizer: { type: 'adam' }, validationSize: 0, schedule: { type: 'step', every: 1, factor: 0.5 } },
  },
];

describe('real MNIST', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadMnist();
  });

  for (const { preset, target, config } of RUNS) {
    it(`the ${preset} preset reaches ≥ ${(target * 100).toFixed(1)} % test accuracy`, async () => {
      const rng = new Rng(1);
      const net = Network.fromSpec(PRESETS[preset], rng);
      const result = await train(net, mnist, config, rng);
      const accuracy = result.test!.measures.accuracy!;
      console.log(`MNIST ${preset}: test accuracy ${(accuracy * 100).toFixed(2)} % after ${config.epochs} epochs in ${result.seconds.toFixed(0)} s`);
      expect(result.status).toBe('completed');
      expect(accuracy).toBeGreaterThanOrEqual(target);
    }, 900_000);
  }
});
