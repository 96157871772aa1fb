/**
 * The checks behind the settings form: the engine's own rules (engine/train/settings.ts,
 * `settingsProblems`: one rule, one place), each problem worded as a message key (and its
 * parameters) beside its field, so a run is never started with settings the host would refuse.
 */
import { effectiveValidationSize, SETTING_LIMITS, settingsProblems, type SettingProblem } from '$engine';

/** What one sample of the data is: an image (MNIST, a folder), a point of the plane, a table's row. */
export type SampleKind = 'images' | 'points' | 'rows';

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export type Field = 'dataset' | 'epochs' | 'batch' | 'learningRate' | 'schedule' | 'loss' | 'weightDecay' | 'validation' | 'seed' | 'threads';
export type FieldProblems = Partial<Record<Field, Problem>>;

export interface SettingsValues {
  source: 'bundled' | 'folder' | 'plane' | 'table';
  /** Names the samples in the problems that count them. */
  sampleKind: SampleKind;
  folderInfo: unknown;
  epochs: number | null;
  batchSize: number;
  fitCount: number;
  trainCount: number;
  learningRate: number | null;
  scheduleType: 'constant' | 'step' | 'exponential';
  stepEvery: number | null;
  stepFactor: number | null;
  expRate: number | null;
  expDecaySteps: number | null;
  weightDecay: number | null;
  validationSize: number | null;
  validationCount: number;
  seed: number | null;
  /** 0 = automatic. */
  threadChoice: number;
  loss: string;
  /** The chosen data ask for values (a regression), not classes. */
  valuesTask: boolean;
  /** The images are to be given back (an autoencoder): pixels, not classes. */
  reconstructs?: boolean;
}

/** Validation samples held out: with a limit, at most a tenth of the limited set (the engine's rule). */
export const effectiveValidation = effectiveValidationSize;

/** How the form words each of the engine's problems. */
function problemText(p: SettingProblem, sampleKind: SampleKind): Problem {
  if (p.kind === 'tooBig') {
    return { key: `samples.problem.${p.field === 'batch' ? 'batchTooBig' : 'validationTooBig'}.${sampleKind}`, params: { count: p.count } };
  }
  if (p.field === 'schedule') return { key: `training.problem.${p.kind}` };
  // The bounds the message names are the engine's, so the words cannot drift from the rule.
  const L = SETTING_LIMITS;
  const bounds: Record<typeof p.field, Record<string, number>> = {
    epochs: { min: L.epochs.min, max: L.epochs.max }, learningRate: { max: L.learningRate.max }, weightDecay: { max: L.weightDecay.max },
    validation: { max: L.validationSize.max }, threads: { max: L.threads.max }, seed: {},
  };
  return { key: `training.problem.${p.field}`, params: bounds[p.field] };
}

/** `dataProblem`: what is wrong with the plane's or the table's data settings (PlaneData, TableData), when they are the source. */
export function checkSettings(s: SettingsValues, dataProblem?: Problem): FieldProblems {
  const p: FieldProblems = {};
  if (s.source === 'folder' && !s.folderInfo) p.dataset = { key: 'training.problem.noFolder' };
  if ((s.source === 'plane' || s.source === 'table') && dataProblem) p.dataset = dataProblem;
  // As the engine says (lossProblem): cross-entropies are for classes.
  if (s.valuesTask && (s.loss === 'categorical_crossentropy' || s.loss === 'binary_crossentropy')) p.loss = { key: 'training.problem.lossForValues' };
  if (s.reconstructs && s.loss === 'categorical_crossentropy') p.loss = { key: 'autoencoder.problem.loss' };
  const schedule = s.scheduleType === 'step' ? { type: 'step' as const, every: s.stepEvery, factor: s.stepFactor }
    : s.scheduleType === 'exponential' ? { type: 'exponential' as const, rate: s.expRate, decaySteps: s.expDecaySteps }
      : { type: 'constant' as const };
  const problems = settingsProblems({
    epochs: s.epochs, learningRate: s.learningRate, weightDecay: s.weightDecay, seed: s.seed,
    threads: s.threadChoice === 0 ? null : s.threadChoice,
    validationSize: s.validationSize, validationCount: s.validationCount, trainCount: s.trainCount, fitCount: s.fitCount,
    batchSize: s.batchSize, schedule,
  });
  for (const problem of problems) p[problem.field] = problemText(problem, s.sampleKind);
  return p;
}
