/**
 * A run as the history keeps it on disk: one JSON file per run, versioned, holding what
 * reopening, comparing and reporting it need — the network, the dataset and task, every
 * hyperparameter and the seed, the curves (per-epoch metrics and the batch-level loss),
 * the test results, how long it took, when, how it ended, and the model saved from it.
 *
 * Reading is strict and precise: a file that is not one is refused with the file and the
 * field at fault (`runs.badField`), never half-read. The request parts the host's
 * contract defines (hyperparameters, dataset choice, the spec's layers) are checked here
 * for their outer shape, and by the host against the contract's own schemas.
 */
import { LocalizedError, msg, type Message } from '../messages';
import { isMessage } from '../messages/message';
import { METRIC_NAMES, type EpochMetrics, type Measures } from '../train/metrics';
import { readTask, type Task } from '../data/task';
import type { NetworkSpec } from '../model/spec';
import type { LossTrail } from './lossTrail';

export const RUN_RECORD_FORMAT = 'layerwise-run';
export const RUN_RECORD_VERSION = 1;
export const RUN_ENDINGS = ['completed', 'stopped', 'failed'] as const;
export type RunEnding = (typeof RUN_ENDINGS)[number];
/** `20261207-041500-a1b2c3d4`: the start (UTC) first, so that ids sort as the runs started. */
export const RUN_ID = /^[0-9]{8}-[0-9]{6}-[0-9a-f]{8}$/;
export const MAX_RUN_NAME_CHARS = 80;
/** The student's notes on a run, for the lab report: a page of text. */
export const MAX_RUN_NOTES_CHARS = 10_000;

export interface RunDataset {
  /** The request's dataset choice, as sent (the contract's `DatasetChoice`). */
  choice: Record<string, unknown>;
  /** As the run's 'started' event named it ("MNIST", a folder's name, a generator's kind). */
  name: string;
  /** How the UI names a generated set or a table, in its language; null for folders (their name is the folder's). */
  title: Message | null;
  task: Task | null;
  inputShape: number[];
  classNames: string[] | null;
  trainCount: number;
  valCount: number;
  testCount: number;
}

/** A few of the test set's mistakes, for the lab report: the most confident first. */
export const MAX_RECORDED_MISTAKES = 8;

/** A misclassified test image: its greyscale bytes (the input's height × width), base64. */
export interface RecordedMistake {
  label: number;
  predicted: number;
  confidence: number;
  pixels: string;
}

export interface RunTest {
  count: number;
  measures: Measures;
  confusion: number[][] | null;
  /** Absent in records written before they were kept, and for data that are not images. */
  misclassified?: RecordedMistake[];
}

export interface RunRecord {
  format: typeof RUN_RECORD_FORMAT;
  version: typeof RUN_RECORD_VERSION;
  id: string;
  /** The student's name for it; null until renamed (the UI names it by its data and date). */
  name: string | null;
  starred: boolean;
  ending: RunEnding;
  /** Why it stopped or failed (a catalog message); null for a completed run. */
  endingDetail: Message | null;
  /** ISO 8601. */
  startedAt: string;
  seconds: number;
  appVersion: string;
  spec: NetworkSpec;
  params: number;
  /** The request's hyperparameters, as sent (the contract's `Hyperparams`). */
  hyperparams: Record<string, unknown>;
  /** The learning rate last set while the run trained (watch mode's live rate); null if it kept its own. */
  learningRateSet: number | null;
  dataset: RunDataset;
  /** An autoencoder's request (code layer, corruption), as sent; null otherwise. */
  reconstruct: Record<string, unknown> | null;
  history: EpochMetrics[];
  batchesPerEpoch: number;
  batchLoss: LossTrail;
  test: RunTest | null;
  /** The library id of the model saved from this run, if any. */
  modelId: string | null;
  /**
   * The student's notes, typed in the history, for the lab report. Absent in records
   * written before notes existed (and until some are typed): read as no notes.
   */
  notes?: string;
}

/** A run record as a file holds it (stable key order, no indentation: records can be large). */
export function serializeRunRecord(record: RunRecord): string {
  return JSON.stringify(record);
}

