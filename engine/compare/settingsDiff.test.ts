import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../model/spec';
import { differingSettings, type ComparedSettings } from './settingsDiff';

const spec = (activation = 'relu', rate = 0.25): NetworkSpec => ({
  input_shape: [2],
  layers: [
    { type: 'Dense', units: 8, activation },
    { type: 'Dropout', rate },
    { type: 'Dense', units: 2, activation: 'softmax' },
  ],
} as unknown as NetworkSpec);

const hyper = { epochs: 5, batchSize: 64, learningRate: 0.01, optimizer: 'sgd', schedule: { type: 'constant' }, weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 20, seed: 1 };
const run = (h: Record<string, unknown> = {}, s = spec(), data = 'moons'): ComparedSettings => ({
  hyperparams: { ...hyper, ...h }, spec: s, dataset: { name: data, choice: { source: { kind: 'generated', kind2: data } } },
});

describe('differingSettings', () => {
  it('names only the batch size when only it differs, each run\'s value in order', () => {
    expect(differingSettings([run({ batchSize: 1 }), run({ batchSize: 64 }), run({ batchSize: 55_000 })]))
      .toEqual([{ key: 'batchSize', values: [1, 64, 55_000] }]);
  });

  it('says nothing for one run or for runs that agree, whatever the order of their keys or their thread count', () => {
    expect(differingSettings([run({ batchSize: 1 })])).toEqual([]);
    const reordered = run();
    reordered.hyperparams = Object.fromEntries(Object.entries(reordered.hyperparams).reverse());
    expect(differingSettings([run({ threads: 1 }), { ...reordered, hyperparams: { ...reordered.hyperparams, threads: 2 } }])).toEqual([]);
  });

  it('names a layer\'s activation and a dropout rate by their layer', () => {
    expect(differingSettings([run({}, spec('tanh')), run({}, spec('relu'))]))
      .toEqual([{ key: 'layer', layer: 0, field: 'activation', values: ['tanh', 'relu'] }]);
    expect(differingSettings([run({}, spec('relu', 0)), run({}, spec('relu', 0.5))]))
      .toEqual([{ key: 'layer', layer: 1, field: 'rate', values: [0, 0.5] }]);
  });

  it('an initializer set on one run only differs from the default left unset', () => {
    const withInit = spec();
    (withInit.layers[0] as unknown as Record<string, unknown>)['kernel_initializer'] = 'he_normal';
    expect(differingSettings([run(), run({}, withInit)])).toEqual([{ key: 'layer', layer: 0, field: 'kernel_initializer', values: [undefined, 'he_normal'] }]);
  });

  it('networks with other layers differ as a whole, after the hyperparameters, in the table\'s order', () => {
    const short = { input_shape: [2], layers: [{ type: 'Dense', units: 2, activation: 'softmax' }] } as unknown as NetworkSpec;
    expect(differingSettings([run({ loss: 'mean_squared_error', learningRate: 0.1 }), run({}, short)])).toEqual([
      { key: 'learningRate', values: [0.1, 0.01] },
      { key: 'loss', values: ['mean_squared_error', 'categorical_crossentropy'] },
      { key: 'architecture', values: [['Dense', 'Dropout', 'Dense'], ['Dense']] },
    ]);
  });

  it('compares schedules as a whole, the data by name and the rate set while training instead of the run\'s own', () => {
    expect(differingSettings([run(), run({ schedule: { type: 'step', every: 1, factor: 0.5 } }, spec(), 'circles')])).toEqual([
      { key: 'dataset', values: ['moons', 'circles'] },
      { key: 'schedule', values: [{ type: 'constant' }, { type: 'step', every: 1, factor: 0.5 }] },
    ]);
    expect(differingSettings([{ ...run(), learningRateSet: 0.1 }, run()])).toEqual([{ key: 'learningRate', values: [0.1, 0.01] }]);
  });
});
