/**
 * What the host writes into the run history when a run ends (completed, stopped or
 * failed): the request as sent, what the run's 'started' event said of its data, and the
 * outcome (curves, test results, how it ended). Plain data: electron/host/runHistory.ts stores it.
 */
import { randomBytes } from 'node:crypto';
import { RUN_RECORD_FORMAT, RUN_RECORD_VERSION, type NetworkSpec, type RunRecord, type Task } from '../../engine';
import type { RequestOf } from '../ipc/contract';
import type { DatasetCounts, ResolvedDataset } from './datasetRegistry';
import type { RunOutcome } from './trainingRun';

/** `20261207-041500-a1b2c3d4`: the start in UTC, then 8 random hex digits. */
export function newRunId(startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export interface RecordedRun {
  id: string;
  startedAt: Date;
  endedAt: Date;
  appVersion: string;
  request: RequestOf<'train:start'>;
  where: ResolvedDataset;
  /** The dataset's size and classes, when the host knows them (built sets, folders read before). */
  counts: DatasetCounts | null;
  outcome: RunOutcome;
}

export function runRecordOf({ id, startedAt, endedAt, appVersion, request, where, counts, outcome }: RecordedRun): RunRecord {
  const s = outcome.started;
  const spec = request.spec as unknown as NetworkSpec;
  const reconstruct = request.reconstruct ?? null;
  const task: Task | null = reconstruct ? { kind: 'reconstruction' } : where.kind === 'built' ? where.dataset.task : null;
  return {
    format: RUN_RECORD_FORMAT, version: RUN_RECORD_VERSION, id, name: null, starred: false,
    ending: outcome.status, endingDetail: outcome.status === 'completed' ? null : outcome.detail,
    startedAt: startedAt.toISOString(),
    seconds: outcome.seconds ?? Math.max(0, (endedAt.getTime() - startedAt.getTime()) / 1000),
    appVersion, spec, params: s?.params ?? 0,
    hyperparams: { ...request.hyperparams }, learningRateSet: outcome.learningRate,
    dataset: {
      choice: { ...request.dataset }, name: s?.dataset ?? where.name, title: where.kind === 'built' ? where.title : null, task,
      inputShape: counts?.inputShape ?? [...spec.input_shape], classNames: counts?.classNames ?? null,
      trainCount: s?.trainCount ?? 0, valCount: s?.valCount ?? 0, testCount: s?.testCount ?? 0,
    },
    reconstruct: reconstruct ? { ...reconstruct } : null,
    history: outcome.history, batchesPerEpoch: Math.max(1, s?.batchesPerEpoch ?? 1), batchLoss: outcome.batchLoss,
    test: outcome.test, modelId: null,
  };
}
