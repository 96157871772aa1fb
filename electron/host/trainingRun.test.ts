/**
 * TrainingRun against a scripted fake worker: how every way a run can end becomes
 * exactly one final event, with the host's state updated first.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainEvent } from '../ipc/contract';
import { formatMessage, msg } from '../../engine';
import { TrainingRun, type RunOutcome } from './trainingRun';
import type { TrainJob, TrainWorkerMessage } from './workerProtocol';

class FakeWorker extends EventEmitter {
  readonly posted: unknown[] = [];
  terminated = 0;
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  async terminate(): Promise<number> {
    this.terminated++;
    return 1;
  }
  send(m: TrainWorkerMessage): void {
    this.emit('message', m);
  }
}

const job: TrainJob = {
  runId: 'r1', spec: { input_shape: [28, 28, 1], layers: [] }, config: { epochs: 1, batchSize: 1, learningRate: 0.1, optimizer: { type: 'sgd' } },
  seed: 1, dataset: { kind: 'folder', dir: '/d', name: 'd', limit: null }, snapshots: true, threads: null, planeView: null,
};
const model = { modelJson: { format: 'layers-model' }, weightData: new Uint8Array(4) };
const started: TrainWorkerMessage = {
  type: 'started', dataset: 'd', trainCount: 9, valCount: 1, testCount: 3, batchesPerEpoch: 9, epochs: 1, params: 10, threads: 3,
  head: 'classification', metrics: ['accuracy'], bounds: null,
};
const batch = (b: number) => ({
  type: 'batch' as const, epoch: 0, batch: b, batchesPerEpoch: 9, measures: { loss: 1, accuracy: 0.5 }, learningRate: 0.1,
  samplesDone: b + 1, samplesTotal: 9, samplesPerSecond: 1, etaSeconds: 1,
});
const epoch = { type: 'epoch' as const, epoch: 0, seconds: 1, running: { loss: 1, accuracy: 0.5 }, train: null, trainCount: 0, val: null };

let worker: FakeWorker;
let events: TrainEvent[];
let outcomes: RunOutcome[];
let eventsAtEnd: number;
let run: TrainingRun;

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  worker = new FakeWorker();
  events = [];
  outcomes = [];
  run = new TrainingRun({
    job, worker: worker as unknown as Worker, stopGraceMs: 50,
    emit: (e) => events.push(e),
    onEnd: (o) => {
      outcomes.push(o);
      eventsAtEnd = events.length;
    },
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('TrainingRun', () => {
  it('forwards each plane frame after the pending batches and acknowledges it, so the worker computes the next', () => {
    worker.send(started);
    worker.send({ type: 'events', events: [batch(0)] });
    worker.send({ type: 'events', events: [batch(1)] });
    const frame = {
      bounds: { x1: [-1, 1] as [number, number], x2: [-1, 1] as [number, number] },
      grid: { kind: 'binary' as const, resolution: 16, bytes: 'AA==' }, units: [], weights: [],
    };
    worker.send({ type: 'plane', step: 2, epoch: 0, frame });
    expect(events.map((e) => e.type)).toEqual(['started', 'batches', 'batches', 'plane']);
    expect(events.at(-1)).toEqual({ type: 'plane', runId: 'r1', step: 2, epoch: 0, ...frame });
    expect(worker.posted.filter((m) => (m as { type: string }).type === 'planeAck')).toHaveLength(1);
    // A frame arriving after a stop is still shown, but no longer asked for.
    run.stop();
    worker.send({ type: 'plane', step: 3, epoch: 0, frame });
    expect(worker.posted.filter((m) => (m as { type: string }).type === 'planeAck')).toHaveLength(1);
  });

  it('sends the job, then translates what the worker posts', async () => {
    expect(worker.posted[0]).toEqual({ type: 'job', job });
    worker.send(started);
    worker.send({ type: 'events', events: [batch(0), batch(1), epoch] });
    worker.send({ type: 'snapshot', epoch: 0, model });
    worker.send({ type: 'testing' });
    worker.send({
      type: 'result', status: 'completed', message: null, history: [{ ...epoch }].map(({ type: _t, ...m }) => m), seconds: 2,
      test: { count: 3, measures: { loss: 0.5, accuracy: 2 / 3 }, confusion: [[1, 1], [0, 1]] },
      predictions: { labels: Uint8Array.from([0, 0, 1]), predicted: Uint8Array.from([0, 1, 1]), confidence: Float32Array.from([0.9, 0.8, 0.7]), images: new Uint8Array(3 * 784), rows: 28, cols: 28 },
      model,
    });
    // The first batch after a quiet spell goes at once; the second with the flush before the epoch.
    expect(events.map((e) => e.type)).toEqual(['started', 'batches', 'batches', 'epoch', 'testing', 'completed']);
    expect(events[0]).toMatchObject({ type: 'started', runId: 'r1', trainCount: 9, threads: 3, head: 'classification', metrics: ['accuracy'] });
    expect(events.flatMap((e) => (e.type === 'batches' ? e.steps : []))).toEqual([1, 2]);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'completed', runId: 'r1', seconds: 2, test: { count: 3, measures: { loss: 0.5, accuracy: 2 / 3 }, confusion: [[1, 1], [0, 1]], misclassifiedCount: 1 } });
    if (done.type === 'completed') expect(done.test!.misclassified.map((e) => e.index)).toEqual([1]);
    expect(outcomes).toHaveLength(1);
    expect(eventsAtEnd).toBe(5);
    expect(outcomes[0]).toMatchObject({ status: 'completed', model, testAccuracy: 2 / 3 });
    expect(run.active).toBe(false);
    expect(worker.terminated).toBe(1);
    // Whatever the worker does afterwards is ignored.
    worker.emit('exit', 1);
    expect(events).toHaveLength(6);
    expect((await run.ended).status).toBe('completed');
  });

  it('passes a regression\'s measures on as they are, with no confusion, no mistakes and no test accuracy', () => {
    worker.send({ ...started, head: 'regression', metrics: ['mae', 'r2'] } as Extract<TrainWorkerMessage, { type: 'started' }>);
    const measures = { loss: 0.02, mae: 0.1, r2: 0.93 };
    worker.send({
      type: 'result', status: 'completed', message: null, history: [], seconds: 1,
      test: { count: 3, measures, confusion: null }, predictions: null, model,
    });
    expect(events[0]).toMatchObject({ type: 'started', head: 'regression', metrics: ['mae', 'r2'] });
    const done = events.at(-1)!;
    expect(done.type).toBe('completed');
    if (done.type === 'completed') {
      expect(done.test).toEqual({ count: 3, measures, confusion: null, misclassified: [], misclassifiedCount: 0 });
      expect(done.diagnosis).toEqual([]);
    }
    expect(outcomes[0]).toMatchObject({ status: 'completed', testAccuracy: null, results: null });
  });

  it('reports an error event from the worker as crashed, once', () => {
    worker.send(started);
    worker.emit('error', new Error('boom'));
    worker.emit('exit', 1);
    expect(events.map((e) => e.type)).toEqual(['started', 'failed']);
    expect(events[1]).toEqual({
      type: 'failed', runId: 'r1', reason: 'crashed',
      message: 'The training process stopped unexpectedly (boom). Your network and settings are kept; you can train again.',
      detail: { key: 'train.crashed', params: { why: 'boom' } },
    });
    expect(outcomes[0]).toMatchObject({ status: 'failed', model: null });
  });

  it('reports an exit without a result as crashed', () => {
    worker.emit('exit', 0);
    expect(events).toEqual([expect.objectContaining({ type: 'failed', reason: 'crashed', message: expect.stringContaining('(exit code 0)') })]);
  });

  it('passes a user-facing worker error on, and hides an internal one', () => {
    worker.send({ type: 'error', expected: true, message: 'The folder /d does not exist' });
    expect(events).toEqual([{ type: 'failed', runId: 'r1', reason: 'error', message: 'The folder /d does not exist' }]);

    const w2 = new FakeWorker();
    const ev2: TrainEvent[] = [];
    new TrainingRun({ job, worker: w2 as unknown as Worker, emit: (e) => ev2.push(e), onEnd: () => {} });
    w2.send({ type: 'error', expected: false, message: 'x is undefined', stack: 'TypeError: x is undefined\n    at /src/file.ts:1' });
    expect(ev2[0]).toMatchObject({ type: 'failed', reason: 'error' });
    if (ev2[0]!.type === 'failed') expect(ev2[0]!.message).not.toMatch(/undefined|file\.ts/);
    expect(ev2[0]).toMatchObject({ detail: { key: 'train.internalError' } });
    expect(console.error).toHaveBeenCalled();
  });

  it('forwards pause, resume and stop; paused/resumed come from the worker', () => {
    run.pause();
    run.resume();
    worker.send({ type: 'paused' });
    worker.send({ type: 'resumed' });
    expect(worker.posted.slice(1)).toEqual([{ type: 'pause' }, { type: 'resume' }]);
    expect(events.map((e) => e.type)).toEqual(['paused', 'resumed']);
    run.stop();
    run.stop();
    run.pause();
    expect(worker.posted.slice(3)).toEqual([{ type: 'stop' }]);
    worker.send({ type: 'result', status: 'stopped', message: 'Stopped by the user during epoch 1.', history: [], seconds: 1, test: null, predictions: null, model });
    expect(events.at(-1)).toEqual({ type: 'stopped', runId: 'r1', history: [], message: 'Stopped by the user during epoch 1.' });
    expect(outcomes[0]).toMatchObject({ status: 'stopped', model });
  });

  it('terminates a worker that does not answer a stop in time, reporting the run as stopped', async () => {
    worker.send({ type: 'events', events: [batch(0), epoch] });
    run.stop();
    const outcome = await run.ended;
    expect(outcome.status).toBe('stopped');
    expect(events.at(-1)).toMatchObject({ type: 'stopped', history: [expect.objectContaining({ epoch: 0 })] });
    expect(worker.terminated).toBe(1);
  });

  it('reports divergence with the trainer\'s message', () => {
    worker.send({ type: 'diverged', message: 'Training diverged at epoch 1, batch 3.', history: [] });
    expect(events).toEqual([{ type: 'failed', runId: 'r1', reason: 'diverged', message: 'Training diverged at epoch 1, batch 3.' }]);
  });

  it('carries the worker\'s catalog message on to the final event, for the UI to word', () => {
    const detail = msg('train.diverged', { epoch: 1, batch: 3, value: msg('train.lossNaN'), lr: 10 });
    worker.send({ type: 'diverged', message: formatMessage(detail), detail, history: [] });
    expect(events).toEqual([{ type: 'failed', runId: 'r1', reason: 'diverged', message: formatMessage(detail), detail }]);
    const w2 = new FakeWorker();
    const ev2: TrainEvent[] = [];
    new TrainingRun({ job, worker: w2 as unknown as Worker, emit: (e) => ev2.push(e), onEnd: () => {} });
    const problem = msg('train.batchTooBig', { batch: 600, count: 500 });
    w2.send({ type: 'error', expected: true, message: formatMessage(problem), detail: problem });
    expect(ev2).toEqual([{ type: 'failed', runId: 'r1', reason: 'error', message: formatMessage(problem), detail: problem }]);
    const w3 = new FakeWorker();
    const ev3: TrainEvent[] = [];
    new TrainingRun({ job, worker: w3 as unknown as Worker, emit: (e) => ev3.push(e), onEnd: () => {} });
    const stopped = msg('train.stoppedAt', { epoch: 2 });
    w3.send({ type: 'result', status: 'stopped', message: formatMessage(stopped), detail: stopped, history: [], seconds: 1, test: null, predictions: null, model });
    expect(ev3.at(-1)).toEqual({ type: 'stopped', runId: 'r1', history: [], message: 'Stopped by the user during epoch 2.', detail: stopped });
  });

  it('ends silently when killed', async () => {
    await run.kill();
    worker.emit('exit', 1);
    expect(events).toEqual([]);
    expect(worker.terminated).toBe(1);
    expect((await run.ended).status).toBe('failed');
  });
});
