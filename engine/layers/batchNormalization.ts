import { jsKernels, type Kernels } from '../core/kernels';
import { BatchBuffer, makeParam, sizeOf, type ForwardOptions, type Layer, type Param, type Shape, type StateTensor } from './layer';

/** Keras's defaults. */
export const BN_DEFAULTS = { momentum: 0.99, epsilon: 0.001 } as const;

/**
 * Batch normalization over the last axis (a feature of a vector, a channel of an image):
 *   training:  x̂ = (x − μ_B) / √(σ²_B + ε), y = γ·x̂ + β, with μ_B, σ²_B over the batch
 *              (and every pixel, for images); the moving mean and variance follow them
 *              (m ← momentum·m + (1 − momentum)·μ_B; the variance unbiased, as Keras does);
 *   inference: the same with the moving mean and variance instead of the batch's.
 * γ (gamma) and β (beta) are trained; the moving statistics are state that no optimizer
 * touches, saved with the weights (Keras order: gamma, beta, moving_mean, moving_variance).
 *
 * The statistics are the whole batch's only if the batch is computed in one piece, so a
 * network with this layer is never split into chunks (`wholeBatch`).
 *
 * Backward, per feature with N values: dβ = Σ dy, dγ = Σ dy·x̂ (in both modes),
 *   dx = γ / (N·√(σ²+ε)) · (N·dy − Σ dy − x̂ · Σ dy·x̂)   (training);  dx = γ·dy / √(m_var+ε) (inference).
 */
export class BatchNormalization implements Layer {
  readonly type = 'BatchNormalization';
  readonly outputShape: Shape;
  readonly params: readonly Param[];
  readonly gamma: Param;
  readonly beta: Param;
  /** `[features]` running statistics, updated in training forward passes. */
  readonly movingMean: Float32Array;
  readonly movingVariance: Float32Array;
  /** The moving statistics, as the model file writes them after gamma and beta. */
  readonly state: readonly StateTensor[];
  readonly wholeBatch = true;
  needsInputGrad = true;
  private readonly features: number;
  private readonly perSample: number;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private readonly xhatBuf: BatchBuffer;
  private readonly invStd: Float32Array;
  private batch = 0;
  private training = false;
  /** The latest inference forward's input (a view the layer before owns): its backward's x̂ comes from it. */
  private xInference: Float32Array = new Float32Array(0);

  constructor(
    readonly inputShape: Shape,
    readonly momentum: number = BN_DEFAULTS.momentum,
    readonly epsilon: number = BN_DEFAULTS.epsilon,
    kernels: Kernels = jsKernels,
  ) {
    this.outputShape = inputShape;
    this.perSample = sizeOf(inputShape);
    this.features = inputShape[inputShape.length - 1]!;
    const f = this.features;
    // In the kernels' memory, where the optimizers update parameters.
    this.gamma = makeParam('gamma', [f], false, kernels);
    this.gamma.value.fill(1);
    this.beta = makeParam('beta', [f], false, kernels);
    this.params = [this.gamma, this.beta];
    this.movingMean = new Float32Array(f);
    this.movingVariance = new Float32Array(f).fill(1);
    this.state = [
      { name: 'moving_mean', shape: [f], value: this.movingMean },
      { name: 'moving_variance', shape: [f], value: this.movingVariance },
    ];
    this.invStd = new Float32Array(f);
    // Where the neighbouring ops read and write (wasm memory on that backend), so nothing is copied in or out.
    this.out = new BatchBuffer(this.perSample, kernels);
    this.dIn = new BatchBuffer(this.perSample, kernels);
    this.xhatBuf = new BatchBuffer(this.perSample, kernels);
  }

  /** x `[batch, …inputShape]` → y of the same shape. */
  forward(x: Float32Array, batch: number, opts: ForwardOptions): Float32Array {
    this.batch = batch;
    this.training = opts.training;
    const f = this.features, n = batch * this.perSample, rows = n / f;
    const y = this.out.get(batch);
    const gamma = this.gamma.value, beta = this.beta.value, invStd = this.invStd;
    if (!opts.training) {
      this.xInference = x;
      for (let c = 0; c < f; c++) invStd[c] = 1 / Math.sqrt(this.movingVariance[c]! + this.epsilon);
      const mean = this.movingMean;
      for (let i = 0; i < n; i++) {
        const c = i % f;
        y[i] = gamma[c]! * (x[i]! - mean[c]!) * invStd[c]! + beta[c]!;
      }
      return y;
    }
    // Sums in float64: a feature may gather a whole batch of pixels.
    const mean = new Float64Array(f), sq = new Float64Array(f);
    for (let i = 0; i < n; i++) mean[i % f] += x[i]!;
    for (let c = 0; c < f; c++) mean[c]! /= rows;
    for (let i = 0; i < n; i++) {
      const d = x[i]! - mean[i % f]!;
      sq[i % f] += d * d;
    }
    const unbias = rows > 1 ? rows / (rows - 1) : 1;
    for (let c = 0; c < f; c++) {
      const variance = sq[c]! / rows;
      invStd[c] = 1 / Math.sqrt(variance + this.epsilon);
      this.movingMean[c] = this.momentum * this.movingMean[c]! + (1 - this.momentum) * mean[c]!;
      this.movingVariance[c] = this.momentum * this.movingVariance[c]! + (1 - this.momentum) * variance * unbias;
    }
    const xhat = this.xhatBuf.get(batch);
    for (let i = 0; i < n; i++) {
      const c = i % f;
      const h = (x[i]! - mean[c]!) * invStd[c]!;
      xhat[i] = h;
      y[i] = gamma[c]! * h + beta[c]!;
    }
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    const f = this.features, n = this.batch * this.perSample, rows = n / f;
    const dx = this.dIn.get(this.batch);
    const gamma = this.gamma.value, invStd = this.invStd;
    if (!this.training) {
      // Inference: a fixed affine map per feature (saliency and explanations backpropagate through it),
      // whose γ and β still get their gradients, x̂ = (x − m_mean)·invStd (a step explained on one sample, engine/explain).
      const x = this.xInference, mean = this.movingMean;
      for (let i = 0; i < n; i++) {
        const c = i % f, dy = dOut[i]!;
        this.beta.grad[c] += dy;
        this.gamma.grad[c] += dy * (x[i]! - mean[c]!) * invStd[c]!;
        dx[i] = dy * gamma[c]! * invStd[c]!;
      }
      return dx;
    }
    const xhat = this.xhatBuf.get(this.batch);
    const sumDy = new Float64Array(f), sumDyXhat = new Float64Array(f);
    for (let i = 0; i < n; i++) {
      const c = i % f;
      sumDy[c] += dOut[i]!;
      sumDyXhat[c] += dOut[i]! * xhat[i]!;
    }
    for (let c = 0; c < f; c++) {
      this.beta.grad[c] += sumDy[c]!;
      this.gamma.grad[c] += sumDyXhat[c]!;
    }
    if (!this.needsInputGrad) return dx;
    for (let i = 0; i < n; i++) {
      const c = i % f;
      dx[i] = (gamma[c]! * invStd[c]! / rows) * (rows * dOut[i]! - sumDy[c]! - xhat[i]! * sumDyXhat[c]!);
    }
    return dx;
  }
}
