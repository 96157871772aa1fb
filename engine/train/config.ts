import { isLossName, type LossName } from '../losses/loss';
import type { OptimizerSpec } from '../optimizers/optimizer';
import { checkSchedule, type ScheduleSpec } from '../optimizers/schedule';
import { LocalizedError, msg, type Message } from '../messages';
import { corruptionProblems, type Corruption } from '../data/corruption';
import { SETTING_LIMITS, withinLimit } from './settings';

/** Hyperparameters of a training run. */
export interface TrainConfig {
  epochs: number;
  /** Samples per optimizer step: 1 = stochastic, the whole training set = full batch. */
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerSpec;
  schedule?: ScheduleSpec;
  /** Default categorical_crossentropy. */
  loss?: LossName;
  /** Images held out of the training set for validation (the last ones); default 5,000. */
  validationSize?: number;
  /**
   * Most samples per forward pass (default 256). Larger batches are computed in chunks
   * whose gradients add up, so results do not depend on it beyond float rounding; it
   * bounds memory (a CNN's im2col buffer grows with it).
   */
  chunkSize?: number;
  /**
   * Damage done to each training batch's inputs (noise, binarisation, masking:
   * engine/data/corruption.ts), drawn from a stream derived from the run's seed. Targets,
   * validation and test stay clean.
   */
  corruption?: Corruption;
}

export const DEFAULT_VALIDATION_SIZE = 5000;

export class TrainConfigError extends LocalizedError {
  constructor(message: string | Message) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

/**
 * Every problem with a config for a training set of `trainCount` images, as catalog
 * messages (the CLI joins them in English, the app words them in the UI's language).
 */
export function trainConfigProblems(c: TrainConfig, trainCount: number): Message[] {
  const out: Message[] = [];
  const val = c.validationSize ?? Math.min(DEFAULT_VALIDATION_SIZE, Math.floor(trainCount / 10));
  const fitCount = trainCount - val;
  if (!withinLimit(c.epochs, SETTING_LIMITS.epochs, true)) out.push(msg('train.epochs', { got: String(c.epochs) }));
  if (!(Number.isInteger(val) && val >= 0 && val < trainCount)) {
    out.push(msg('train.validation', { max: trainCount - 1, got: String(val) }));
  }
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) out.push(msg('train.batchSize', { got: String(c.batchSize) }));
  else if (fitCount > 0 && c.batchSize > fitCount) {
    out.push(msg('train.batchTooBig', { batch: c.batchSize, count: fitCount }));
  }
  if (!withinLimit(c.learningRate, SETTING_LIMITS.learningRate)) {
    out.push(msg('train.learningRate', { got: String(c.learningRate) }));
  }
  const o = c.optimizer as { type?: unknown; momentum?: unknown; weight_decay?: unknown; beta_1?: unknown; beta_2?: unknown };
  if (o?.type !== 'sgd' && o?.type !== 'adam') out.push(msg('train.optimizer', { got: String(JSON.stringify(o?.type)) }));
  if (o?.momentum !== undefined && !(typeof o.momentum === 'number' && o.momentum >= 0 && o.momentum < 1)) out.push(msg('train.momentum'));
  if (o?.weight_decay !== undefined && !(typeof o.weight_decay === 'number' && o.weight_decay >= 0 && o.weight_decay < 1)) out.push(msg('train.weightDecay'));
  for (const k of ['beta_1', 'beta_2'] as const) {
    if (o?.[k] !== undefined && !(typeof o[k] === 'number' && (o[k] as number) >= 0 && (o[k] as number) < 1)) out.push(msg('train.beta', { name: k }));
  }
  if (c.schedule) {
    const s = checkSchedule(c.schedule);
    if (s) out.push(s);
  }
  if (c.chunkSize !== undefined && !(Number.isInteger(c.chunkSize) && c.chunkSize >= 1)) out.push(msg('train.chunkSize'));
  if (c.corruption !== undefined) out.push(...corruptionProblems(c.corruption));
  if (c.loss !== undefined && !isLossName(c.loss)) out.push(msg('train.unknownLoss', { got: String(JSON.stringify(c.loss)) }));
  return out;
}
