import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { toyDataset } from '../data/toy/toyDataset';
import { LocalizedError, type Message } from '../messages';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { expectWorded, thrownMessage } from '../testing/messages';
import { explainSample } from './explainSample';

const xor = toyDataset({ kind: 'xor', count: 100, seed: 2, testShare: 0.2 });
const surface = toyDataset({ kind: 'surface', count: 100, seed: 2, testShare: 0.2 });
const net = (layers: NetworkSpec['layers']) => Network.fromSpec({ input_shape: [2], layers }, new Rng(1), { numClasses: null });
const ONE_SIGMOID = net([{ type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 1, activation: 'sigmoid' }]);
const TWO_SOFTMAX = net([{ type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }]);
const VALUES = net([{ type: 'Dense', units: 3, activation: 'tanh' }, { type: 'Dense', units: 1 }]);

function thrown(f: () => unknown): Message {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LocalizedError);
    return (e as LocalizedError).detail!;
  }
  throw new Error('did not throw');
}

describe('explainSample', () => {
  it('takes the sample and its target as training does: the point, 0/1 for one sigmoid unit with BCE, one-hot with cross-entropy', () => {
    const one = explainSample(ONE_SIGMOID, xor, { split: 'test', sample: 4, learningRate: 0.1 });
    expect(one.trace.input.values).toEqual(Array.from(xor.test.inputs.subarray(8, 10)));
    expect(one.trace.target).toEqual([xor.test.labels![4]]);
    expect(one).toMatchObject({ sample: 4, sampleCount: xor.test.count, label: xor.test.labels![4], classNames: ['0', '1'] });
    expect(one.trace.loss.name).toBe('binary_crossentropy');
    const two = explainSample(TWO_SOFTMAX, xor, { split: 'train', sample: 0, learningRate: 0.1 });
    const label = xor.train.labels![0]!;
    expect(two.trace.target).toEqual([0, 1].map((k) => (k === label ? 1 : 0)));
    expect(two.trace.loss.name).toBe('categorical_crossentropy');
  });

  it('regresses values with mean squared error, the target being the sample’s value', () => {
    const step = explainSample(VALUES, surface, { split: 'train', sample: 2, learningRate: 0.1 });
    expect(step.trace.loss.name).toBe('mean_squared_error');
    expect(step.trace.target).toEqual([surface.train.targets![2]]);
    expect(step).toMatchObject({ label: null, classNames: null });
  });

  it('refuses, in words for the student, a sample past the end, a loss for classes on values, and a network the data does not fit', () => {
    const far = thrown(() => explainSample(TWO_SOFTMAX, xor, { split: 'train', sample: xor.train.count, learningRate: 0.1 }));
    expect(far).toMatchObject({ key: 'explain.noTrainSample', params: { sample: xor.train.count, count: xor.train.count } });
    expectWorded(far, 'sample');
    expect(thrown(() => explainSample(VALUES, surface, { split: 'train', sample: 0, learningRate: 0.1, loss: 'categorical_crossentropy' })).key)
      .toBe('train.lossForValues');
    const three = net([{ type: 'Dense', units: 3, activation: 'softmax' }]);
    expect(thrownMessage(() => explainSample(three, xor, { split: 'train', sample: 0, learningRate: 0.1 }), 'fr')).toMatch(/3 valeurs/);
    const image = Network.fromSpec({ input_shape: [4, 4, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 2 }] }, new Rng(1), { numClasses: null });
    expect(thrown(() => explainSample(image, xor, { split: 'train', sample: 0, learningRate: 0.1 })).key).toBe('train.inputShapeOf');
    const rebuild = thrown(() => explainSample(TWO_SOFTMAX, { ...xor, task: { kind: 'reconstruction' } }, { split: 'train', sample: 0, learningRate: 0.1 }));
    expect(rebuild.key).toBe('explain.reconstruction');
    expectWorded(rebuild, 'reconstruction');
    expectWorded({ key: 'explain.weightsDiffer' }, 'weights');
  });
});
