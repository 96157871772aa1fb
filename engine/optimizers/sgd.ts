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
  ) {}

  step(params: readonly Param[], lr: number): void {
    const mu = this.momentum;
    for (const p of params) {
      addWeightDecay(p, this.weightDecay);
      const w = p.value, g = p.grad, n = w.length;
      if (mu === 0) {
        for (let i = 0; i < n; i++) w[i] -= lr * g[i]!;
        continue;
      }
      let v = this.velocity.get(p);
      if (!v) this.velocity.set(p, (v = new Float32Array(n)));
      if (this.nesterov) {
        for (let i = 0; i < n; i++) {
          const vi = mu * v[i]! + g[i]!;
          v[i] = vi;
          w[i] -= lr * (g[i]! + mu * vi);
        }
      } else {
        for (let i = 0; i < n; i++) {
          const vi = mu * v[i]! + g[i]!;
          v[i] = vi;
          w[i] -= lr * vi;
        }
      }
    }
  }
}
