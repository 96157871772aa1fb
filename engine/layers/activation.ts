import { jsKernels, type Kernels } from '../core/kernels';
import { type ActivationFn } from './activations';
import { BatchBuffer, sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/**
 * An activation applied element-wise (softmax: over the last axis). Used for the
 * `Activation`, `ReLU`, `LeakyReLU` and `Softmax` spec layers and for the `activation`
 * option of Dense and Conv2D, which the model expands into a separate op so that a
 * final softmax can be fused into the cross-entropy loss.
 */
export class ActivationLayer implements Layer {
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  needsInputGrad = true;
  /** The op before already applied this ReLU to its output (engine/model/fusion.ts): forward passes x on. */
  inputActivated = false;
  /** The op after already zeroed the gradient where this ReLU's output is 0: backward passes dy on. */
  gradientMasked = false;
  private readonly size: number;
  private readonly width: number;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private y: Float32Array = new Float32Array(0);
  private batch = 0;

  constructor(
    readonly type: string,
    readonly inputShape: Shape,
    readonly fn: ActivationFn,
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.outputShape = inputShape;
    this.size = sizeOf(inputShape);
    this.width = inputShape[inputShape.length - 1] ?? 1;
    this.out = new BatchBuffer(this.size, kernels);
    this.dIn = new BatchBuffer(this.size, kernels);
  }

  /** x: `[batch, ...shape]` → y = f(x), same shape. */
  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    this.batch = batch;
    if (this.inputActivated) return (this.y = x);
    this.y = this.out.get(batch);
    this.fn.forward(x, this.y, batch * this.size, this.width, this.kernels);
    return this.y;
  }

  backward(dOut: Float32Array): Float32Array {
    if (this.gradientMasked) return dOut;
    const dx = this.dIn.get(this.batch);
    this.fn.backward(this.y, dOut, dx, this.batch * this.size, this.width, this.kernels);
    return dx;
  }
}
