import { jsKernels, type Kernels } from '../core/kernels';
import type { Param } from '../layers/layer';
import { addWeightDecay, type Optimizer } from './optimizer';

/**
 * Adam (Kingma & Ba), with bias correction folded into the step size:
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *   w ← w − lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε)
 * Defaults β1 = 0.9, β2 = 0.999, ε = 1e-7 (Keras).
 */
export class Adam implements Optimizer {
  private readonly moments = new Map<Param, { m: Float32Array; v: Float32Array }>();
  private t = 0;

  constructor(
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
    private readonly weightDecay = 0,
    private readonly kernels: Kernels = jsKernels,
  ) {}

  step(params: readonly Param[], lr: number): void {
    this.t++;
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const stepSize = (lr * Math.sqrt(1 - Math.pow(b2, this.t))) / (1 - Math.pow(b1, this.t));
    for (const p of params) {
      addWeightDecay(p, this.weightDecay);
      let s = this.moments.get(p);
      const n = p.value.length;
      if (!s) this.moments.set(p, (s = { m: this.kernels.floats(n), v: this.kernels.floats(n) }));
      this.kernels.adamStep(p.value, p.grad, s.m, s.v, stepSize, b1, b2, eps, n);
    }
  }
}
