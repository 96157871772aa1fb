/**
 * The trainer's hooks for watched training: `holdBefore` makes it yield before a chosen
 * batch (step mode, a slow pace) whatever the time since the last yield, and
 * `learningRate` changes the base rate of a run under way.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { barsDataset } from '../testing/syntheticData';
import type { TrainConfig } from './config';
import { train, type BatchPosition, type TrainEvent } from './trainer';

const MLP: NetworkSpec = {
  input_shape: [8, 8, 1],
  layers: [{ type: 'Flatten' }, { type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 3, activation: 'softmax' }],
};
// 500 fitted samples in batches of 50: 10 batches an epoch.
const BASE: TrainConfig = { epochs: 2, batchSize: 50, learningRate: 0.01, optimizer: { type: 'sgd' }, validationSize: 100 };

function setup() {
  const rng = new Rng(3);
  return { rng, data: barsDataset(600, 200, 100, 200), net: Network.fromSpec(MLP, rng, { numClasses: 3 }) };
}

describe('watched training hooks', () => {
  it('yields before every batch holdBefore asks for, with the position of the batch about to train', async () => {
    const { rng, data, net } = setup();
    const seen: BatchPosition[] = [];
    let trained = 0;
    const before: number[] = [];
    await train(net, data, BASE, rng, {
      onEvent: (e) => { if (e.type === 'batch') trained++; },
      // Far longer than the run: only holdBefore can make it yield.
      yieldEveryMs: 1e9,
      holdBefore: (next) => next.batch % 3 === 0,
      between: (next) => { seen.push(next); before.push(trained); },
    });
    expect(seen).toEqual([0, 3, 6, 9].flatMap((batch) => [{ epoch: 0, batch }]).concat([0, 3, 6, 9].map((batch) => ({ epoch: 1, batch }))));
    // Each yield comes before its batch trains: after exactly epoch·10 + batch batches.
    expect(before).toEqual(seen.map((p) => p.epoch * 10 + p.batch));
  });

  it('takes the base learning rate from the hook from the next batch on, the schedule applied to it', async () => {
    const { rng, data, net } = setup();
    const rates: number[] = [];
    let rate: number | null = null;
    const config: TrainConfig = { ...BASE, schedule: { type: 'step', every: 1, factor: 0.5 } };
    await train(net, data, config, rng, {
      onEvent: (e: TrainEvent) => {
        if (e.type !== 'batch') return;
        rates.push(e.learningRate);
        if (e.epoch === 0 && e.batch === 4) rate = 0.2;
        if (e.epoch === 1 && e.batch === 4) rate = null;
      },
      learningRate: () => rate,
    });
    expect(rates.slice(0, 5)).toEqual([0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(rates.slice(5, 10)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    // Epoch 2 halves whatever base is in force; null goes back to the config's.
    expect(rates.slice(10, 15)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(rates.slice(15)).toEqual([0.005, 0.005, 0.005, 0.005, 0.005]);
  });

  it('names the rate in force when the run diverges', async () => {
    const { rng, data } = setup();
    const linear = Network.fromSpec({ ...MLP, layers: [{ type: 'Flatten' }, { type: 'Dense', units: 16 }, { type: 'Dense', units: 3 }] }, rng, { numClasses: 3 });
    const result = await train(linear, data, { ...BASE, loss: 'mean_squared_error' }, rng, { learningRate: () => 10 });
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/Lower the learning rate \(now 10\)/);
  });
});
