/**
 * What went wrong with a run that completed but did not learn: a broken run otherwise
 * looks like a result (lr 5 with SGD ends with every digit predicted as one class, 9 %,
 * shown like any other score). Each finding says what happened, its likely cause as
 * read from the settings, and what to change, as catalog messages so the app words them
 * in the UI's language and the CLI in English.
 *
 * Pure: the run's epoch metrics, its test result and its settings in, findings out.
 */
import { msg, type Message } from '../messages';
import { layerNames } from '../model/analyze';
import type { NetworkSpec } from '../model/spec';
import type { OptimizerSpec } from '../optimizers/optimizer';
import type { EpochMetrics } from './trainer';

export type FindingKind = 'chance' | 'oneClass' | 'lossRose' | 'lossFlat';

export interface RunFinding {
  kind: FindingKind;
  /** 'error': the model is of no use as it is; 'warning': it learned, but something went wrong on the way. */
  severity: 'error' | 'warning';
  /** What happened, with the figures that show it. */
  problem: Message;
  cause: Message;
  fix: Message;
}

export interface DiagnosisInput {
  history: readonly EpochMetrics[];
  /** null when the run had no test set. `confusion[true][predicted]`, one row per class; null for tasks without classes. */
  test: { measures: { accuracy?: number }; confusion: readonly (readonly number[])[] | null } | null;
  config: { learningRate: number; optimizer: OptimizerSpec };
  /** The network trained, to read its initializers and activations; null when unknown. */
  spec: NetworkSpec | null;
}

/** Accuracy at or below this multiple of 1/K (K classes) is what guessing gives. */
export const CHANCE_FACTOR = 1.5;
/**
 * Accuracy at or below which K classes are "guessed": 1.5/K, except for two classes,
 * where 1.5/2 = 75 % would call a weak but real classifier chance.
 */
export function chanceThreshold(classes: number): number {
  return classes <= 2 ? 0.55 : CHANCE_FACTOR / classes;
}
/** A class predicted for more than this share of the test images is "nearly everything". */
export const ONE_CLASS_SHARE = 0.8;
/** The last epoch's loss "rose" when it is this much above the lowest one (relative and absolute). */
export const LOSS_ROSE_RATIO = 1.25;
export const LOSS_ROSE_MIN = 0.05;
/** The loss "did not move" when it changed by less than this fraction from first to last epoch. */
export const LOSS_FLAT_RATIO = 0.01;

type OptimizerKind = 'sgd' | 'momentum' | 'adam';

/** The learning rate each optimizer usually trains MNIST well with, and the one above which its steps overshoot. */
const USUAL_LR: Record<OptimizerKind, number> = { sgd: 0.05, momentum: 0.01, adam: 0.001 };
const HIGH_LR: Record<OptimizerKind, number> = { sgd: 1, momentum: 0.2, adam: 0.02 };
/** Below this the weights hardly move in a few epochs. */
const LOW_LR: Record<OptimizerKind, number> = { sgd: 1e-4, momentum: 1e-5, adam: 1e-6 };
/** Hidden layers of sigmoid/tanh from which the gradient fades on its way back. */
const DEEP_SATURATING = 3;

export function diagnoseRun(input: DiagnosisInput): RunFinding[] {
  const out: RunFinding[] = [];
  const settings = readSettings(input);
  const confusion = input.test?.confusion ?? null, accuracy = input.test?.measures.accuracy;
  if (confusion && confusion.length > 1 && accuracy !== undefined) {
    const classes = confusion.length;
    if (accuracy <= chanceThreshold(classes)) {
      out.push({
        kind: 'chance', severity: 'error',
        problem: msg('train.diagnosis.chance', { accuracy: pct(accuracy), classes, chance: pct(1 / classes) }),
        ...notLearningCause(settings),
      });
    }
    const flooded = dominantPrediction(confusion);
    if (flooded) {
      out.push({
        kind: 'oneClass', severity: 'error',
        problem: msg('train.diagnosis.oneClass', { share: pct(flooded.share), cls: String(flooded.cls) }),
        ...notLearningCause(settings),
      });
    }
  }
  const losses = input.history.map((m) => m.running.loss).filter(Number.isFinite);
  if (losses.length >= 2) {
    const first = losses[0]!, last = losses.at(-1)!;
    const lowest = Math.min(...losses);
    if (last > lowest * LOSS_ROSE_RATIO && last - lowest > LOSS_ROSE_MIN) {
      const lr = settings.lr;
      out.push({
        kind: 'lossRose', severity: 'warning',
        problem: msg('train.diagnosis.lossRose', { last: round(last), lowest: round(lowest), epoch: losses.indexOf(lowest) + 1 }),
        cause: settings.lrHigh ? lrHighCause(settings) : msg('train.diagnosis.cause.lrLate', { lr }),
        fix: msg('train.diagnosis.fix.schedule', { lr: settings.lrHigh ? USUAL_LR[settings.optimizer] : round(lr / 10) }),
      });
    } else if (first > 0 && Math.abs(last - first) / first < LOSS_FLAT_RATIO) {
      out.push({
        kind: 'lossFlat', severity: 'warning',
        problem: msg('train.diagnosis.lossFlat', { first: round(first), last: round(last) }),
        ...notLearningCause(settings),
      });
    }
  }
  return out;
}

