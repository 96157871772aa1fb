import { jsKernels, type Kernels } from '../core/kernels';
import { BatchBuffer, type ForwardOptions, type Layer, type Param, type Shape } from './layer';
import { poolGeometry, type PoolGeometry, type PoolOptions } from './poolGeometry';

/**
 * Max pooling, channels last: x `[batch, inH, inW, C]` → y `[batch, outH, outW, C]`.
 * Forward records, for every output, the flat input index of its maximum; backward
 * routes each gradient to that one input. Padding ('same') never wins the max.
 */
export class MaxPooling2D implements Layer {
  readonly type = 'MaxPooling2D';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  readonly geometry: PoolGeometry;
  needsInputGrad = true;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private readonly inSize: number;
  /**
   * Set when the input is a ReLU's output whose backward is fused into this one
   * (engine/model/fusion.ts): gradients reach only inputs > 0.
   */
  maskByInput = false;
  private argmax: Int32Array = new Int32Array(0);
  private x: Float32Array = new Float32Array(0);
  private batch = 0;

  constructor(readonly inputShape: Shape, opts: PoolOptions, private readonly kernels: Kernels = jsKernels) {
    this.geometry = poolGeometry(inputShape, opts);
    const g = this.geometry;
    this.outputShape = [g.outH, g.outW, g.channels];
    this.inSize = g.inH * g.inW * g.channels;
    this.out = new BatchBuffer(g.outH * g.outW * g.channels, kernels);
    this.dIn = new BatchBuffer(this.inSize, kernels);
  }

  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    this.batch = batch;
    this.x = x;
    const y = this.out.get(batch);
    if (this.argmax.length < y.length) this.argmax = this.kernels.ints(y.length);
    this.kernels.maxPool(x, batch, this.geometry, y, this.argmax);
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    const dx = this.dIn.get(this.batch);
    this.kernels.maxPoolBackward(dOut, this.argmax, this.batch, this.geometry, dx, this.maskByInput ? this.x : null);
    return dx;
  }
}
