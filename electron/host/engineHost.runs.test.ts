/**
 * The run history through the real host, real workers and real files: every run that
 * trained is kept — completed, stopped or failed — with its network, data, settings,
 * curves and results; it is renamed, starred, linked to the model saved from it, and
 * deleted; and all of it is still there when a new host starts on the same folder.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelSummary, OpenedRun, RunSummary } from '../ipc/contract';
import { formatMessage } from '../../engine';
import { EngineHost } from './engineHost';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';
import { createTsxWorkerFactory } from './testWorkers';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

const SPEC_2_8_2 = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const moons = { kind: 'generated', generator: 'moons', points: 200, noise: null, arms: 2, seed: 3, testShare: 0.2 };
const quick = hyperparams({ epochs: 4, batchSize: 16, optimizer: 'adam', learningRate: 0.03, validationSize: 16, seed: 11 });

async function train(client: string, over: Partial<typeof quick> = {}, then?: (runId: string) => Promise<void>): Promise<string> {
  const log = t.events(client);
  const { runId } = await t.ok<{ runId: string }>('train:start', { spec: SPEC_2_8_2, hyperparams: { ...quick, ...over }, dataset: { source: moons, limit: null } }, client);
  await then?.(runId);
  const end = await log.next(['completed', 'stopped', 'failed']);
  return end.type;
}

describe('the run history through the host', () => {
  let completed: RunSummary;

  it('keeps a completed run with everything reopening and comparing it needs', async () => {
    expect(await train('a')).toBe('completed');
    const list = await t.ok<RunSummary[]>('runs:list');
    expect(list).toHaveLength(1);
    completed = list[0]!;
    expect(completed).toMatchObject({
      name: null, starred: false, ending: 'completed', architecture: 'Dense → Dense', params: 2 * 8 + 8 + 8 * 2 + 2, epochsDone: 4,
      dataset: { name: 'moons', taskKind: 'classification' },
      settings: { epochs: 4, batchSize: 16, learningRate: 0.03, optimizer: 'adam', loss: 'categorical_crossentropy', seed: 11 },
      modelId: null,
    });
    expect(formatMessage(completed.dataset.title!, 'fr')).toBe('lunes');
    expect(completed.final).toMatchObject({ on: 'test', metric: 'accuracy' });
    expect(completed.final!.value).toBeGreaterThan(0.5);
    expect(Date.parse(completed.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(completed.seconds).toBeGreaterThan(0);

    const run = await t.ok<OpenedRun>('runs:get', { id: completed.id });
    expect(run.spec).toEqual(SPEC_2_8_2);
    expect(run.hyperparams).toEqual(quick);
    expect(run.dataset).toEqual({ source: moons, limit: null });
    expect(run.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3]);
    expect(run.data).toMatchObject({ inputShape: [2], classNames: ['0', '1'], trainCount: 144, valCount: 16, testCount: 40 });
    // The batch-level loss: one point per batch (9 a epoch, 4 epochs), steps 1…36 in order.
    expect(run.batchesPerEpoch).toBe(9);
    expect(run.batchLoss.steps).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(run.batchLoss.loss.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    expect(run.test!.count).toBe(40);
    expect(run.test!.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(run.endingDetail).toBeNull();
    expect(run.learningRateSet).toBeNull();
  });

  it('keeps a stopped run and a failed one, each with why it ended', async () => {
    expect(await train('b', { epochs: 500, batchSize: 1 }, async (runId) => {
      await t.events('b').next('epoch');
      await t.ok('train:set', { runId, learningRate: 0.005 }, 'b');
      await t.ok('train:stop', { runId }, 'b');
    })).toBe('stopped');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await train('c', { epochs: 500, batchSize: 1 }, async () => {
        await t.events('c').next('epoch');
        await t.host.activeRun('c')!.worker.terminate();
      })).toBe('failed');
    } finally {
      errors.mockRestore();
    }
    const list = await t.ok<RunSummary[]>('runs:list');
    expect(list.map((r) => r.ending)).toEqual(['failed', 'stopped', 'completed']);
    const stopped = await t.ok<OpenedRun>('runs:get', { id: list[1]!.id });
    expect(stopped.endingDetail?.key).toBe('train.stoppedAt');
    expect(stopped.history.length).toBeGreaterThanOrEqual(1);
    expect(stopped.batchLoss.steps.length).toBeGreaterThan(100);
    expect(stopped.test).toBeNull();
    expect(stopped.learningRateSet).toBe(0.005);
    expect(stopped.hyperparams.learningRate).toBe(0.03);
    expect(list[1]!.final?.on).toBe('validation');
    const failed = await t.ok<OpenedRun>('runs:get', { id: list[0]!.id });
    expect(failed.endingDetail?.key).toBe('train.crashed');
  });

  it('keeps a run whose window went away (no final event to say it)', async () => {
    const log = t.events('d');
    await t.ok('train:start', { spec: SPEC_2_8_2, hyperparams: { ...quick, epochs: 500, batchSize: 1 }, dataset: { source: moons, limit: null } }, 'd');
    await log.next('epoch');
    await t.host.closeClient('d');
    const newest = (await t.ok<RunSummary[]>('runs:list'))[0]!;
    expect(newest.ending).toBe('failed');
    expect(newest.epochsDone).toBeGreaterThanOrEqual(1);
    expect((await t.ok<OpenedRun>('runs:get', { id: newest.id })).endingDetail).toEqual({ key: 'runs.windowClosed' });
  });

  it('renames, stars and notes the model saved from a run', async () => {
    const saved = await t.ok<ModelSummary>('models:save', { name: 'Moons model', overwrite: false }, 'a');
    const renamed = await t.ok<RunSummary>('runs:rename', { id: completed.id, name: '  Moons, tanh  ' });
    expect(renamed.name).toBe('Moons, tanh');
    expect(renamed.modelId).toBe(saved.id);
    expect((await t.ok<RunSummary>('runs:star', { id: completed.id, starred: true })).starred).toBe(true);
    // The student's notes, for the lab report: kept with the run (and after a restart, below).
    await t.ok<RunSummary>('runs:notes', { id: completed.id, notes: 'Tanh: a smooth boundary.\n<b>not markup</b>' });
    expect((await t.ok<OpenedRun>('runs:get', { id: completed.id })).notes).toBe('Tanh: a smooth boundary.\n<b>not markup</b>');
    expect((await t.err('runs:notes', { id: completed.id, notes: 'x'.repeat(10_001) })).code).toBe('invalid-request');
    // The model renamed (its id follows its name), then deleted: the run follows.
    const moved = await t.ok<ModelSummary>('models:rename', { id: saved.id, name: 'Crescents', overwrite: false });
    expect(moved.id).not.toBe(saved.id);
    const runOf = async () => (await t.ok<RunSummary[]>('runs:list')).find((r) => r.id === completed.id)!;
    expect((await runOf()).modelId).toBe(moved.id);
    await t.ok('models:delete', { id: moved.id });
    expect((await runOf()).modelId).toBeNull();
    await t.ok('models:save', { name: 'Moons model', overwrite: false }, 'a');
    expect((await t.err('runs:rename', { id: completed.id, name: '   ' })).code).toBe('invalid-request');
    expect((await t.err('runs:get', { id: '../models' })).code).toBe('invalid-request');
    expect((await t.err('runs:get', { id: '20000101-000000-00000000' })).detail).toEqual({ key: 'runs.notFound' });
  });

  it('finds every run as it was after the host restarts on the same folder', async () => {
    const before = await t.ok<RunSummary[]>('runs:list');
    const full = await t.ok<OpenedRun>('runs:get', { id: completed.id });
    await t.host.dispose();
    const files = await readdir(path.join(t.dir, 'runs'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(4);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);

    const restarted = new EngineHost({ modelsDir: t.modelsDir, appVersion: '9.9.9-test', transport: 'web', dialogs: t.dialogs, createWorker: createTsxWorkerFactory() });
    const ask = async <T>(channel: string, payload: unknown): Promise<T> => {
      const r = await restarted.handle('new-window', channel, payload);
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
      return r.value as T;
    };
    try {
      const after = await ask<RunSummary[]>('runs:list', {});
      expect(after).toEqual(before);
      expect(after.find((r) => r.id === completed.id)).toMatchObject({ name: 'Moons, tanh', starred: true });
      expect(await ask<OpenedRun>('runs:get', { id: completed.id })).toEqual(full);

      await ask('runs:delete', { id: after[0]!.id });
      expect((await ask<RunSummary[]>('runs:list', {})).map((r) => r.id)).toEqual(after.slice(1).map((r) => r.id));
      await expect(ask('runs:delete', { id: after[0]!.id })).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      await restarted.dispose();
    }
  });
});
