import { jsKernels, type Kernels } from '../core/kernels';
import { msg } from '../messages';
import { py } from '../export/python';
import { defineKind, type SpecBase } from './kind';
import { got, noWeights } from './kindHelpers';
import { BatchBuffer, sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/** The one call the layer makes on its generator; tests replay the same noise through it. */
export interface NormalSource {
  normal(): number;
}

/**
 * Keras's GaussianNoise: in training, y = x + σ·n with n drawn from N(0, 1) by the seeded
 * generator the layer is given, a regularizer that blurs every sample a little differently
 * at each step; at inference, the identity. The noise does not depend on x, so
 * ∂y/∂x = 1 and backward passes the gradient through.
 */
export class GaussianNoise implements Layer {
  readonly type = 'GaussianNoise';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  needsInputGrad = true;
  private readonly out: BatchBuffer;

  constructor(readonly inputShape: Shape, readonly stddev: number, private readonly rng: NormalSource, kernels: Kernels = jsKernels) {
    this.outputShape = inputShape;
    this.out = new BatchBuffer(sizeOf(inputShape), kernels);
  }

  forward(x: Float32Array, batch: number, opts: ForwardOptions): Float32Array {
    if (!opts.training || this.stddev === 0) return x;
    const y = this.out.get(batch);
    for (let i = 0; i < y.length; i++) y[i] = x[i]! + this.stddev * this.rng.normal();
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    return dOut;
  }
}

export interface GaussianNoiseSpec extends SpecBase {
  type: 'GaussianNoise';
  /** Standard deviation σ of the added noise, ≥ 0 (Keras requires it). */
  stddev: number;
}

export const gaussianNoiseKind = defineKind<GaussianNoiseSpec>({
  type: 'GaussianNoise',
  controls: [{ key: 'stddev', control: 'number', min: 0, max: 1, step: 0.05, required: true }],
  checkSettings: ({ stddev }) =>
    (typeof stddev === 'number' && stddev >= 0 && Number.isFinite(stddev) ? [] : [msg('spec.nonNegative', { setting: 'stddev', got: got(stddev) })]),
  outputShape: (_s, input) => input,
  weights: noWeights,
  // Its own generator, forked like Dropout's: the noise is reproducible from the network's seed.
  build: (spec, input, rng, kernels = jsKernels) => [new GaussianNoise(input, spec.stddev, rng.fork(), kernels)],
  // Nothing outside training: the values are the previous layer's.
  outputEffect: () => 'through',
  keras: {
    className: 'GaussianNoise',
    stem: 'gaussian_noise',
    toConfig: (spec) => ({ stddev: spec.stddev }),
    // Keras 3's `seed` only changes the training noise, never a prediction: not kept.
    fromConfig: (r) => ({ stddev: r.get('stddev') }),
  },
  // PyTorch has no such module: the script defines GaussianNoise (engine/export/pytorchScript.ts).
  code: { torch: (spec) => ({ modules: [`GaussianNoise(${py(spec.stddev)})`] }), keras: (spec) => `layers.GaussianNoise(${py(spec.stddev)})` },
  palette: { family: 'regularize', group: 'utility', items: [{ id: 'GaussianNoise', create: () => ({ type: 'GaussianNoise', stddev: 0.1 }) }] },
});
