import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { ActivationLayer } from './activation';
import { activationFn, leakyRelu, type ActivationName } from './activations';
import { py, torchActivation } from '../export/python';
import { defineKind, type SpecBase } from './kind';
import { activationControl, checkActivation, got, isLastAxis, noWeights, quoted } from './kindHelpers';

export interface ActivationSpec extends SpecBase {
  type: 'Activation';
  activation: ActivationName;
}
export interface ReLUSpec extends SpecBase {
  type: 'ReLU';
}
export interface LeakyReLUSpec extends SpecBase {
  type: 'LeakyReLU';
  /** Slope for negative inputs; Keras default 0.3. */
  alpha?: number;
}
export interface SoftmaxSpec extends SpecBase {
  type: 'Softmax';
}

const same = <S>(_s: S, input: readonly number[]) => input;
const family = 'activation' as const, group = 'activation' as const;

/** A function applied to every value (softmax: over the last axis). */
export const activationKind = defineKind<ActivationSpec>({
  type: 'Activation',
  controls: [activationControl(true)],
  checkSettings: (spec) => (spec.activation === undefined ? [msg('spec.activationRequired')] : checkActivation(spec.activation)),
  outputShape: same,
  weights: noWeights,
  build: (spec, input, _rng, kernels = jsKernels) => [new ActivationLayer('Activation', input, activationFn(spec.activation), kernels)],
  outputEffect: (spec) => (spec.activation === 'linear' ? 'through' : { activation: spec.activation, layerHasSetting: true }),
  keras: {
    className: 'Activation',
    stem: 'activation',
    toConfig: (spec) => ({ activation: spec.activation }),
    fromConfig: (r) => r.activation('activation', true),
  },
  code: { torch: (spec) => ({ modules: torchActivation(spec.activation) }), keras: (spec) => `layers.Activation(${py(spec.activation)})` },
  palette: {
    family, group,
    items: [
      { id: 'Tanh', create: () => ({ type: 'Activation', activation: 'tanh' }) },
      { id: 'Sigmoid', create: () => ({ type: 'Activation', activation: 'sigmoid' }) },
    ],
  },
});

export const reluKind = defineKind<ReLUSpec>({
  type: 'ReLU',
  controls: [],
  checkSettings: () => [],
  outputShape: same,
  weights: noWeights,
  build: (_s, input, _rng, kernels = jsKernels) => [new ActivationLayer('ReLU', input, activationFn('relu'), kernels)],
  outputEffect: () => ({ activation: 'relu', layerHasSetting: false }),
  keras: {
    className: 'ReLU',
    stem: 're_lu',
    toConfig: () => ({ max_value: null }),
    fromConfig(r) {
      const max = r.get('max_value'), threshold = r.get('threshold') ?? 0, slope = r.get('negative_slope') ?? 0;
      if (max !== undefined && max !== null) r.refuse(msg('modelFile.why.maxValue', { value: quoted(max) }));
      if (threshold !== 0) r.refuse(msg('modelFile.why.threshold', { value: quoted(threshold) }));
      if (slope !== 0) r.refuse(msg('modelFile.why.negativeSlope', { value: quoted(slope) }));
      return {};
    },
  },
  code: { torch: () => ({ modules: ['nn.ReLU()'] }), keras: () => 'layers.ReLU()' },
  palette: { family, group, items: [{ id: 'ReLU', create: () => ({ type: 'ReLU' }) }] },
});

export const leakyReluKind = defineKind<LeakyReLUSpec>({
  type: 'LeakyReLU',
  controls: [{ key: 'alpha', control: 'number', min: 0, max: 1, step: 0.05, required: false, fallback: 0.3 }],
  checkSettings: ({ alpha }) =>
    (alpha !== undefined && !(typeof alpha === 'number' && alpha >= 0 && alpha <= 1) ? [msg('spec.alphaRange', { got: got(alpha) })] : []),
  outputShape: same,
  weights: noWeights,
  build: (spec, input, _rng, kernels = jsKernels) => [new ActivationLayer('LeakyReLU', input, leakyRelu(spec.alpha ?? 0.3), kernels)],
  outputEffect: () => ({ activation: 'leaky relu', layerHasSetting: false }),
  keras: {
    className: 'LeakyReLU',
    stem: 'leaky_re_lu',
    toConfig: (spec) => ({ alpha: spec.alpha ?? 0.3 }),
    fromConfig(r) {
      const alpha = r.get('alpha') ?? r.get('negative_slope') ?? 0.3;
      return alpha === 0.3 ? {} : { alpha };
    },
  },
  // Keras 3 calls alpha negative_slope.
  code: {
    torch: (spec) => ({ modules: [`nn.LeakyReLU(${py(spec.alpha ?? 0.3)})`] }),
    keras: (spec) => `layers.LeakyReLU(negative_slope=${py(spec.alpha ?? 0.3)})`,
  },
  palette: { family, group, items: [{ id: 'LeakyReLU', create: () => ({ type: 'LeakyReLU', alpha: 0.3 }) }] },
});

export const softmaxKind = defineKind<SoftmaxSpec>({
  type: 'Softmax',
  controls: [],
  checkSettings: () => [],
  outputShape: same,
  weights: noWeights,
  build: (_s, input, _rng, kernels = jsKernels) => [new ActivationLayer('Softmax', input, activationFn('softmax'), kernels)],
  outputEffect: () => ({ activation: 'softmax', layerHasSetting: false }),
  keras: {
    className: 'Softmax',
    stem: 'softmax',
    // -1 (the last axis, what our softmax does) whatever the rank; tfjs's own default 1 is only right for vectors.
    toConfig: () => ({ axis: -1 }),
    fromConfig(r) {
      const raw = r.get('axis') ?? -1;
      if (!isLastAxis(raw, r.inputRank)) r.refuse(msg('modelFile.why.softmaxAxis', { axis: quoted(raw) }));
      return {};
    },
  },
  // Our last axis is PyTorch's dim 1: the features of a vector, the channels of an image.
  code: { torch: () => ({ modules: ['nn.Softmax(dim=1)'] }), keras: () => 'layers.Softmax()' },
  palette: { family, group, items: [{ id: 'Softmax', create: () => ({ type: 'Softmax' }) }] },
});