/** Reads a run file's text; refuses anything that is not a whole, well-formed record, naming `file` and the field. */
export function parseRunRecord(text: string, file: string): RunRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new LocalizedError(msg('runs.notJson', { file }));
  }
  if (!isObject(raw) || raw['format'] !== RUN_RECORD_FORMAT) throw new LocalizedError(msg('runs.notARun', { file }));
  const version = raw['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > RUN_RECORD_VERSION) {
    throw new LocalizedError(msg('runs.newerVersion', { file, version }));
  }
  return new Reader(file).record(raw);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => finite(v) && Number.isInteger(v) && v >= 0;
const text = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;

/** Checks one record, field by field; the first field that does not fit is named in the error. */
class Reader {
  constructor(private readonly file: string) {}

  record(o: Record<string, unknown>): RunRecord {
    const field = <T>(name: string, ok: (v: unknown) => v is T): T => this.field(o, name, ok);
    field('version', (v): v is number => v === RUN_RECORD_VERSION);
    const id = field('id', (v): v is string => typeof v === 'string' && RUN_ID.test(v));
    const name = field('name', (v): v is string | null => v === null || (typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_RUN_NAME_CHARS));
    const starred = field('starred', (v): v is boolean => typeof v === 'boolean');
    const ending = field('ending', (v): v is RunEnding => (RUN_ENDINGS as readonly unknown[]).includes(v));
    const endingDetail = field('endingDetail', (v): v is Message | null => v === null || (isMessage(v) && JSON.stringify(v).length <= 4000));
    const startedAt = field('startedAt', (v): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)));
    const seconds = field('seconds', (v): v is number => finite(v) && v >= 0);
    const appVersion = field('appVersion', text(40));
    const spec = field('spec', isSpec);
    const params = field('params', count);
    const hyperparams = field('hyperparams', (v): v is Record<string, unknown> => isObject(v) && JSON.stringify(v).length <= 4000);
    const learningRateSet = field('learningRateSet', (v): v is number | null => v === null || (finite(v) && v > 0 && v <= 10));
    const dataset = this.dataset(field('dataset', isObject));
    const reconstruct = field('reconstruct', (v): v is Record<string, unknown> | null => v === null || (isObject(v) && JSON.stringify(v).length <= 4000));
    const history = this.history(field('history', Array.isArray));
    const batchesPerEpoch = field('batchesPerEpoch', (v): v is number => count(v) && v >= 1);
    const batchLoss = this.trail(field('batchLoss', isObject));
    const test = this.test(field('test', (v): v is Record<string, unknown> | null => v === null || isObject(v)));
    const modelId = field('modelId', (v): v is string | null => v === null || (typeof v === 'string' && /^[a-z0-9][a-z0-9-]{0,79}$/.test(v)));
    const notes = o['notes'] === undefined ? undefined : field('notes', text(MAX_RUN_NOTES_CHARS));
    return {
      ...(notes !== undefined && notes !== '' ? { notes } : {}),
      format: RUN_RECORD_FORMAT, version: RUN_RECORD_VERSION, id, name, starred, ending, endingDetail, startedAt, seconds, appVersion,
      spec, params, hyperparams, learningRateSet, dataset, reconstruct, history, batchesPerEpoch, batchLoss, test, modelId,
    };
  }

  private dataset(o: Record<string, unknown>): RunDataset {
    const field = <T>(name: string, ok: (v: unknown) => v is T): T => this.field(o, `dataset.${name}`, ok, name);
    const choice = field('choice', (v): v is Record<string, unknown> => isObject(v) && isObject(v['source']));
    const name = field('name', text(200));
    const title = field('title', (v): v is Message | null => v === null || (isMessage(v) && JSON.stringify(v).length <= 2000));
    const rawTask = field('task', (v): v is unknown => v === null || readTask(v) !== null);
    const inputShape = field('inputShape', isShape);
    const classNames = field('classNames', (v): v is string[] | null => v === null || (Array.isArray(v) && v.length <= 1000 && v.every(text(100))));
    const trainCount = field('trainCount', count);
    const valCount = field('valCount', count);
    const testCount = field('testCount', count);
    return { choice, name, title, task: rawTask === null ? null : readTask(rawTask), inputShape, classNames, trainCount, valCount, testCount };
  }

  private history(raw: unknown[]): EpochMetrics[] {
    if (raw.length > 1000) this.bad('history');
    return raw.map((h, i) => {
      const at = `history.${i}`;
      if (!isObject(h) || !count(h['epoch']) || !finite(h['seconds']) || !count(h['trainCount'])) this.bad(at);
      const running = this.measures(h['running'], `${at}.running`);
      const sub = (k: 'train' | 'val') => (h[k] === null ? null : this.measures(h[k], `${at}.${k}`));
      return { epoch: h['epoch'] as number, seconds: h['seconds'] as number, running, train: sub('train'), trainCount: h['trainCount'] as number, val: sub('val') };
    });
  }

  /** A loss may be NaN or infinite in a diverged run: JSON writes it null, and it reads back as NaN. */
  private measures(raw: unknown, at: string): Measures {
    if (!isObject(raw) || !(finite(raw['loss']) || raw['loss'] === null)) this.bad(at);
    const m: { -readonly [K in keyof Measures]: Measures[K] } = { loss: finite(raw['loss']) ? raw['loss'] : Number.NaN };
    for (const k of Object.keys(raw)) {
      if (k === 'loss') continue;
      if (!(METRIC_NAMES as readonly string[]).includes(k)) this.bad(`${at}.${k}`);
      const v = raw[k];
      if (!(finite(v) || v === null)) this.bad(`${at}.${k}`);
      m[k as (typeof METRIC_NAMES)[number]] = finite(v) ? v : Number.NaN;
    }
    return m;
  }

  private trail(o: Record<string, unknown>): LossTrail {
    const { steps, loss } = o;
    const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 10_000 && v.every(finite);
    if (!numbers(steps)) this.bad('batchLoss.steps');
    if (!numbers(loss) || loss.length !== steps.length) this.bad('batchLoss.loss');
    return { steps: [...steps], loss: [...loss] };
  }

  private test(o: Record<string, unknown> | null): RunTest | null {
    if (o === null) return null;
    if (!count(o['count'])) this.bad('test.count');
    const measures = this.measures(o['measures'], 'test.measures');
    const c = o['confusion'];
    const square = (v: unknown): v is number[][] =>
      Array.isArray(v) && v.length <= 256 && v.every((row) => Array.isArray(row) && row.length === v.length && row.every(count));
    if (!(c === null || square(c))) this.bad('test.confusion');
    const test: RunTest = { count: o['count'] as number, measures, confusion: c === null ? null : (c as number[][]).map((row) => [...row]) };
    const m = o['misclassified'];
    if (m === undefined) return test;
    const mistake = (v: unknown): v is RecordedMistake => isObject(v) && count(v['label']) && count(v['predicted'])
      && finite(v['confidence']) && v['confidence'] >= 0 && v['confidence'] <= 1
      && typeof v['pixels'] === 'string' && v['pixels'].length <= 16_384 && /^[A-Za-z0-9+/]*={0,2}$/.test(v['pixels']);
    if (!Array.isArray(m) || m.length > MAX_RECORDED_MISTAKES || !m.every(mistake)) this.bad('test.misclassified');
    return { ...test, misclassified: m.map(({ label, predicted, confidence, pixels }) => ({ label, predicted, confidence, pixels })) };
  }

  private field<T>(o: Record<string, unknown>, shown: string, ok: (v: unknown) => v is T, key = shown): T {
    const v = o[key];
    if (!ok(v)) this.bad(shown);
    return v;
  }

  private bad(field: string): never {
    throw new LocalizedError(msg('runs.badField', { file: this.file, field }));
  }
}

function isShape(v: unknown): v is number[] {
  return Array.isArray(v) && v.length >= 1 && v.length <= 3 && v.every((d) => count(d) && d >= 1 && d <= 4096);
}

/** The spec's outer shape (its layers' settings are the builder's and the engine's analysis's to check). */
function isSpec(v: unknown): v is NetworkSpec {
  if (!isObject(v) || !isShape(v['input_shape'])) return false;
  const layers = v['layers'];
  return Array.isArray(v['layers']) && (layers as unknown[]).length <= 100
    && (layers as unknown[]).every((l) => isObject(l) && typeof l['type'] === 'string' && l['type'].length <= 40);
}
