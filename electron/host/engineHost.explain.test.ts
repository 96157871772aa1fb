/**
 * `explain:step` through the host with real worker threads: one training step on one sample
 * of the builder's network, traced in the prediction worker, from fresh seeded weights, the
 * current run's or a saved model's; and the student's mistakes answered in their language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplainedStep, ModelSummary, TrainEvent } from '../ipc/contract';
import { buildDataset } from '../ipc/builtDatasets';
import { explainSample, formatMessage, Network, PRESETS, Rng, type NetworkSpec } from '../../engine';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';
import { createTsxWorkerFactory } from './testWorkers';
import type { WorkerKind } from './types';

let t: TestHost;
const started: WorkerKind[] = [];
beforeAll(async () => {
  const workers = createTsxWorkerFactory();
  t = await makeTestHost({ createWorker: (kind) => { started.push(kind); return workers(kind); } });
});
afterAll(async () => {
  await t.close();
});

/** Document 004's network: 2 inputs, 2 sigmoid units, 1 sigmoid output, no biases. */
const SPEC_221 = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false }, { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false }],
};
const xor = { kind: 'generated', generator: 'xor', points: 200, noise: null, arms: 2, seed: 3, testShare: 0.2 } as const;
const request = (over: Record<string, unknown> = {}) => ({
  spec: SPEC_221, weights: null, seed: 5, dataset: { source: xor, limit: null }, split: 'train', sample: 7, loss: null, learningRate: 0.5, ...over,
});

describe('explain:step', () => {
  it('traces a step of the 2-2-1 network from seeded weights in the prediction worker, as the engine does on the same sample', async () => {
    const step = await t.ok<ExplainedStep>('explain:step', request());
    expect(started).toContain('predict');
    expect(started).not.toContain('train');
    expect(step).toMatchObject({ sample: 7, sampleCount: 160, classNames: ['0', '1'] });
    expect(step.trace.loss.name).toBe('binary_crossentropy');
    expect(step.trace.update).toMatchObject({ optimizer: { type: 'sgd' }, learningRate: 0.5, applied: false });
    // The same seed and sample, computed here: the host's answer is the engine's, number for number.
    const network = Network.fromSpec(SPEC_221 as NetworkSpec, new Rng(5), { numClasses: null });
    const expected = explainSample(network, buildDataset(xor), { split: 'train', sample: 7, learningRate: 0.5, maxValues: 1024 });
    expect(step.trace).toEqual(expected.trace);
    expect(step.label).toBe(expected.label);
    // ∂L/∂w_{i,1} = w_i · X₁ · A_i(1 − A_i)(ŷ − y), on the numbers the host sent.
    const [hidden, out] = step.trace.layers;
    const X = step.trace.input.values!, A = hidden!.a.values!, w = out!.params[0]!.value.values!;
    const err = step.trace.output[0]! - step.trace.target[0]!;
    for (let i = 0; i < 2; i++) expect(hidden!.params[0]!.gradient.values![i]).toBeCloseTo(w[i]! * X[0]! * A[i]! * (1 - A[i]!) * err, 6);
  });

  it('uses the current run’s weights, then the same model saved, and refuses them for another network', async () => {
    const log = t.events('trained');
    await t.ok('train:start', {
      spec: SPEC_221, dataset: { source: xor, limit: null },
      hyperparams: hyperparams({ epochs: 2, batchSize: 16, optimizer: 'adam', learningRate: 0.05, validationSize: 0, loss: 'binary_crossentropy' }),
    }, 'trained');
    await log.next(['completed', 'failed', 'stopped']) as TrainEvent;
    const current = await t.ok<ExplainedStep>('explain:step', request({ weights: { kind: 'current' }, optimizer: 'adam', learningRate: 0.01 }), 'trained');
    const fresh = await t.ok<ExplainedStep>('explain:step', request(), 'trained');
    expect(current.trace.layers[0]!.params[0]!.value.values).not.toEqual(fresh.trace.layers[0]!.params[0]!.value.values);
    expect(current.trace.update.optimizer.type).toBe('adam');

    const saved = await t.ok<ModelSummary>('models:save', { name: 'xor 2-2-1', overwrite: false }, 'trained');
    const fromSaved = await t.ok<ExplainedStep>('explain:step', request({ weights: { kind: 'saved', id: saved.id }, optimizer: 'adam', learningRate: 0.01 }));
    expect(fromSaved.trace).toEqual(current.trace);

    const other = { input_shape: [2], layers: [{ type: 'Dense', units: 2, activation: 'tanh', use_bias: false }, SPEC_221.layers[1]] };
    const refused = await t.err('explain:step', request({ spec: other, weights: { kind: 'saved', id: saved.id } }));
    expect(refused.code).toBe('invalid-request');
    expect(refused.detail?.key).toBe('explain.weightsDiffer');
  }, 60_000);

  it('says in the student’s language when the sample is not there or the loss does not fit, and refuses a bad payload', async () => {
    const far = await t.err('explain:step', request({ split: 'test', sample: 40 }));
    expect(far.code).toBe('invalid-request');
    expect(far.detail).toMatchObject({ key: 'explain.noTestSample', params: { sample: 40, count: 40 } });
    expect(formatMessage(far.detail!, 'fr')).toContain('partie test');
    const surface = { ...xor, generator: 'surface' };
    const valuesNet = { input_shape: [2], layers: [{ type: 'Dense', units: 4, activation: 'tanh' }, { type: 'Dense', units: 1 }] };
    const loss = await t.err('explain:step', request({ spec: valuesNet, dataset: { source: surface, limit: null }, loss: 'categorical_crossentropy' }));
    expect(loss.detail?.key).toBe('train.lossForValues');
    const wide = await t.err('explain:step', request({ spec: { input_shape: [2], layers: [{ type: 'Dense', units: 3, activation: 'softmax' }] } }));
    expect(wide.code).toBe('invalid-network');
    expect((await t.err('explain:step', request({ sample: -1 }))).code).toBe('invalid-request');
    expect((await t.err('explain:step', { ...request(), extra: 1 })).code).toBe('invalid-request');
  });

  it('summarises the large tensors of a CNN on an MNIST image, keeping its first feature maps', async () => {
    const step = await t.ok<ExplainedStep>('explain:step', request({ spec: PRESETS.cnn, dataset: { source: { kind: 'bundled' }, limit: 1000 }, sample: 3, maxValues: 1000, focus: [2, null, 4] }));
    expect(step.sampleCount).toBe(1000);
    expect(step.trace.truncated).toBe(true);
    const conv = step.trace.layers[0]!;
    expect(conv.z!.values).toBeNull();
    expect(conv.a.maps).toHaveLength(1);
    expect(conv.a.maps![0]).toHaveLength(24 * 24);
    expect(conv.params[0]!.gradient.values).toHaveLength(5 * 5 * 8);
    expect(step.trace.target[step.label!]).toBe(1);
    // The filters the student chose, whole: conv2d_2's 16 filters are 5×5×8 each.
    expect(conv.focus!.params.map((p) => [p.weightName, p.gradient.shape])).toEqual([['conv2d_1/kernel', [5, 5, 1]], ['conv2d_1/bias', [1]]]);
    expect(step.trace.layers[2]!.focus!.params[0]!.gradient.values).toHaveLength(5 * 5 * 8);
    expect(step.trace.layers[1]!.focus).toBeUndefined();
  }, 60_000);
});
