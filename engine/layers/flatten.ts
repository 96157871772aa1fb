import { sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/**
 * `[batch, h, w, c]` → `[batch, h·w·c]`. Row-major channels-last data is already in
 * Keras's flatten order, so forward and backward pass the same buffer through.
 */
export class Flatten implements Layer {
  readonly type = 'Flatten';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  needsInputGrad = true;

  constructor(readonly inputShape: Shape) {
    this.outputShape = [sizeOf(inputShape)];
  }

  forward(x: Float32Array, _batch: number, _opts: ForwardOptions): Float32Array {
    return x;
  }

  backward(dOut: Float32Array): Float32Array {
    return dOut;
  }
}
