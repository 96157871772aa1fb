/**
 * A network too big for the machine's memory is refused when training is asked for,
 * before any worker starts, with the figure and what to shrink; an allocation failure in
 * a worker is reported as running out of memory, never as an internal error.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainEvent } from '../ipc/contract';
import { formatMessage, type Message } from '../../engine';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';
import { TrainingRun } from './trainingRun';
import type { TrainJob } from './workerProtocol';

const HUGE = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 4096, kernel_size: 3, activation: 'relu' },
    { type: 'Conv2D', filters: 500, kernel_size: 3, activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 }, { type: 'Flatten' }, { type: 'Dense', units: 10 },
  ],
};

let t: TestHost;
let started = 0;
beforeAll(async () => {
  t = await makeTestHost();
  const make = t.workers;
  t.host['options'].createWorker = (kind) => {
    started++;
    return make(kind);
  };
});
afterAll(async () => {
  await t.close();
});

describe('training memory', () => {
  it('refuses a network too big for memory before a worker starts', async () => {
    const e = await t.err('train:start', { spec: HUGE, hyperparams: hyperparams({ batchSize: 256 }), dataset: { source: { kind: 'bundled' }, limit: 1000 } });
    expect(e.code).toBe('invalid-network');
    expect(e.message).toMatch(/needs about [\d.]+ GB of memory, more than the .* The biggest part is conv2d_2 .* Lower the batch size/);
    const detail = (e as { detail?: Message }).detail!;
    expect(detail.key).toBe('train.memoryTooBig');
    expect(formatMessage(detail, 'fr')).toMatch(/Réduisez la taille de lot/);
    expect(started).toBe(0);
  });

  it('reports a worker that ran out of memory as such', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const ended: TrainEvent[] = [];
    const job = { runId: 'r', spec: HUGE, config: { epochs: 1, batchSize: 1, learningRate: 0.1, optimizer: { type: 'sgd' } }, seed: 1, dataset: { dir: '/d', name: 'd', limit: null }, snapshots: false, threads: null } as unknown as TrainJob;
    for (const how of ['message', 'crash'] as const) {
      const worker = Object.assign(new EventEmitter(), { postMessage() {}, terminate: async () => 1 });
      new TrainingRun({ job, worker: worker as unknown as Worker, emit: (ev) => ended.push(ev), onEnd: () => {} });
      if (how === 'message') worker.emit('message', { type: 'error', expected: true, message: 'Training ran out of memory.', detail: { key: 'train.outOfMemory' } });
      else worker.emit('error', Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
    }
    const failures = ended.filter((ev) => ev.type === 'failed');
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f).toMatchObject({ reason: 'error', detail: { key: 'train.outOfMemory' } });
      expect((f as { message: string }).message).toMatch(/^Training ran out of memory/);
    }
    vi.restoreAllMocks();
  });
});
