import { Adam } from './adam';
import type { Optimizer, OptimizerSpec } from './optimizer';
import { Sgd } from './sgd';

export type { Optimizer, OptimizerSpec } from './optimizer';
export { learningRateAt, checkSchedule, type ScheduleSpec } from './schedule';

export function createOptimizer(spec: OptimizerSpec): Optimizer {
  if (spec.type === 'adam') return new Adam(spec.beta_1, spec.beta_2, spec.epsilon, spec.weight_decay ?? 0);
  return new Sgd(spec.momentum ?? 0, spec.nesterov ?? false, spec.weight_decay ?? 0);
}
