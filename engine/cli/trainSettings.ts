/**
 * `layerwise train`'s flags as the app's training settings (`TrainSettings`), so the
 * engine's one mapping (`trainConfigFromSettings`) turns them into the trainer's config
 * exactly as it does for the app: same settings, same seed, same weights. Also `--init`,
 * which the app sets layer by layer in the network editor and the CLI for every layer
 * with weights at once.
 */
import type { InitializerName } from '../core/initializers';
import { layerKind } from '../model/registry';
import { isLayerType, type NetworkSpec } from '../model/spec';
import type { ScheduleSpec } from '../optimizers/schedule';
import { DEFAULT_VALIDATION_SIZE } from '../train/config';
import type { TrainSettings } from '../train/settings';
import { UsageError, type ParsedFlags } from './args';
import type { TRAIN_FLAGS } from './usage';
import { DEFAULT_LEARNING_RATES } from '../train/settings';
import type { LossName } from '../losses/loss';
import type { Corruption } from '../data/corruption';

type TrainFlags = ParsedFlags<typeof TRAIN_FLAGS>;

/** The app's defaults for each schedule's numbers (the training form starts with these). */
export const SCHEDULE_DEFAULTS = { stepEvery: 1, stepFactor: 0.5, decayRate: 0.9, decaySteps: 1000 } as const;

const STEP_FLAGS = ['step-every', 'step-factor'] as const;
const EXPONENTIAL_FLAGS = ['decay-rate', 'decay-steps'] as const;

/**
 * The settings the flags ask for, on a training set of `trainCount` images (before any
 * `--limit`). Flags that cannot go together are usage errors, each in one line.
 */
export function settingsFromFlags(flags: TrainFlags, trainCount: number): TrainSettings {
  const optimizer = flags.optimizer ?? 'adam';
  checkFlagCombinations(flags);
  const corruption = corruptionFromFlags(flags);
  return {
    epochs: flags.epochs ?? 5,
    batchSize: flags['batch-size'] ?? 64,
    learningRate: flags.lr ?? DEFAULT_LEARNING_RATES[optimizer],
    optimizer,
    schedule: scheduleFromFlags(flags),
    weightDecay: flags['weight-decay'] ?? 0,
    loss: lossFromFlag(flags.loss),
    // The app asks for 5,000 by default; on a set smaller than 50,000 images the CLI
    // holds out a tenth instead, so a small dataset folder trains without more flags.
    // (With --limit both come to the same: the limit's rule keeps at most a tenth.)
    validationSize: flags['validation-size'] ?? flags.validation ?? Math.min(DEFAULT_VALIDATION_SIZE, Math.floor(trainCount / 10)),
    ...(corruption ? { corruption } : {}),
  };
}

/** The loss a --loss value names (mse and bce stand for their full names). */
export function lossFromFlag(name: TrainFlags['loss']): LossName {
  return name === 'mse' ? 'mean_squared_error' : name === 'bce' ? 'binary_crossentropy' : name ?? 'categorical_crossentropy';
}

/**
 * --noise, --binarize and --mask as the damage done to the training inputs; only with
 * --task reconstruction (without it --noise is a generated set's jitter). Null for none.
 */
export function corruptionFromFlags(flags: TrainFlags): Corruption | null {
  if (flags.task !== 'reconstruction') {
    const given = (['binarize', 'mask'] as const).find((n) => flags[n] !== undefined);
    if (given) throw new UsageError(`--${given} corrupts the inputs of an autoencoder: it needs --task reconstruction`, 'train');
    return null;
  }
  const c: { noise?: number; binarize?: number; mask?: number } = {};
  if (flags.noise !== undefined) c.noise = flags.noise;
  if (flags.binarize !== undefined) c.binarize = flags.binarize;
  if (flags.mask !== undefined) c.mask = flags.mask;
  return Object.keys(c).length ? c : null;
}

/** Flags that cannot go together; checked before anything is read, and again by settingsFromFlags. */
export function checkFlagCombinations(flags: TrainFlags): void {
  if (flags.validation !== undefined && flags['validation-size'] !== undefined) {
    throw new UsageError('--validation is the old name of --validation-size; give only one of them', 'train');
  }
  scheduleFromFlags(flags);
  corruptionFromFlags(flags);
}

export function scheduleFromFlags(flags: TrainFlags): ScheduleSpec {
  const type = flags.schedule ?? 'constant';
  const misplaced = (names: readonly (keyof TrainFlags & string)[], wanted: string) => {
    const given = names.find((n) => flags[n] !== undefined);
    if (!given) return;
    throw new UsageError(flags.schedule === undefined
      ? `--${given} needs --schedule ${wanted}`
      : `--${given} applies only with --schedule ${wanted}, not ${flags.schedule}`, 'train');
  };
  if (type !== 'step') misplaced(STEP_FLAGS, 'step');
  if (type !== 'exponential') misplaced(EXPONENTIAL_FLAGS, 'exponential');
  switch (type) {
    case 'constant':
      return { type };
    case 'step':
      return { type, every: flags['step-every'] ?? SCHEDULE_DEFAULTS.stepEvery, factor: flags['step-factor'] ?? SCHEDULE_DEFAULTS.stepFactor };
    case 'exponential':
      return { type, rate: flags['decay-rate'] ?? SCHEDULE_DEFAULTS.decayRate, decay_steps: flags['decay-steps'] ?? SCHEDULE_DEFAULTS.decaySteps };
  }
}

/**
 * The spec with `kernel_initializer` set on every layer that has weights (the layer
 * types whose settings include it: Dense and Conv2D), replacing any the spec gave.
 * Biases keep their initializer (zeros unless the spec says otherwise), as in the app.
 */
export function withKernelInitializer(spec: NetworkSpec, init: InitializerName): NetworkSpec {
  return {
    ...spec,
    layers: spec.layers.map((layer) => (hasKernel(layer.type) ? { ...layer, kernel_initializer: init } : layer)),
  };
}

function hasKernel(type: unknown): boolean {
  // A spec file may name a type the registry does not know; the network build reports it.
  return isLayerType(type) && layerKind(type).settings.includes('kernel_initializer');
}

/** How the settings read in the start line, e.g. "step decay ×0.5 every 2 epochs". */
export function describeSchedule(s: ScheduleSpec): string | null {
  switch (s.type) {
    case 'constant':
      return null;
    case 'step':
      return `learning rate ×${s.factor} every ${s.every} epoch${s.every === 1 ? '' : 's'}`;
    case 'exponential':
      return `learning rate ×${s.rate} every ${s.decay_steps} step${s.decay_steps === 1 ? '' : 's'} (smoothly)`;
  }
}
