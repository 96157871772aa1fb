/**
 * A run record as the renderer sees it: its summary for the history list, and the whole
 * run for reopening. The record's request parts (network, hyperparameters, dataset
 * choice, an autoencoder's settings) are checked against the contract's own schemas, so
 * a record reopens only with what a request could have carried; the first field that
 * does not fit is named (`runs.badField`).
 */
import type { z } from 'zod';
import { LocalizedError, METRIC_NAMES, msg, type EpochMetrics, type Message, type MetricName, type RunRecord } from '../../engine';
import {
  datasetChoiceSchema, hyperparamsSchema, networkSpecSchema, reconstructRequestSchema, type DatasetChoice, type Hyperparams, type OpenedRun,
  type ReconstructRequest, type RunSummary,
} from '../ipc/contract';
import { clipDetail } from './hostError';

/** Refuses a record whose request parts the contract would refuse, naming the field (`hyperparams.learningRate`). */
export function checkRunRecord(r: RunRecord, file: string): void {
  const check = (schema: z.ZodType, value: unknown, field: string) => {
    const result = schema.safeParse(value);
    if (result.success) return;
    const at = result.error.issues[0]?.path ?? [];
    throw new LocalizedError(msg('runs.badField', { file, field: [field, ...at].join('.') }));
  };
  check(networkSpecSchema, r.spec, 'spec');
  check(hyperparamsSchema, r.hyperparams, 'hyperparams');
  check(datasetChoiceSchema, r.dataset.choice, 'dataset.choice');
  if (r.reconstruct !== null) check(reconstructRequestSchema, r.reconstruct, 'reconstruct');
}

export function summarizeRun(r: RunRecord): RunSummary {
  const h = r.hyperparams as Hyperparams;
  return {
    id: r.id, name: r.name, starred: r.starred, ending: r.ending, startedAt: r.startedAt, seconds: r.seconds,
    dataset: { name: r.dataset.name, title: r.dataset.title, taskKind: r.dataset.task?.kind ?? (r.reconstruct ? 'reconstruction' : null) },
    architecture: r.spec.layers.length ? r.spec.layers.map((l) => l.type).join(' → ') : '(no layers)',
    params: r.params,
    settings: { epochs: h.epochs, batchSize: h.batchSize, learningRate: h.learningRate, optimizer: h.optimizer, loss: h.loss, seed: h.seed },
    epochsDone: r.history.length,
    final: finalOf(r),
    modelId: r.modelId,
  };
}

/** A record that does not read: listed with why, so that it can be deleted. */
export function damagedRun(id: string, why: Message): RunSummary {
  const date = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(id);
  const startedAt = date ? `${date[1]}-${date[2]}-${date[3]}T${date[4]}:${date[5]}:${date[6]}.000Z` : new Date(0).toISOString();
  return {
    id, name: null, starred: false, ending: 'failed', startedAt, seconds: 0, dataset: { name: '', title: null, taskKind: null },
    architecture: '', params: 0, settings: null, epochsDone: 0, final: null, modelId: null, damaged: clipDetail(why),
  };
}

export function openRun(r: RunRecord): OpenedRun {
  return {
    summary: summarizeRun(r),
    spec: r.spec,
    hyperparams: r.hyperparams as Hyperparams,
    learningRateSet: r.learningRateSet,
    dataset: r.dataset.choice as DatasetChoice,
    data: {
      inputShape: r.dataset.inputShape, classNames: r.dataset.classNames, task: r.dataset.task,
      trainCount: r.dataset.trainCount, valCount: r.dataset.valCount, testCount: r.dataset.testCount,
    },
    reconstruct: r.reconstruct as ReconstructRequest | null,
    history: r.history, batchesPerEpoch: r.batchesPerEpoch, batchLoss: r.batchLoss, test: r.test, endingDetail: r.endingDetail, notes: r.notes ?? '',
  };
}

/** The test results when the run was tested, else its last epoch's validation (or training) measures. */
function finalOf(r: RunRecord): RunSummary['final'] {
  const last: EpochMetrics | undefined = r.history.at(-1);
  const [on, m] = r.test ? ['test', r.test.measures] as const
    : last?.val ? ['validation', last.val] as const
      : last ? ['train', last.train ?? last.running] as const : [null, null];
  if (on === null) return null;
  const metric: MetricName | null = METRIC_NAMES.find((k) => m[k] !== undefined) ?? null;
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);
  return { on, loss: num(m.loss), metric, value: metric ? num(m[metric]) : null };
}
