/**
 * The checks behind the settings form, pure: each field's problem as a message key (and
 * its parameters), mirroring the contract's schema and the engine's own checks so a run
 * is never started with settings the host would refuse.
 */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export type Field = 'dataset' | 'epochs' | 'batch' | 'learningRate' | 'schedule' | 'loss' | 'weightDecay' | 'validation' | 'seed' | 'threads';
export type FieldProblems = Partial<Record<Field, Problem>>;

export interface SettingsValues {
  source: 'bundled' | 'folder' | 'plane' | 'table';
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
}

const isInt = (v: number | null, min: number, max: number): v is number => v !== null && Number.isInteger(v) && v >= min && v <= max;
const inRange = (v: number | null, min: number, max: number, minOpen = false): v is number =>
  v !== null && Number.isFinite(v) && (minOpen ? v > min : v >= min) && v <= max;

/** Validation images held out: with a limit, at most a tenth of the limited set (the host's rule). */
export function effectiveValidation(validationSize: number, limit: number | null, trainCount: number): number {
  if (limit === null) return validationSize;
  return Math.min(validationSize, Math.floor(Math.min(limit, trainCount) / 10));
}

/** `dataProblem`: what is wrong with the plane's or the table's data settings (PlaneData, TableData), when they are the source. */
export function checkSettings(s: SettingsValues, dataProblem?: Problem): FieldProblems {
  const p: FieldProblems = {};
  if (s.source === 'folder' && !s.folderInfo) p.dataset = { key: 'training.problem.noFolder' };
  if ((s.source === 'plane' || s.source === 'table') && dataProblem) p.dataset = dataProblem;
  if (!isInt(s.epochs, 1, 1000)) p.epochs = { key: 'training.problem.epochs' };
  if (!inRange(s.learningRate, 0, 10, true)) p.learningRate = { key: 'training.problem.learningRate' };
  if (!inRange(s.weightDecay, 0, 0.5)) p.weightDecay = { key: 'training.problem.weightDecay' };
  // As the engine says (lossProblem): cross-entropies are for classes.
  if (s.valuesTask && (s.loss === 'categorical_crossentropy' || s.loss === 'binary_crossentropy')) p.loss = { key: 'training.problem.lossForValues' };
  if (!isInt(s.seed, 0, 0xffffffff)) p.seed = { key: 'training.problem.seed' };
  if (s.threadChoice !== 0 && !isInt(s.threadChoice, 1, 64)) p.threads = { key: 'training.problem.threads' };
  if (!isInt(s.validationSize, 0, 59_999)) p.validation = { key: 'training.problem.validation' };
  else if (s.trainCount > 0 && s.validationCount >= s.trainCount) {
    p.validation = { key: 'training.problem.validationTooBig', params: { count: s.trainCount } };
  }
  if (!p.validation && s.fitCount > 0 && s.batchSize > s.fitCount) {
    p.batch = { key: 'training.problem.batchTooBig', params: { count: s.fitCount } };
  }
  if (s.scheduleType === 'step' && !(isInt(s.stepEvery, 1, 1000) && inRange(s.stepFactor, 0, 1, true))) {
    p.schedule = { key: 'training.problem.step' };
  }
  if (s.scheduleType === 'exponential' && !(inRange(s.expRate, 0, 1, true) && inRange(s.expDecaySteps, 0, 1e9, true))) {
    p.schedule = { key: 'training.problem.exponential' };
  }
  return p;
}
