import type { Param } from '../layers/layer';

/** Walks the `{ value, grad }` pairs after a batch and updates the values in place. */
export interface Optimizer {
  step(params: readonly Param[], learningRate: number): void;
}

export type OptimizerSpec =
  | { type: 'sgd'; momentum?: number; nesterov?: boolean; weight_decay?: number }
  | { type: 'adam'; beta_1?: number; beta_2?: number; epsilon?: number; weight_decay?: number };

/**
 * L2 weight decay λ: the gradient of ½λ‖W‖² (= λW) is added to each kernel's gradient
 * before the update; biases are not decayed.
 */
export function addWeightDecay(p: Param, lambda: number): void {
  if (lambda === 0 || !p.decay) return;
  const g = p.grad, w = p.value;
  for (let i = 0; i < g.length; i++) g[i] += lambda * w[i]!;
}
