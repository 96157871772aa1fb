import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { BatchNormalization, BN_DEFAULTS } from './batchNormalization';
import { defineKind, type SpecBase } from './kind';
import { got, INIT_JSON, isLastAxis, quoted } from './kindHelpers';
import { sizeOf } from './layer';
import { py } from '../export/python';

export interface BatchNormalizationSpec extends SpecBase {
  type: 'BatchNormalization';
  /** Weight of the old moving statistics in each update, 0 < m < 1; Keras default 0.99. */
  momentum?: number;
  /** Added to the variance before the square root, > 0; Keras default 0.001. */
  epsilon?: number;
}

/** Over the last axis: one gamma, beta, moving mean and moving variance per feature (or channel). */
export const batchNormalizationKind = defineKind<BatchNormalizationSpec>({
  type: 'BatchNormalization',
  controls: [
    { key: 'momentum', control: 'number', min: 0, max: 1, step: 0.01, open: true, required: false, fallback: BN_DEFAULTS.momentum },
    { key: 'epsilon', control: 'number', min: 0, max: 1, step: 0.001, open: true, required: false, fallback: BN_DEFAULTS.epsilon },
  ],
  wholeBatch: true,
  checkSettings({ momentum: m, epsilon: e }) {
    return [
      ...(m === undefined || (typeof m === 'number' && m > 0 && m < 1) ? [] : [msg('spec.momentumRange', { got: got(m) })]),
      ...(e === undefined || (typeof e === 'number' && e > 0 && Number.isFinite(e)) ? [] : [msg('spec.epsilonRange', { got: got(e) })]),
    ];
  },
  outputShape: (_s, input) => input,
  weights(_s, input) {
    const features = [input[input.length - 1]!];
    return [
      { name: 'gamma', shape: features, trainable: true },
      { name: 'beta', shape: features, trainable: true },
      { name: 'moving_mean', shape: features, trainable: false },
      { name: 'moving_variance', shape: features, trainable: false },
    ];
  },
  build: (spec, input, _rng, kernels = jsKernels) =>
    [new BatchNormalization(input, spec.momentum ?? BN_DEFAULTS.momentum, spec.epsilon ?? BN_DEFAULTS.epsilon, kernels)],
  // The outputs and the normalized inputs x̂.
  floats: (_s, input, output) => ({ forward: 2 * sizeOf(output), backward: sizeOf(input) }),
  keras: {
    className: 'BatchNormalization',
    stem: 'batch_normalization',
    toConfig: (spec) => ({
      axis: -1, momentum: spec.momentum ?? BN_DEFAULTS.momentum, epsilon: spec.epsilon ?? BN_DEFAULTS.epsilon, center: true, scale: true,
      beta_initializer: INIT_JSON.zeros, gamma_initializer: { class_name: 'Ones', config: {} },
      moving_mean_initializer: INIT_JSON.zeros, moving_variance_initializer: { class_name: 'Ones', config: {} },
      beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
    }),
    fromConfig(r) {
      const raw = r.get('axis') ?? -1;
      if (!isLastAxis(raw, r.inputRank)) r.refuse(msg('modelFile.why.bnAxis', { axis: quoted(raw) }));
      for (const key of ['center', 'scale']) {
        if (r.get(key) !== undefined && r.get(key) !== true) r.refuse(msg('modelFile.why.bnCenterScale', { key, value: quoted(r.get(key)) }));
      }
      for (const key of ['renorm', 'synchronized']) {
        if (r.get(key) !== undefined && r.get(key) !== false && r.get(key) !== null) r.refuse(msg('modelFile.why.bnOption', { key, value: quoted(r.get(key)) }));
      }
      for (const key of ['virtual_batch_size', 'adjustment']) {
        if (r.get(key) !== undefined && r.get(key) !== null) r.refuse(msg('modelFile.why.bnOption', { key, value: quoted(r.get(key)) }));
      }
      const momentum = r.get('momentum') ?? BN_DEFAULTS.momentum, epsilon = r.get('epsilon') ?? BN_DEFAULTS.epsilon;
      return { ...(momentum === BN_DEFAULTS.momentum ? {} : { momentum }), ...(epsilon === BN_DEFAULTS.epsilon ? {} : { epsilon }) };
    },
  },
  code: {
    // PyTorch's momentum is the weight of the new batch (1 − Keras's). Its running variance
    // averages the unbiased batch variance where Keras's takes the biased one: trained
    // statistics load exactly, statistics learned in PyTorch drift a little from Keras's.
    torch: (spec, input) => ({
      modules: [`nn.BatchNorm${input.length === 1 ? '1d' : '2d'}(${input.at(-1)}, eps=${py(spec.epsilon ?? BN_DEFAULTS.epsilon)}, `
        + `momentum=${py(Number((1 - (spec.momentum ?? BN_DEFAULTS.momentum)).toPrecision(12)))})`],
    }),
    keras: (spec) => `layers.BatchNormalization(momentum=${py(spec.momentum ?? BN_DEFAULTS.momentum)}, epsilon=${py(spec.epsilon ?? BN_DEFAULTS.epsilon)})`,
  },
  palette: { family: 'regularize', group: 'utility', items: [{ id: 'BatchNormalization', create: () => ({ type: 'BatchNormalization' }) }] },
});
