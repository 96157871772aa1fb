/**
 * The contract every layer implements. Forward and backward live side by side:
 * `forward` keeps what `backward` needs, `backward` returns the gradient with respect
 * to the input and *adds* into each parameter's `grad` (so gradients of several
 * micro-batches can accumulate before one optimizer step).
 *
 * Tensors are flat row-major Float32Arrays with the batch as the leading dimension and
 * channels last: an image batch is `[batch, height, width, channels]`. Shapes below are
 * per sample (no batch dimension).
 */
import { jsKernels, type Kernels } from '../core/kernels';

export type Shape = readonly number[];

/** A trainable tensor and its gradient, walked by the optimizers. */
export interface Param {
  /** Keras weight name within its layer: `kernel` or `bias`. */
  readonly name: 'kernel' | 'bias' | 'gamma' | 'beta';
  /** Keras layout: Dense kernel `[in, out]`, Conv2D kernel `[kh, kw, inChannels, filters]`. */
  readonly shape: readonly number[];
  readonly value: Float32Array;
  readonly grad: Float32Array;
  /** Whether L2 weight decay applies (kernels yes, biases no). */
  readonly decay: boolean;
}

/**
 * A non-trainable tensor a layer keeps (BatchNormalization's moving statistics): saved
 * and loaded with the model after the layer's parameters, in Keras's order, and never
 * seen by an optimizer (they walk `params` only).
 */
export interface StateTensor {
  readonly name: 'moving_mean' | 'moving_variance';
  readonly shape: readonly number[];
  readonly value: Float32Array;
}

export interface ForwardOptions {
  /** Training mode: dropout is active and activations are kept for backward. */
  training: boolean;
}

export interface Layer {
  /** Registry type name of the spec layer this op came from, e.g. `Dense`. */
  readonly type: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly params: readonly Param[];
  /** Non-trainable state saved with the weights, after `params`; absent for most layers. */
  readonly state?: readonly StateTensor[];
  /**
   * The first layer of a network needs no input gradient; the model clears this flag
   * there so convolutions skip their most expensive backward product.
   */
  needsInputGrad: boolean;
  /** x: `[batch, ...inputShape]` → `[batch, ...outputShape]` (a view owned by the layer). */
  forward(x: Float32Array, batch: number, opts: ForwardOptions): Float32Array;
  /**
   * dOut: `[batch, ...outputShape]` → dInput `[batch, ...inputShape]`; adds into param grads,
   * or with `freshGrads` (only for a layer that declares `writesFreshGrads`) overwrites them:
   * the network then skips zeroing them first (a pass over every weight, every batch).
   */
  backward(dOut: Float32Array, freshGrads?: boolean): Float32Array;
  /** The layer can write its gradients instead of adding to them (`backward(dOut, true)`). */
  readonly writesFreshGrads?: boolean;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A zeroed parameter whose value and gradient live where the kernels work (wasm memory or plain arrays). */
export function makeParam(name: Param['name'], shape: readonly number[], decay: boolean, kernels: Kernels = jsKernels): Param {
  const n = sizeOf(shape);
  return { name, shape, value: kernels.floats(n), grad: kernels.floats(n), decay };
}

/**
 * A per-layer buffer sized for the largest batch seen, handing out a view of exactly
 * `batch` samples. The view is cached, so a steady batch size allocates nothing.
 */
export class BatchBuffer {
  private data: Float32Array = new Float32Array(0);
  private view = this.data;
  private batch = -1;

  constructor(private readonly perSample: number, private readonly kernels: Kernels = jsKernels) {}

  get(batch: number): Float32Array {
    if (batch !== this.batch) {
      const n = batch * this.perSample;
      if (n > this.data.length) this.data = this.kernels.floats(n);
      this.view = this.data.subarray(0, n);
      this.batch = batch;
    }
    return this.view;
  }
}
