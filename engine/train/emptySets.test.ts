import { expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { formatMessage } from '../messages';
import { Network } from '../model/network';
import { imageTrainData } from '../testing/syntheticData';
import { TrainConfigError } from './config';
import { train } from './trainer';

const SPEC = { input_shape: [4, 4, 1] as [number, number, number], layers: [{ type: 'Flatten' as const }, { type: 'Dense' as const, units: 10 }] };
const set = (count: number) => ({ images: new Uint8Array(count * 16), labels: new Uint8Array(count), count, rows: 4, cols: 4 });
const CONFIG = { epochs: 1, batchSize: 4, learningRate: 0.1, optimizer: { type: 'sgd' as const } };

it('says an empty training set has no images, not that the validation split must be from 0 to -1', async () => {
  const err = await train(Network.fromSpec(SPEC, new Rng(1)), imageTrainData(set(0), null, 10), CONFIG, new Rng(2)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TrainConfigError);
  expect((err as TrainConfigError).message).toBe('The training set has no images; a network cannot learn from nothing. Choose a dataset with training images.');
  expect(formatMessage((err as TrainConfigError).detail!, 'fr')).toMatch(/ne contient aucune image/);
});

it('reports no test result for an empty test set, rather than 0 % of 0', async () => {
  const result = await train(Network.fromSpec(SPEC, new Rng(1)), imageTrainData(set(20), set(0), 10), { ...CONFIG, validationSize: 0 }, new Rng(2));
  expect(result.status).toBe('completed');
  expect(result.test).toBeNull();
});
