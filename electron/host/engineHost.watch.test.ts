/**
 * Watched training through the host with real worker threads, on generated circles: a
 * run started in step mode, one batch and one epoch at a time with a fresh plane frame
 * after each step, a slow pace (counted in batches, not timed), a learning rate changed
 * mid-run, stop while paused, and bad payloads refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../ipc/contract';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

const SPEC = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
// 200 points, 160 to train on in batches of 10: 16 batches an epoch.
const circles = { kind: 'generated', generator: 'circles', points: 200, noise: null, arms: 2, seed: 3, testShare: 0.2 };
const BATCHES = 16;
const start = (client: string, watch: unknown, epochs = 5) => t.ok<{ runId: string }>('train:start', {
  spec: SPEC, hyperparams: hyperparams({ epochs, batchSize: 10, optimizer: 'sgd', learningRate: 0.05, validationSize: 0 }),
  dataset: { source: circles, limit: null }, planeView: { resolution: 16, unitResolution: 8, everyMs: 30 }, watch,
}, client);
const stepsOf = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'batches' ? e.steps : []));
const planeSteps = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'plane' ? [e.step] : []));

describe('a run in step mode', () => {
  it('waits before its first batch with a frame of the untrained network; each step trains one batch, then one epoch, and pauses again', async () => {
    const log = t.events('steps');
    const { runId } = await start('steps', { paused: true, batchesPerSecond: null });
    await log.next('paused');
    await new Promise((r) => setTimeout(r, 200));
    expect(stepsOf(log.all)).toEqual([]);
    expect(planeSteps(log.all)).toEqual([0]);

    await t.ok('train:step', { runId, unit: 'batch' }, 'steps');
    const first = await log.waitFor((e) => e.type === 'stepped');
    expect(first).toMatchObject({ type: 'stepped', unit: 'batch', step: 1, epoch: 0 });
    expect(stepsOf(log.all)).toEqual([1]);
    // The batch's events and a frame of the network after it come before 'stepped'.
    const types = log.all.map((e) => e.type);
    expect(types.slice(-3)).toEqual(['batches', 'plane', 'stepped']);
    expect(planeSteps(log.all)).toEqual([0, 1]);

    await t.ok('train:step', { runId, unit: 'batch' }, 'steps');
    await log.waitFor((e) => e.type === 'stepped');
    expect(stepsOf(log.all)).toEqual([1, 2]);

    // One epoch from batch 3: to the end of epoch 1, and its summary.
    await t.ok('train:step', { runId, unit: 'epoch' }, 'steps');
    const epochStep = await log.waitFor((e) => e.type === 'stepped');
    expect(epochStep).toMatchObject({ unit: 'epoch', step: BATCHES, epoch: 0 });
    expect(stepsOf(log.all)).toEqual(Array.from({ length: BATCHES }, (_, i) => i + 1));
    expect(log.of('epoch').map((e) => e.epoch)).toEqual([0]);
    expect(planeSteps(log.all).at(-1)).toBe(BATCHES);

    // A whole epoch from its start.
    await t.ok('train:step', { runId, unit: 'epoch' }, 'steps');
    await log.waitFor((e) => e.type === 'stepped');
    expect(stepsOf(log.all)).toHaveLength(2 * BATCHES);
    expect(log.of('epoch').map((e) => e.epoch)).toEqual([0, 1]);
    // Still paused: nothing more trains, and no 'resumed' came.
    await new Promise((r) => setTimeout(r, 200));
    expect(stepsOf(log.all)).toHaveLength(2 * BATCHES);
    expect(log.of('resumed')).toEqual([]);

    // Stop while paused.
    await t.ok('train:stop', { runId }, 'steps');
    const end = await log.next(['stopped', 'completed', 'failed']);
    expect(end.type).toBe('stopped');
    expect(stepsOf(log.all)).toHaveLength(2 * BATCHES);
  }, 60_000);

  it('refuses a step while the run trains, a second step under way, and bad payloads', async () => {
    const log = t.events('refuse');
    const { runId } = await start('refuse', { paused: false, batchesPerSecond: 2 }, 50);
    await log.next('batches');
    expect(await t.err('train:step', { runId, unit: 'batch' }, 'refuse'))
      .toMatchObject({ code: 'invalid-request', detail: { key: 'general.stepNeedsPause' } });
    for (const bad of [
      { runId, unit: 'batches' }, { runId }, { runId, unit: 'batch', extra: 1 },
    ]) expect((await t.err('train:step', bad, 'refuse')).code).toBe('invalid-request');
    for (const bad of [{ runId, batchesPerSecond: 0 }, { runId, batchesPerSecond: -1 }, { runId, batchesPerSecond: 1e6 }, { runId, batchesPerSecond: '5' }, { runId }]) {
      expect((await t.err('train:pace', bad, 'refuse')).code).toBe('invalid-request');
    }
    for (const bad of [{ runId, learningRate: 0 }, { runId, learningRate: 11 }, { runId, learningRate: Number.NaN }, { runId, batchSize: 3 }]) {
      expect((await t.err('train:set', bad, 'refuse')).code).toBe('invalid-request');
    }
    expect((await t.err('train:start', {
      spec: SPEC, hyperparams: hyperparams(), dataset: { source: circles, limit: null }, watch: { paused: 'yes', batchesPerSecond: null },
    }, 'other')).code).toBe('invalid-request');
    expect((await t.err('train:step', { runId: 'nope', unit: 'batch' }, 'refuse')).code).toBe('not-found');

    await t.ok('train:pause', { runId }, 'refuse');
    await log.next('paused');
    await t.ok('train:step', { runId, unit: 'epoch' }, 'refuse');
    // The epoch step keeps the slow pace: a second step cannot start before it ends.
    expect(await t.err('train:step', { runId, unit: 'batch' }, 'refuse')).toMatchObject({ code: 'busy', detail: { key: 'general.stepUnderWay' } });
    await t.ok('train:stop', { runId }, 'refuse');
    expect((await log.next(['stopped', 'completed', 'failed'])).type).toBe('stopped');
  }, 60_000);
});

describe('pace and learning rate', () => {
  it('holds a run to its pace, goes full speed when asked, and takes a new learning rate from the next batch', async () => {
    const log = t.events('pace');
    // 1 batch a second: the run has 50 epochs of 16 batches, far more than a slow pace lets through in this test.
    const { runId } = await start('pace', { paused: false, batchesPerSecond: 1 }, 50);
    await log.next('batches');
    await new Promise((r) => setTimeout(r, 1500));
    const slow = stepsOf(log.all).length;
    // At full speed this would be hundreds of batches; at 1 a second, a handful.
    expect(slow).toBeGreaterThanOrEqual(1);
    expect(slow).toBeLessThanOrEqual(4);

    await t.ok('train:set', { runId, learningRate: 0.5 }, 'pace');
    await t.ok('train:pace', { runId, batchesPerSecond: null }, 'pace');
    const done = await log.next(['completed', 'stopped', 'failed']);
    expect(done.type).toBe('completed');
    const rates = log.of('batches').flatMap((e) => e.learningRate);
    expect(rates).toHaveLength(50 * BATCHES);
    expect(rates[0]).toBe(0.05);
    expect(rates.at(-1)).toBe(0.5);
    // Changed once, between two batches: every rate before is the old one, every one after the new.
    const firstNew = rates.indexOf(0.5);
    expect(rates.slice(0, firstNew).every((r) => r === 0.05)).toBe(true);
    expect(rates.slice(firstNew).every((r) => r === 0.5)).toBe(true);
    // The model left behind records the rate it ended with.
    await t.ok('models:save', { name: 'paced', overwrite: false }, 'pace');
    const opened = await t.ok<{ hyperparams: { learningRate: number } }>('models:open', { id: 'paced' }, 'pace');
    expect(opened.hyperparams.learningRate).toBe(0.5);
  }, 60_000);
});
