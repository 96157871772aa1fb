/**
 * The training settings a student chooses (the app's form, the CLI's flags) and the one
 * mapping from them to the trainer's `TrainConfig`. The app's host and the CLI both go
 * through here, so the same settings and seed give the same run, weight for weight,
 * whichever of the two trained it.
 */
import type { LossName } from '../losses/loss';
import type { OptimizerSpec } from '../optimizers/optimizer';
import type { ScheduleSpec } from '../optimizers/schedule';
import type { TrainConfig } from './config';
import { isCorrupting, type Corruption } from '../data/corruption';

/** Momentum of the 'momentum' and 'nesterov' optimizers. */
export const MOMENTUM = 0.9;

export const OPTIMIZER_CHOICES = ['sgd', 'momentum', 'nesterov', 'adam'] as const;

/**
 * Each optimizer's usual starting learning rate, the same in the app and the CLI: plain
 * SGD needs a much larger step than Adam to move at all, so one default for both would
 * make SGD look useless.
 */
export const DEFAULT_LEARNING_RATES: Readonly<Record<(typeof OPTIMIZER_CHOICES)[number], number>> = {
  sgd: 0.1, momentum: 0.01, nesterov: 0.01, adam: 0.001,
};
export type OptimizerChoice = (typeof OPTIMIZER_CHOICES)[number];

export interface TrainSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** momentum = SGD with momentum 0.9; nesterov = the same with Nesterov's look-ahead. */
  readonly optimizer: OptimizerChoice;
  readonly schedule: ScheduleSpec;
  /** Decoupled weight decay; 0 = none (and then absent from the optimizer spec). */
  readonly weightDecay: number;
  readonly loss: LossName;
  /** Images held out for validation, before the limit's rule (`effectiveValidationSize`). */
  readonly validationSize: number;
  /** Damage done to the training inputs (autoencoders' denoising lessons); absent = none. */
  readonly corruption?: Corruption;
}

/**
 * The trainer's config for these settings when training on the first `limit` of
 * `trainCount` images (null = all of them). The thread count is not a setting: it
 * changes the speed only, and a saved model may be opened on another machine.
 */
export function trainConfigFromSettings(s: TrainSettings, limit: number | null = null, trainCount = Infinity): TrainConfig {
  const decay = s.weightDecay > 0 ? { weight_decay: s.weightDecay } : {};
  const optimizer: OptimizerSpec =
    s.optimizer === 'adam' ? { type: 'adam', ...decay }
      : s.optimizer === 'momentum' ? { type: 'sgd', momentum: MOMENTUM, ...decay }
        : s.optimizer === 'nesterov' ? { type: 'sgd', momentum: MOMENTUM, nesterov: true, ...decay }
          : { type: 'sgd', ...decay };
  return {
    epochs: s.epochs,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    optimizer,
    schedule: s.schedule,
    loss: s.loss,
    validationSize: effectiveValidationSize(s.validationSize, limit, trainCount),
    ...(isCorrupting(s.corruption) ? { corruption: s.corruption } : {}),
  };
}

/**
 * The validation images of a run: as asked, except that with a `limit` at most a tenth
 * of the limited training set is held out (so a quick run still has data to train on).
 */
export function effectiveValidationSize(validationSize: number, limit: number | null, trainCount: number): number {
  if (limit === null) return validationSize;
  return Math.min(validationSize, Math.floor(Math.min(limit, trainCount) / 10));
}
