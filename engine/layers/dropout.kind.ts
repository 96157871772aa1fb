import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { Dropout } from './dropout';
import { py } from '../export/python';
import { defineKind, type SpecBase } from './kind';
import { got, noWeights } from './kindHelpers';
import { sizeOf } from './layer';

export interface DropoutSpec extends SpecBase {
  type: 'Dropout';
  rate: number;
}

/** Inverted dropout; its mask comes from a generator forked from the network's. */
export const dropoutKind = defineKind<DropoutSpec>({
  type: 'Dropout',
  controls: [{ key: 'rate', control: 'number', min: 0, max: 0.9, step: 0.05, required: true }],
  checkSettings: ({ rate }) => (typeof rate === 'number' && rate >= 0 && rate < 1 ? [] : [msg('spec.rateRange', { got: got(rate) })]),
  outputShape: (_s, input) => input,
  weights: noWeights,
  build: (spec, input, rng, kernels = jsKernels) => [new Dropout(input, spec.rate, rng.fork(), kernels)],
  // The outputs and the mask.
  floats: (_s, input, output) => ({ forward: 2 * sizeOf(output), backward: sizeOf(input) }),
  // Nothing outside training: the values are the previous layer's.
  outputEffect: () => 'through',
  keras: {
    className: 'Dropout',
    stem: 'dropout',
    toConfig: (spec) => ({ rate: spec.rate, noise_shape: null, seed: null }),
    fromConfig(r) {
      const noise = r.get('noise_shape');
      if (noise !== undefined && noise !== null) r.refuse(msg('modelFile.why.noiseShape'));
      return { rate: r.get('rate') };
    },
  },
  code: { torch: (spec) => ({ modules: [`nn.Dropout(p=${py(spec.rate)})`] }), keras: (spec) => `layers.Dropout(${py(spec.rate)})` },
  palette: { family: 'regularize', group: 'utility', items: [{ id: 'Dropout', create: () => ({ type: 'Dropout', rate: 0.25 }) }] },
});
