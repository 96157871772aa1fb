import { sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/**
 * `[batch, …inputShape]` → `[batch, …targetShape]` with the same values in the same
 * row-major order (Keras's Reshape), e.g. a decoder's 784 numbers back into a 28×28×1
 * image. The data does not move, so forward and backward pass the buffer through.
 */
export class Reshape implements Layer {
  readonly type = 'Reshape';
  readonly params: readonly Param[] = [];
  needsInputGrad = true;

  constructor(readonly inputShape: Shape, readonly outputShape: Shape) {
    if (sizeOf(inputShape) !== sizeOf(outputShape)) {
      throw new RangeError(`Reshape: [${inputShape.join(', ')}] and [${outputShape.join(', ')}] hold different numbers of values`);
    }
  }

  forward(x: Float32Array, _batch: number, _opts: ForwardOptions): Float32Array {
    return x;
  }

  backward(dOut: Float32Array): Float32Array {
    return dOut;
  }
}
