import type { Kernels } from '../core/kernels';
import { Adam } from './adam';
import type { Optimizer, OptimizerSpec } from './optimizer';
import { Sgd } from './sgd';

export type { Optimizer, OptimizerSpec } from './optimizer';
export { learningRateAt, checkSchedule, type ScheduleSpec } from './schedule';

/** An optimizer whose updates (and state) run on `kernels` — the network's, so they run in place. */
export function createOptimizer(spec: OptimizerSpec, kernels?: Kernels): Optimizer {
  if (spec.type === 'adam') return new Adam(spec.beta_1, spec.beta_2, spec.epsilon, spec.weight_decay ?? 0, kernels);
  return new Sgd(spec.momentum ?? 0, spec.nesterov ?? false, spec.weight_decay ?? 0, kernels);
}
