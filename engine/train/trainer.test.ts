import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { barsDataset, barsImageSet, imageTrainData } from '../testing/syntheticData';
import { TrainConfigError, type TrainConfig } from './config';
import { lossByName } from '../losses';
import { evaluate, type Evaluation } from './evaluate';
import { headFor } from './taskHead';
import { MAX_MEASURED_TRAIN, train, type TrainData, type TrainEvent, type TrainHooks } from './trainer';
import { formatMessage } from '../messages';
import { expectWorded } from '../testing/messages';

const MLP: NetworkSpec = {
  input_shape: [8, 8, 1],
  layers: [{ type: 'Flatten' }, { type: 'Dense', units: 16, activation: 'relu' }, { type: 'Dense', units: 3, activation: 'softmax' }],
};
const CNN: NetworkSpec = {
  input_shape: [8, 8, 1],
  layers: [
    { type: 'Conv2D', filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Dropout', rate: 0.1 },
    { type: 'Flatten' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};
const BASE: TrainConfig = { epochs: 3, batchSize: 16, learningRate: 0.01, optimizer: { type: 'adam' }, validationSize: 100 };

function setup(spec: NetworkSpec, seed = 1) {
  const rng = new Rng(seed);
  const data = barsDataset(600, 200, 100, 200);
  return { rng, data, net: Network.fromSpec(spec, rng, { numClasses: 3 }) };
}

describe('train', () => {
  for (const [name, spec] of [['MLP', MLP], ['CNN', CNN]] as const) {
    it(`learns a tiny image task (${name})`, async () => {
      const { rng, data, net } = setup(spec);
      const result = await train(net, data, BASE, rng);
      expect(result.status).toBe('completed');
      expect(result.history).toHaveLength(3);
      expect(result.history[2]!.running.loss).toBeLessThan(result.history[0]!.running.loss);
      expect(result.test!.measures.accuracy).toBeGreaterThan(0.9);
      expect(result.history[2]!.val!.accuracy).toBeGreaterThan(0.9);
    });
  }

  it('learns with every optimizer, loss and batch regime', async () => {
    const configs: Partial<TrainConfig>[] = [
      { batchSize: 1, epochs: 1, optimizer: { type: 'sgd' }, learningRate: 0.02 },
      { batchSize: 500, epochs: 40, optimizer: { type: 'sgd', momentum: 0.9, nesterov: true }, learningRate: 0.5 },
      { optimizer: { type: 'sgd', momentum: 0.9, weight_decay: 1e-4 }, learningRate: 0.05, schedule: { type: 'step', every: 1, factor: 0.7 } },
      { loss: 'mean_squared_error', schedule: { type: 'exponential', rate: 0.5, decay_steps: 50 } },
      { loss: 'binary_crossentropy', learningRate: 0.02 },
      { loss: 'mean_absolute_error', learningRate: 0.02, epochs: 5 },
    ];
    for (const c of configs) {
      const { rng, data, net } = setup(MLP);
      const result = await train(net, data, { ...BASE, ...c }, rng);
      expect(result.test!.measures.accuracy, JSON.stringify(c)).toBeGreaterThan(0.85);
    }
  });

  it('is deterministic: the same seed gives identical weights and history', async () => {
    const runs = await Promise.all([1, 1, 2].map(async (seed) => {
      const { rng, data, net } = setup(CNN, seed);
      const result = await train(net, data, BASE, rng);
      return { weights: net.params.map((p) => [...p.value]), history: result.history.map((h) => h.running.loss) };
    }));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]!.weights).not.toEqual(runs[0]!.weights);
  });

  it('gives the same step whether a batch is computed at once or in chunks', async () => {
    const weights = await Promise.all([60, 7].map(async (chunkSize) => {
      const { rng, data, net } = setup(MLP);
      await train(net, data, { ...BASE, epochs: 1, batchSize: 60, chunkSize }, rng);
      return net.params.flatMap((p) => [...p.value]);
    }));
    for (let i = 0; i < weights[0]!.length; i++) expect(weights[1]![i]).toBeCloseTo(weights[0]![i]!, 4);
  });

  it('measures the training images after each epoch as evaluate() does, with the weights at the end of the epoch', async () => {
    const { rng, data, net } = setup(CNN);
    // 300 training images and 300 held out: the measured subset is then the whole training part.
    const config = { ...BASE, validationSize: 300 };
    const fitIndices = Int32Array.from({ length: 300 }, (_, i) => i);
    const head = headFor(data.task, data.inputShape, net.outputSize);
    const expected: Evaluation[] = [];
    const result = await train(net, data, config, rng, {
      onEvent: (e) => { if (e.type === 'epoch') expected.push(evaluate(net, data.train, head, lossByName('categorical_crossentropy'), { indices: fitIndices })); },
    });
    expect(result.history).toHaveLength(3);
    result.history.forEach((h, i) => {
      expect(h.trainCount).toBe(300);
      expect(h.train!.accuracy).toBe(expected[i]!.measures.accuracy);
      expect(h.train!.loss).toBeCloseTo(expected[i]!.measures.loss, 6);
    });
    // Measured in inference mode on fixed weights, unlike the running average over the epoch.
    expect(result.history[0]!.train!.loss).not.toBe(result.history[0]!.running.loss);
  });

  it('measures as many training images as validation has, at most 5,000, and keeps the seed\'s trajectory', async () => {
    const runs = await Promise.all([1, 1].map(async () => {
      const { rng, data, net } = setup(MLP);
      const result = await train(net, data, BASE, rng);
      return result.history.map((h) => [h.trainCount, h.train!.loss, h.running.loss]);
    }));
    expect(runs[0]!.map((h) => h[0])).toEqual([100, 100, 100]);
    expect(runs[1]).toEqual(runs[0]);
    const { rng, data, net } = setup(MLP);
    const noValidation = await train(net, data, { ...BASE, epochs: 1, validationSize: 0 }, rng);
    expect(noValidation.history[0]!.trainCount).toBe(600);
    const big = imageTrainData(barsImageSet(12_000, new Rng(100)));
    const capped = await train(Network.fromSpec(MLP, rng, { numClasses: 3 }), big, { ...BASE, epochs: 1, batchSize: 500, validationSize: 6000 }, rng);
    expect(capped.history[0]!.trainCount).toBe(MAX_MEASURED_TRAIN);
  });

  it('reports events in order with progress figures', async () => {
    const { rng, data, net } = setup(MLP);
    const events: TrainEvent[] = [];
    await train(net, data, { ...BASE, epochs: 2 }, rng, { onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({
      type: 'start', trainCount: 500, valCount: 100, batchesPerEpoch: 32, epochs: 2, head: 'classification', metrics: ['accuracy'],
    });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches).toHaveLength(64);
    expect(batches.at(-1)).toMatchObject({ samplesDone: 1000, samplesTotal: 1000, etaSeconds: 0 });
    for (const b of batches) {
      expect(Object.keys(b.measures).sort()).toEqual(['accuracy', 'loss']);
      expect(b.measures.loss).toBeGreaterThan(0);
      expect(b.measures.accuracy).toBeGreaterThanOrEqual(0);
      expect(b.measures.accuracy).toBeLessThanOrEqual(1);
    }
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e as { epoch: number }).epoch)).toEqual([0, 1]);
    // The test set is evaluated last, announced once training is over.
    expect(events.map((e) => e.type).slice(-2)).toEqual(['epoch', 'testing']);
    expect(events.filter((e) => e.type === 'testing')).toHaveLength(1);
  });

  it('stops between batches when asked, yielding to the caller meanwhile', async () => {
    const { rng, data, net } = setup(MLP);
    let batches = 0, yields = 0;
    const result = await train(net, data, BASE, rng, {
      onEvent: (e) => { if (e.type === 'batch') batches++; },
      shouldStop: () => batches >= 3,
      between: () => { yields++; },
      yieldEveryMs: 0,
    });
    expect(result.status).toBe('stopped');
    expect(batches).toBe(3);
    expect(yields).toBeGreaterThanOrEqual(3);
    expect(result.test).toBeNull();
  });

  it('stops with advice when the loss diverges', async () => {
    const { rng, data, net } = setup({ ...MLP, layers: [{ type: 'Flatten' }, { type: 'Dense', units: 16 }, { type: 'Dense', units: 3 }] });
    const result = await train(net, data, { ...BASE, loss: 'mean_squared_error', optimizer: { type: 'sgd' }, learningRate: 10 }, rng);
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/diverged at epoch 1, batch \d+: the loss became (NaN|infinite)\. Lower the learning rate \(now 10\)/);
    expectWorded(result.detail, 'diverged');
    expect(formatMessage(result.detail!, 'fr')).toMatch(/^L’entraînement a divergé à l’époque 1, lot \d+ : la perte est devenue (NaN \(pas un nombre\)|infinie)\. Baissez le taux d’apprentissage \(actuellement 10\)/);
  });

  it('refuses bad settings with one clear message', async () => {
    const { rng, data, net } = setup(MLP);
    const bad: [Partial<TrainConfig>, RegExp][] = [
      [{ batchSize: 501 }, /batch size 501 is larger than the 500 training images/],
      [{ learningRate: 0 }, /learning rate must be a number greater than 0/],
      [{ learningRate: Number.NaN }, /learning rate/],
      [{ epochs: 0 }, /epochs must be/],
      [{ validationSize: 600 }, /validation split/],
      [{ optimizer: { type: 'rmsprop' } as never }, /optimizer must be sgd or adam/],
    ];
    for (const [c, message] of bad) {
      await expect(train(net, data, { ...BASE, ...c }, rng)).rejects.toThrow(message);
    }
    // Each problem, and several at once, in both languages.
    const many = { ...BASE, batchSize: 501, learningRate: 0, epochs: 0, optimizer: { type: 'sgd', momentum: 2 }, schedule: { type: 'step', every: 0, factor: 2 }, loss: 'hinge' } as unknown as TrainConfig;
    const err = await train(net, data, many, rng).catch((e: unknown) => e as TrainConfigError);
    expectWorded(err.detail, 'settings');
    expect(err.message).toBe(formatMessage(err.detail!));
    expect(formatMessage(err.detail!, 'fr')).toMatch(/^le nombre d’époques doit être un entier de 1 à 1000 \(reçu : 0\)\. la taille de lot 501 dépasse/);
    for (const c of [...bad.map(([x]) => x), { optimizer: { type: 'sgd', weight_decay: 3 } }, { schedule: { type: 'exponential', rate: 0.5, decay_steps: 0 } }, { chunkSize: 0 }]) {
      const e = await train(net, data, { ...BASE, ...c } as TrainConfig, rng).catch((x: unknown) => x as TrainConfigError);
      expectWorded(e.detail, JSON.stringify(c));
    }
    const mnistNet = Network.fromSpec({ ...MLP, input_shape: [28, 28, 1] }, rng, { numClasses: 3 });
    await expect(train(mnistNet, data, BASE, rng)).rejects.toThrow(TrainConfigError);
    await expect(train(mnistNet, data, BASE, rng)).rejects.toThrow(/the network expects inputs of shape 28×28×1 but the dataset’s samples are 8×8×1/);
  });

  it('announces the test evaluation only when there is a test set and training completed', async () => {
    const types = async (data: TrainData, hooks: Partial<TrainHooks> = {}) => {
      const { rng, net } = setup(MLP);
      const events: TrainEvent[] = [];
      const result = await train(net, data, { ...BASE, epochs: 1 }, rng, { ...hooks, onEvent: (e) => events.push(e) });
      return { result, types: events.map((e) => e.type) };
    };
    const bars = barsDataset(600, 200);
    const withTest = await types(bars);
    expect(withTest.types.filter((t) => t === 'testing')).toHaveLength(1);
    expect(withTest.types.at(-1)).toBe('testing');
    expect(withTest.result.test!.count).toBe(200);
    const noTest = await types({ ...bars, test: null });
    expect(noTest.types).not.toContain('testing');
    expect(noTest.result.test).toBeNull();
    let batches = 0;
    const stopped = await types(bars, { shouldStop: () => ++batches > 3 });
    expect(stopped.result.status).toBe('stopped');
    expect(stopped.types).not.toContain('testing');
  });
});
