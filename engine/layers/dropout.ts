import { jsKernels, type Kernels } from '../core/kernels';
import { BatchBuffer, sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/** The one call dropout makes on its generator; tests replay a fixed mask through it. */
export interface UniformSource {
  next(): number;
}

/**
 * Inverted dropout: in training each value is zeroed with probability `rate` and the
 * survivors are scaled by 1 / (1 − rate), so inference is the identity. The mask comes
 * from the seeded generator the layer is given.
 */
export class Dropout implements Layer {
  readonly type = 'Dropout';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  needsInputGrad = true;
  private readonly size: number;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private readonly maskBuf: BatchBuffer;
  private mask: Float32Array = new Float32Array(0);
  private batch = 0;
  private active = false;

  constructor(
    readonly inputShape: Shape, readonly rate: number, private readonly rng: UniformSource, kernels: Kernels = jsKernels,
  ) {
    this.outputShape = inputShape;
    this.size = sizeOf(inputShape);
    this.out = new BatchBuffer(this.size, kernels);
    this.dIn = new BatchBuffer(this.size, kernels);
    this.maskBuf = new BatchBuffer(this.size, kernels);
  }

  forward(x: Float32Array, batch: number, opts: ForwardOptions): Float32Array {
    this.batch = batch;
    this.active = opts.training && this.rate > 0;
    if (!this.active) return x;
    const y = this.out.get(batch);
    const mask = (this.mask = this.maskBuf.get(batch));
    const keep = 1 - this.rate, scale = 1 / keep;
    for (let i = 0; i < y.length; i++) {
      const m = this.rng.next() < keep ? scale : 0;
      mask[i] = m;
      y[i] = x[i]! * m;
    }
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    if (!this.active) return dOut;
    const dx = this.dIn.get(this.batch);
    const mask = this.mask;
    for (let i = 0; i < dx.length; i++) dx[i] = dOut[i]! * mask[i]!;
    return dx;
  }
}
