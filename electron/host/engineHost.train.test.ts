/**
 * Training through the host with real worker threads on the bundled MNIST (limited to a
 * few thousand images so each run takes a second or two).
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { automaticThreadCount } from '../../engine/node';
import type { AppInfo, Example, ModelSummary, OpenedModel, OpenedRun, Prediction, RunSummary, TrainEvent } from '../ipc/contract';
import { hyperparams, makeTestHost, MLP, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

const bundled = (limit: number | null) => ({ source: { kind: 'bundled' }, limit });
const start = (client: string, over: Parameters<typeof hyperparams>[0] = {}, limit = 1000, spec: unknown = MLP) =>
  t.ok<{ runId: string }>('train:start', { spec, hyperparams: hyperparams(over), dataset: bundled(limit) }, client);
const stepsOf = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'batches' ? e.steps : []));

describe('a training run', () => {
  it('streams started → batches… → epoch → testing → completed, with the test results', async () => {
    const log = t.events('a');
    const { runId } = await start('a', { epochs: 1, batchSize: 32 }, 1000);
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await log.next(['completed', 'failed', 'stopped']);
    expect(done.type).toBe('completed');
    const types = log.all.map((e) => e.type);
    expect(types[0]).toBe('started');
    expect(types.slice(-3)).toEqual(['epoch', 'testing', 'completed']);
    expect(types.slice(1, -3).every((ty) => ty === 'batches')).toBe(true);
    expect(log.all.every((e) => e.runId === runId)).toBe(true);

    const started = log.of('started')[0]!;
    // 1000 images: 100 held out for validation (at most a tenth of a limited set), 900 trained on.
    expect(started).toMatchObject({
      dataset: 'MNIST', trainCount: 900, valCount: 100, testCount: 1000, batchesPerEpoch: 29, epochs: 1, params: 101_770,
      head: 'classification', metrics: ['accuracy'],
    });
    // No thread count asked for: the automatic one, as app:info announces it.
    expect(started.threads).toBe(automaticThreadCount(os.availableParallelism()));
    expect(started.threads).toBe((await t.ok<AppInfo>('app:info', {}, 'a')).automaticThreads);
    expect(stepsOf(log.all)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    // Each step's loss, accuracy and learning rate, side by side.
    for (const e of log.of('batches')) {
      expect(Object.keys(e.metrics)).toEqual(['accuracy']);
      expect(e.loss).toHaveLength(e.steps.length);
      expect(e.metrics.accuracy).toHaveLength(e.steps.length);
      expect(e.learningRate).toHaveLength(e.steps.length);
      expect(e.learningRate.every((lr) => lr === 0.05)).toBe(true);
    }
    const last = log.of('batches').at(-1)!;
    expect(last.samplesDone).toBe(900);
    expect(last.samplesTotal).toBe(900);

    if (done.type !== 'completed') return;
    const test = done.test!, confusion = test.confusion!;
    expect(test.count).toBe(1000);
    expect(Object.keys(test.measures).sort()).toEqual(['accuracy', 'loss']);
    expect(test.measures.accuracy).toBeGreaterThan(0.6);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(1000);
    const correct = confusion.reduce((n, row, i) => n + row[i]!, 0);
    expect(correct / 1000).toBeCloseTo(test.measures.accuracy!, 10);
    expect(test.misclassifiedCount).toBe(1000 - correct);
    expect(test.misclassified).toHaveLength(test.misclassifiedCount);
    const conf = test.misclassified.map((e) => e.confidence);
    expect(conf).toEqual([...conf].sort((x, y) => y - x));
    for (const e of test.misclassified.slice(0, 5)) {
      expect(e.label).not.toBe(e.predicted);
      expect(Buffer.from(e.pixels, 'base64')).toHaveLength(784);
    }
    expect(done.history).toHaveLength(1);
    expect(done.history[0]!.val!.accuracy).toBeGreaterThan(0.5);

    // Any cell of the confusion matrix, the diagonal too, without running the network again.
    const diag = await t.ok<Example[]>('train:examples', { runId, label: 1, predicted: 1, limit: 500 }, 'a');
    expect(diag).toHaveLength(confusion[1]![1]!);
    expect(diag.every((e) => e.label === 1 && e.predicted === 1)).toBe(true);
    const off = test.misclassified[0]!;
    const cell = await t.ok<Example[]>('train:examples', { runId, label: off.label, predicted: off.predicted, limit: 3 }, 'a');
    expect(cell.length).toBe(Math.min(3, confusion[off.label]![off.predicted]!));
    expect(cell[0]).toEqual(off);
    expect((await t.err('train:examples', { runId: 'other-run', label: 1, predicted: 1, limit: 5 }, 'a')).code).toBe('not-found');

    // The run history keeps its 8 most confident mistakes, for the lab report.
    const [kept] = await t.ok<RunSummary[]>('runs:list');
    const recorded = (await t.ok<OpenedRun>('runs:get', { id: kept!.id })).test!.misclassified!;
    expect(recorded).toEqual(test.misclassified.slice(0, 8).map(({ label, predicted, confidence, pixels }) => ({ label, predicted, confidence, pixels })));

    // The trained network answers predictions.
    const image = Buffer.from(diag[0]!.pixels, 'base64');
    const p = await t.ok<Prediction>('predict', { pixels: [...image].map((v) => v / 255), model: { kind: 'current' }, withActivations: false }, 'a');
    expect(p.predicted).toBe(1);
    expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.layers).toBeNull();

    // Saved into the library with what it was trained with, it predicts the same.
    const saved = await t.ok<ModelSummary>('models:save', { name: 'First run', overwrite: false }, 'a');
    expect(saved).toMatchObject({
      id: 'first-run', name: 'First run', architecture: 'Flatten → Dense → Dense', params: 101_770, testAccuracy: test.measures.accuracy, datasetName: 'MNIST',
    });
    expect((await t.err('models:save', { name: 'first run', overwrite: false }, 'a')).code).toBe('exists');
    const opened = await t.ok<OpenedModel>('models:open', { id: 'first-run' }, 'a');
    expect(opened.spec).toEqual(MLP);
    expect(opened.hyperparams).toEqual(hyperparams({ epochs: 1, batchSize: 32 }));
    expect(opened.hyperparams).not.toHaveProperty('threads');
    expect(opened.history).toEqual(done.history);
    const fromSaved = await t.ok<Prediction>('predict', { pixels: [...image].map((v) => v / 255), model: { kind: 'saved', id: 'first-run' }, withActivations: false }, 'a');
    fromSaved.probs.forEach((v, i) => expect(v).toBeCloseTo(p.probs[i]!, 6));
  });

  it('pauses, resumes and stops; a stop takes effect within a batch and keeps the weights', async () => {
    const log = t.events('b');
    // Full-batch descent (one step of 2700 images per epoch): each batch takes far longer
    // than the event throttle's interval, so a stop that came late would show in the steps.
    const { runId } = await start('b', { epochs: 500, batchSize: 2700, validationSize: 300 }, 3000);
    // Mid-run, predictions use the weights of the last finished epoch.
    await log.next('epoch');
    const mid = await t.ok<Prediction>('predict', { pixels: new Array(784).fill(0.2), model: { kind: 'current' }, withActivations: false }, 'b');
    expect(mid.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect((await t.err('train:start', { spec: MLP, hyperparams: hyperparams(), dataset: bundled(1000) }, 'b')))
      .toEqual({ code: 'busy', message: 'A training run is already in progress in this window; stop it first.', detail: { key: 'general.runInProgress' } });

    await t.ok('train:pause', { runId }, 'b');
    await log.next('paused');
    const stepsAtPause = stepsOf(log.all).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(stepsOf(log.all)).toHaveLength(stepsAtPause);
    expect(log.all.at(-1)!.type).toBe('paused');

    await t.ok('train:resume', { runId }, 'b');
    await log.next('resumed');
    await log.waitFor((e) => e.type === 'batches');
    expect(stepsOf(log.all).length).toBeGreaterThan(stepsAtPause);

    const stepsAtStop = stepsOf(log.all).length;
    const t0 = performance.now();
    await t.ok('train:stop', { runId }, 'b');
    const stopped = await log.next(['stopped', 'failed', 'completed']);
    const ms = performance.now() - t0;
    expect(stopped.type).toBe('stopped');
    // Only the batch in progress when the request came finishes (one more as slack for a slow event).
    expect(stepsOf(log.all).length).toBeLessThanOrEqual(stepsAtStop + 2);
    console.log(`stop took effect in ${ms.toFixed(0)} ms (${stepsOf(log.all).length - stepsAtStop} batch(es) finished after the request)`);
    expect(ms).toBeLessThan(3000);
    if (stopped.type === 'stopped') expect(stopped.message).toMatch(/Stopped by the user during epoch \d+/);
    // Control requests for a finished run are harmless; for an unknown one, not-found.
    await t.ok('train:pause', { runId }, 'b');
    expect((await t.err('train:stop', { runId: 'nope' }, 'b')).code).toBe('not-found');
    // The stopped network is the current one.
    const p = await t.ok<Prediction>('predict', { pixels: new Array(784).fill(0), model: { kind: 'current' }, withActivations: false }, 'b');
    expect(p.probs).toHaveLength(10);
  });

  it('sends at most ~30 batches messages a second and loses no batch', async () => {
    const log = t.events('c');
    // Batch size 1 on 3000 images, 300 held out: 2700 tiny batches per epoch (a small network keeps them fast).
    const small = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }] };
    await start('c', { epochs: 2, batchSize: 1, learningRate: 0.01, optimizer: 'sgd', validationSize: 300 }, 3000, small);
    const done = await log.next(['completed', 'failed', 'stopped']);
    expect(done.type).toBe('completed');
    const batches = log.of('batches') as (TrainEvent & { at: number })[];
    const steps = stepsOf(batches);
    expect(steps).toHaveLength(2 * 2700);
    expect(steps).toEqual(Array.from({ length: 5400 }, (_, i) => i + 1));
    const span = (batches.at(-1)!.at - batches[0]!.at) / 1000;
    console.log(`${batches.length} batches messages over ${span.toFixed(2)} s for ${steps.length} batches`);
    // 30 a second, plus the flush before each epoch event, plus the first.
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(span * 30) + 2 + 2);
  });

  it('reports a worker that dies as crashed, and the next run works', async () => {
    const log = t.events('d');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await start('d', { epochs: 100 }, 2000);
      await log.next('batches');
      await t.host.activeRun('d')!.worker.terminate();
      const failed = await log.next(['failed', 'completed', 'stopped']);
      expect(failed).toMatchObject({ type: 'failed', reason: 'crashed' });
      if (failed.type === 'failed') {
        expect(failed.message).toMatch(/^The training process stopped unexpectedly \(.+\)\. Your network and settings are kept; you can train again\.$/);
      }
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(t.host.activeRun('d')).toBeNull();
    log.clear();
    await start('d', { epochs: 1, threads: 1 }, 500);
    expect((await log.next(['completed', 'failed'])).type).toBe('completed');
    expect(log.of('started')[0]?.threads).toBe(1);
  });

  it('stops a client\'s run silently when the client goes away', async () => {
    const log = t.events('g');
    await start('g', { epochs: 100 }, 2000);
    await log.next('batches');
    const worker = t.host.activeRun('g')!.worker;
    const exited = new Promise((r) => worker.once('exit', r));
    await t.host.closeClient('g');
    await exited;
    await new Promise((r) => setTimeout(r, 100));
    expect(log.all.map((e) => e.type).filter((ty) => ty !== 'batches' && ty !== 'epoch')).toEqual(['started']);
    expect(t.host.activeRun('g')).toBeNull();
  });

  it('reports divergence with the trainer\'s message', async () => {
    const log = t.events('e');
    const linear = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }] };
    await start('e', { learningRate: 10, optimizer: 'sgd', loss: 'mean_squared_error', batchSize: 100, epochs: 5 }, 1000, linear);
    const failed = await log.next(['failed', 'completed']);
    expect(failed).toMatchObject({ type: 'failed', reason: 'diverged' });
    if (failed.type === 'failed') expect(failed.message).toMatch(/Training diverged at epoch \d+, batch \d+: .*Lower the learning rate/);
  });

  it('refuses settings that cannot work once the dataset size is known', async () => {
    // The earlier runs loaded MNIST, so its size is known: a batch larger than the training set is refused up front.
    const e = await t.err('train:start', { spec: MLP, hyperparams: hyperparams({ batchSize: 5000 }), dataset: bundled(1000) }, 'f');
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/^Batch size 5,000 is larger than the 900 training images/);
  });
});
