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
  const optimizer = optimizerSpecFor(s.optimizer, s.weightDecay);
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

/** The optimizer a choice of the form (or --optimizer) stands for; weight decay 0 = none (absent from the spec). */
export function optimizerSpecFor(choice: OptimizerChoice, weightDecay = 0): OptimizerSpec {
  const decay = weightDecay > 0 ? { weight_decay: weightDecay } : {};
  return choice === 'adam' ? { type: 'adam', ...decay }
    : choice === 'momentum' ? { type: 'sgd', momentum: MOMENTUM, ...decay }
      : choice === 'nesterov' ? { type: 'sgd', momentum: MOMENTUM, nesterov: true, ...decay }
        : { type: 'sgd', ...decay };
}

/**
 * The validation images of a run: as asked, except that with a `limit` at most a tenth
 * of the limited training set is held out (so a quick run still has data to train on).
 */
export function effectiveValidationSize(validationSize: number, limit: number | null, trainCount: number): number {
  if (limit === null) return validationSize;
  return Math.min(validationSize, Math.floor(Math.min(limit, trainCount) / 10));
}

/**
 * The bounds of each setting a student types: the app's form checks them before a run is
 * asked for, the engine's own check (`trainConfigProblems`) and the contract's schema hold
 * the same. `above` marks a bound the value must exceed (a learning rate of 0 learns nothing).
 */
export const SETTING_LIMITS = {
  epochs: { min: 1, max: 1000 },
  learningRate: { above: 0, max: 10 },
  weightDecay: { min: 0, max: 0.5 },
  validationSize: { min: 0, max: 59_999 },
  seed: { min: 0, max: 0xffffffff },
  threads: { min: 1, max: 64 },
  stepEvery: { min: 1, max: 1000 },
  stepFactor: { above: 0, max: 1 },
  expRate: { above: 0, max: 1 },
  expDecaySteps: { above: 0, max: 1e9 },
} as const;

type Limit = { readonly min: number; readonly max: number } | { readonly above: number; readonly max: number };

/** Whether `v` is within `limit` (and whole, for `whole`); null (an empty box) never is. */
export function withinLimit(v: number | null | undefined, limit: Limit, whole = false): v is number {
  if (v === null || v === undefined || !Number.isFinite(v) || (whole && !Number.isInteger(v))) return false;
  return ('above' in limit ? v > limit.above : v >= limit.min) && v <= limit.max;
}

/** The settings as a form holds them: null where a box is empty. */
export interface SettingsDraft {
  readonly epochs: number | null;
  readonly learningRate: number | null;
  readonly weightDecay: number | null;
  readonly seed: number | null;
  /** null = automatic. */
  readonly threads: number | null;
  /** As typed (or the default). */
  readonly validationSize: number | null;
  /** Held out for validation after the limit's rule (`effectiveValidationSize`). */
  readonly validationCount: number;
  /** Training samples drawn from (after any limit), validation included; 0 when not known. */
  readonly trainCount: number;
  /** Training samples left once validation is held out. */
  readonly fitCount: number;
  readonly batchSize: number;
  readonly schedule:
    | { readonly type: 'constant' }
    | { readonly type: 'step'; readonly every: number | null; readonly factor: number | null }
    | { readonly type: 'exponential'; readonly rate: number | null; readonly decaySteps: number | null };
}

export type SettingProblem =
  | { readonly field: 'epochs' | 'learningRate' | 'weightDecay' | 'seed' | 'threads' | 'validation'; readonly kind: 'outOfRange' }
  /** Validation or batch larger than the samples there are (`count`: how many there are). */
  | { readonly field: 'validation' | 'batch'; readonly kind: 'tooBig'; readonly count: number }
  | { readonly field: 'schedule'; readonly kind: 'step' | 'exponential' };

/** Every problem of a draft, one per field at most (the app words each beside its field). */
export function settingsProblems(d: SettingsDraft): SettingProblem[] {
  const L = SETTING_LIMITS;
  const out: SettingProblem[] = [];
  if (!withinLimit(d.epochs, L.epochs, true)) out.push({ field: 'epochs', kind: 'outOfRange' });
  if (!withinLimit(d.learningRate, L.learningRate)) out.push({ field: 'learningRate', kind: 'outOfRange' });
  if (!withinLimit(d.weightDecay, L.weightDecay)) out.push({ field: 'weightDecay', kind: 'outOfRange' });
  if (!withinLimit(d.seed, L.seed, true)) out.push({ field: 'seed', kind: 'outOfRange' });
  if (d.threads !== null && !withinLimit(d.threads, L.threads, true)) out.push({ field: 'threads', kind: 'outOfRange' });
  let validationOk = false;
  if (!withinLimit(d.validationSize, L.validationSize, true)) out.push({ field: 'validation', kind: 'outOfRange' });
  else if (d.trainCount > 0 && d.validationCount >= d.trainCount) out.push({ field: 'validation', kind: 'tooBig', count: d.trainCount });
  else validationOk = true;
  // As trainConfigProblems says it: a batch cannot hold more samples than are left to train on.
  if (validationOk && d.fitCount > 0 && d.batchSize > d.fitCount) out.push({ field: 'batch', kind: 'tooBig', count: d.fitCount });
  const s = d.schedule;
  if (s.type === 'step' && !(withinLimit(s.every, L.stepEvery, true) && withinLimit(s.factor, L.stepFactor))) {
    out.push({ field: 'schedule', kind: 'step' });
  }
  if (s.type === 'exponential' && !(withinLimit(s.rate, L.expRate) && withinLimit(s.decaySteps, L.expDecaySteps))) {
    out.push({ field: 'schedule', kind: 'exponential' });
  }
  return out;
}
