import { jsKernels, type Kernels } from '../core/kernels';
import type { Param } from '../layers/layer';
import { addWeightDecay, type Optimizer } from './optimizer';

/**
 * Stochastic gradient descent, optionally with momentum μ (PyTorch's formulation):
 *   v ← μ·v + g
 *   plain:    w ← w − lr·v
 *   Nesterov: w ← w − lr·(g + μ·v)
 * μ = 0 is plain SGD and keeps no state.
 */
export class Sgd implements Optimizer {
  private readonly velocity = new Map<Param, Float32Array>();

  constructor(
    private readonly momentum = 0,
    private readonly nesterov = false,
    private readonly weightDecay = 0,
    private readonly kernels: Kernels = jsKernels,
  ) {}

  step(params: readonly Param[], lr: number): void {
    const mu = this.momentum, k = this.kernels;
    for (const p of params) {
      addWeightDecay(p, this.weightDecay);
      const w = p.value, g = p.grad, n = w.length;
      if (mu === 0) {
        k.sgdStep(w, g, lr, n);
        continue;
      }
      let v = this.velocity.get(p);
      if (!v) this.velocity.set(p, (v = k.floats(n)));
      k.momentumStep(w, g, v, lr, mu, this.nesterov, n);
    }
  }
}
