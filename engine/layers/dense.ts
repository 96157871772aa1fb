import { jsKernels, type Kernels } from '../core/kernels';
import { BatchBuffer, makeParam, sizeOf, type ForwardOptions, type Layer, type Param, type Shape } from './layer';

/**
 * Fully connected layer: y = x · W + b.
 *   x `[batch, inFeatures]`, W (kernel) `[inFeatures, units]`, b `[units]`, y `[batch, units]`.
 * Backward: dW += xᵀ · dy, db += Σ_batch dy, dx = dy · Wᵀ (masked by x > 0 after a ReLU).
 * Its `activation` option is a separate op appended by the model.
 */
export class Dense implements Layer {
  readonly type = 'Dense';
  readonly outputShape: Shape;
  readonly params: readonly Param[];
  readonly kernel: Param;
  readonly bias: Param | null;
  needsInputGrad = true;
  readonly writesFreshGrads = true;
  /**
   * The input is a ReLU's output whose backward is fused in here (engine/model/fusion.ts):
   * dx = (x > 0) ⊙ dy · Wᵀ, and only the kept elements are computed.
   */
  maskInputGrad = false;
  private readonly inFeatures: number;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private x: Float32Array = new Float32Array(0);
  private batch = 0;

  constructor(
    readonly inputShape: Shape, readonly units: number, useBias: boolean, private readonly kernels: Kernels = jsKernels,
  ) {
    this.inFeatures = sizeOf(inputShape);
    this.outputShape = [units];
    this.kernel = makeParam('kernel', [this.inFeatures, units], true, kernels);
    this.bias = useBias ? makeParam('bias', [units], false, kernels) : null;
    this.params = this.bias ? [this.kernel, this.bias] : [this.kernel];
    this.out = new BatchBuffer(units, kernels);
    this.dIn = new BatchBuffer(this.inFeatures, kernels);
  }

  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    this.x = x;
    this.batch = batch;
    const y = this.out.get(batch);
    this.kernels.gemm(x, this.kernel.value, y, batch, this.inFeatures, this.units, false, this.bias?.value);
    return y;
  }

  backward(dOut: Float32Array, freshGrads = false): Float32Array {
    const batch = this.batch, n = this.units, k = this.kernels;
    k.gemmTransA(this.x, dOut, this.kernel.grad, this.inFeatures, batch, n, !freshGrads);
    if (this.bias) {
      if (freshGrads) this.bias.grad.fill(0);
      k.biasGrad(dOut, this.bias.grad, batch, n);
    }
    const dx = this.dIn.get(batch);
    if (!this.needsInputGrad) return dx;
    if (this.maskInputGrad) k.gemmTransBMasked(dOut, this.kernel.value, dx, batch, n, this.inFeatures, this.x);
    else k.gemmTransB(dOut, this.kernel.value, dx, batch, n, this.inFeatures);
    return dx;
  }
}
