/**
 * The inside-the-network view through the host with real worker threads, on generated
 * circles: statistics asked for at the start arrive as 'inside' events, paced by the
 * view's interval; closing the view (`train:set` with `inside: null`) stops them while the
 * run goes on, opening it again brings them back; a run that never asks gets none; bad
 * payloads are refused.
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
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 8, activation: 'relu' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const circles = { kind: 'generated', generator: 'circles', points: 200, noise: null, arms: 2, seed: 3, testShare: 0.2 };
const start = (client: string, extra: Record<string, unknown>, epochs = 3, batchesPerSecond: number | null = null) => t.ok<{ runId: string }>('train:start', {
  spec: SPEC, hyperparams: hyperparams({ epochs, batchSize: 10, optimizer: 'sgd', learningRate: 0.05, validationSize: 0 }),
  dataset: { source: circles, limit: null }, watch: { paused: false, batchesPerSecond }, ...extra,
}, client);
const insideOf = (events: TrainEvent[]) => events.filter((e): e is Extract<TrainEvent, { type: 'inside' }> => e.type === 'inside');

describe('the inside-the-network view', () => {
  it('streams every layer’s statistics when asked at the start, and none for a run that does not ask', async () => {
    const log = t.events('open');
    const { runId } = await start('open', { inside: { everyMs: 100, bins: 12 } });
    expect((await log.next(['completed', 'stopped', 'failed'])).type).toBe('completed');
    const inside = insideOf(log.all);
    expect(inside.length).toBeGreaterThanOrEqual(1);
    const first = inside[0]!;
    expect(first).toMatchObject({ runId, step: 0, epoch: 0, batch: 0, learningRate: 0.05 });
    expect(first.layers.map((l) => [l.type, l.activation])).toEqual([['Dense', 'tanh'], ['Dense', 'relu'], ['Dense', null]]);
    for (const layer of first.layers) {
      expect(layer.output.counts).toHaveLength(12);
      expect(layer.params.map((p) => p.name)).toEqual(['kernel', 'bias']);
      expect(layer.params[0]!.gradNorm).toBeGreaterThan(0);
    }
    expect(first.layers[0]!.saturated).not.toBeNull();
    expect(first.layers[1]!.dead).not.toBeNull();
    // Paced: never two measurements closer than the asked interval allows (in batches: at least one apart).
    const steps = inside.map((e) => e.step);
    expect(new Set(steps).size).toBe(steps.length);

    const quiet = t.events('quiet');
    await start('quiet', {});
    expect((await quiet.next(['completed', 'stopped', 'failed'])).type).toBe('completed');
    expect(insideOf(quiet.all)).toEqual([]);
  }, 60_000);

  it('stops when the view closes and comes back when it opens again, while the run goes on', async () => {
    const log = t.events('toggle');
    // 20 batches a second for many epochs: long enough to open and close the view.
    const { runId } = await start('toggle', { inside: { everyMs: 100, bins: 8 } }, 50, 20);
    await log.next('inside');
    await t.ok('train:set', { runId, inside: null }, 'toggle');
    // Whatever was already on its way has arrived after this (the worker reads messages between batches).
    await new Promise((r) => setTimeout(r, 400));
    const closedAt = insideOf(log.all).length;
    await new Promise((r) => setTimeout(r, 600));
    expect(insideOf(log.all)).toHaveLength(closedAt);
    expect(log.of('batches').length).toBeGreaterThan(0);

    await t.ok('train:set', { runId, inside: { everyMs: 100, bins: 8 } }, 'toggle');
    const again = await log.next('inside');
    expect(again.layers[0]!.output.counts).toHaveLength(8);
    // The learning rate form of train:set still works beside it.
    await t.ok('train:set', { runId, learningRate: 0.1 }, 'toggle');
    await t.ok('train:stop', { runId }, 'toggle');
    expect((await log.next(['stopped', 'completed', 'failed'])).type).toBe('stopped');
  }, 60_000);

  it('refuses bad payloads', async () => {
    for (const inside of [{ everyMs: 10, bins: 12 }, { everyMs: 100, bins: 1000 }, { everyMs: 100 }, true]) {
      expect((await t.err('train:start', {
        spec: SPEC, hyperparams: hyperparams(), dataset: { source: circles, limit: null }, inside,
      }, 'bad')).code).toBe('invalid-request');
      expect((await t.err('train:set', { runId: 'r', inside }, 'bad')).code).toBe('invalid-request');
    }
    expect((await t.err('train:set', { runId: 'r', inside: null, learningRate: 0.1 }, 'bad')).code).toBe('invalid-request');
  });
});
