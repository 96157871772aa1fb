/**
 * The learning figures the course's 2-D lessons rest on, each measured on the generated test
 * points (documents 000 and 004 in ../shared/course): XOR needs a hidden layer, three spiral
 * arms need a wider one, and two Gaussian blobs are separated by one sigmoid unit trained with
 * binary cross-entropy. (Circles with 8 tanh units, the linear model that stays at chance on
 * them and the regression surface are measured through the command line: cliPlane.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng';
import { Network } from '../../model/network';
import type { NetworkSpec } from '../../model/spec';
import type { TrainConfig } from '../../train/config';
import { train } from '../../train/trainer';
import { toyDataset } from './toyDataset';
import type { ToyKind } from './generators';

const dense = (units: number, activation: 'tanh' | 'softmax' | 'sigmoid') => ({ type: 'Dense' as const, units, activation });

async function testAccuracy(kind: ToyKind, layers: NetworkSpec['layers'], config: TrainConfig, opts: { arms?: 2 | 3; seed: number }): Promise<number> {
  const data = toyDataset({ kind, count: 1000, seed: opts.seed, ...(opts.arms ? { arms: opts.arms } : {}) });
  const rng = new Rng(opts.seed + 100);
  const net = Network.fromSpec({ input_shape: [2], layers }, rng, { numClasses: null });
  const result = await train(net, data, config, rng);
  expect(result.status).toBe('completed');
  return result.test!.measures.accuracy!;
}

describe('the course’s 2-D figures', () => {
  it('XOR: one hidden tanh layer of 8 units reaches ≥ 97 %', async () => {
    for (const seed of [1, 2]) {
      const accuracy = await testAccuracy('xor', [dense(8, 'tanh'), dense(2, 'softmax')],
        { epochs: 150, batchSize: 16, learningRate: 0.02, optimizer: { type: 'adam' } }, { seed });
      expect(accuracy).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('a 3-arm spiral: two hidden tanh layers reach ≥ 90 %', async () => {
    const accuracy = await testAccuracy('spiral', [dense(32, 'tanh'), dense(32, 'tanh'), dense(3, 'softmax')],
      { epochs: 150, batchSize: 16, learningRate: 0.01, optimizer: { type: 'adam' } }, { arms: 3, seed: 1 });
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('two Gaussian blobs: Dense(1, sigmoid) with binary cross-entropy reaches ≥ 99 %', async () => {
    for (const seed of [1, 2]) {
      const accuracy = await testAccuracy('blobs', [dense(1, 'sigmoid')],
        { epochs: 30, batchSize: 16, learningRate: 0.05, optimizer: { type: 'adam' }, loss: 'binary_crossentropy' }, { seed });
      expect(accuracy).toBeGreaterThanOrEqual(0.99);
    }
  });
});