interface Settings {
  lr: number;
  optimizer: OptimizerKind;
  lrHigh: boolean;
  lrLow: boolean;
  /** The first layer whose weights start at zero, and the activation it feeds. */
  zeros: { layer: string; activation: string } | null;
  /** Hidden layers with a saturating activation, and which one. */
  saturating: { count: number; activation: string };
}

function readSettings({ config, spec }: DiagnosisInput): Settings {
  const o = config.optimizer;
  const optimizer: OptimizerKind = o.type === 'adam' ? 'adam' : (o.momentum ?? 0) > 0 ? 'momentum' : 'sgd';
  const lr = config.learningRate;
  let zeros: Settings['zeros'] = null;
  const saturating = { count: 0, activation: '' };
  if (spec) {
    const names = layerNames(spec.layers);
    const weighted = spec.layers.flatMap((l, i) => (l.type === 'Dense' || l.type === 'Conv2D' ? [{ l, i }] : []));
    for (const { l, i } of weighted) {
      if (!zeros && l.kernel_initializer === 'zeros') zeros = { layer: names[i]!, activation: l.activation ?? 'linear' };
    }
    // The output layer's softmax/sigmoid is expected; the hidden ones are what fade the gradient.
    const lastWeighted = weighted.at(-1)?.i ?? -1;
    spec.layers.forEach((l, i) => {
      const act = l.type === 'Dense' || l.type === 'Conv2D' || l.type === 'Activation' ? l.activation : undefined;
      if (i < lastWeighted && (act === 'sigmoid' || act === 'tanh')) {
        saturating.count++;
        saturating.activation ||= act;
      }
    });
  }
  return { lr, optimizer, lrHigh: lr > HIGH_LR[optimizer], lrLow: lr < LOW_LR[optimizer], zeros, saturating };
}

/** Why a network did not learn at all, most likely first, and what to change. */
function notLearningCause(s: Settings): { cause: Message; fix: Message } {
  if (s.lrHigh) return { cause: lrHighCause(s), fix: msg('train.diagnosis.fix.lowerLr', { lr: USUAL_LR[s.optimizer] }) };
  if (s.zeros) {
    return {
      cause: msg('train.diagnosis.cause.zeros', { layer: s.zeros.layer }),
      fix: msg('train.diagnosis.fix.initializer', { layer: s.zeros.layer, initializer: s.zeros.activation === 'relu' ? 'he_uniform' : 'glorot_uniform' }),
    };
  }
  if (s.saturating.count >= DEEP_SATURATING) {
    return {
      cause: msg('train.diagnosis.cause.saturating', { count: s.saturating.count, activation: s.saturating.activation }),
      fix: msg('train.diagnosis.fix.relu'),
    };
  }
  if (s.lrLow) {
    return {
      cause: msg('train.diagnosis.cause.lrLow', { lr: s.lr, optimizer: optimizerName(s.optimizer) }),
      fix: msg('train.diagnosis.fix.raiseLr', { lr: USUAL_LR[s.optimizer] }),
    };
  }
  return { cause: msg('train.diagnosis.cause.unclear'), fix: msg('train.diagnosis.fix.general') };
}

function lrHighCause(s: Settings): Message {
  return msg('train.diagnosis.cause.lrHigh', { lr: s.lr, optimizer: optimizerName(s.optimizer), usual: USUAL_LR[s.optimizer] });
}

function optimizerName(kind: OptimizerKind): Message {
  return msg(kind === 'adam' ? 'train.diagnosis.optimizer.adam' : kind === 'momentum' ? 'train.diagnosis.optimizer.momentum' : 'train.diagnosis.optimizer.sgd');
}

/**
 * The class predicted for more than ONE_CLASS_SHARE of the images, unless that many
 * images truly are of that class (then predicting it is no symptom).
 */
export function dominantPrediction(confusion: readonly (readonly number[])[]): { cls: number; share: number } | null {
  const k = confusion.length;
  const predicted = new Array<number>(k).fill(0);
  let total = 0;
  for (const row of confusion) {
    for (let j = 0; j < k; j++) predicted[j]! += row[j] ?? 0;
    total += row.reduce((a, b) => a + b, 0);
  }
  if (total === 0) return null;
  let cls = 0;
  for (let j = 1; j < k; j++) if (predicted[j]! > predicted[cls]!) cls = j;
  const share = predicted[cls]! / total;
  const trueShare = confusion[cls]!.reduce((a, b) => a + b, 0) / total;
  return share > ONE_CLASS_SHARE && trueShare < ONE_CLASS_SHARE / 2 ? { cls, share } : null;
}

/** A fraction as a percentage with one decimal (9.8), the way the findings quote it. */
const pct = (fraction: number) => Math.round(fraction * 1000) / 10;
const round = (v: number) => Number(v.toPrecision(3));
