/**
 * The training worker's plane frames, talked to directly: a frame is computed only once
 * the previous one was acknowledged, so a host that falls behind never has more than one
 * on its way (and the last frame, after the last batch, comes anyway).
 */
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../engine';
import { hyperparams } from './hostTestKit';
import { toTrainConfig } from './hyperparams';
import { createTsxWorkerFactory } from './testWorkers';
import type { TrainJob, TrainWorkerMessage } from './workerProtocol';

const workers = createTsxWorkerFactory();
let worker: Worker | null = null;
afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

const job = (epochs: number): TrainJob => ({
  runId: 'plane', seed: 1, snapshots: false, threads: 1,
  spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] } as NetworkSpec,
  config: toTrainConfig(hyperparams({ epochs, batchSize: 10, optimizer: 'adam', learningRate: 0.01, validationSize: 0 })),
  dataset: { kind: 'built', limit: null, source: { kind: 'generated', generator: 'spiral', points: 2000, noise: null, arms: 2, seed: 1, testShare: 0.2 } },
  planeView: { resolution: 16, unitResolution: 8, everyMs: 30 },
});

/** Runs a job to its result; `ack` says whether each frame is acknowledged. Returns the frames' steps and the last batch's. */
function run(ack: boolean, epochs: number): Promise<{ steps: number[]; lastStep: number }> {
  const w = workers('train');
  worker = w;
  const steps: number[] = [];
  let lastStep = 0;
  return new Promise((resolve, reject) => {
    w.on('error', reject);
    w.on('message', (m: TrainWorkerMessage) => {
      if (m.type === 'plane') {
        steps.push(m.step);
        if (ack) w.postMessage({ type: 'planeAck' });
      }
      if (m.type === 'events') for (const e of m.events) if (e.type === 'batch') lastStep = e.epoch * e.batchesPerEpoch + e.batch + 1;
      if (m.type === 'result') resolve({ steps, lastStep });
      if (m.type === 'error' || m.type === 'diverged') reject(new Error(m.message));
    });
    w.postMessage({ type: 'job', job: job(epochs) });
  });
}

describe('training worker plane frames', () => {
  it('keep coming while the host acknowledges them, the last one after the last batch', async () => {
    // 24,000 batches: long enough for several 30 ms periods on any machine.
    const { steps, lastStep } = await run(true, 150);
    expect(lastStep).toBe(150 * 160);
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.at(-1)).toBe(lastStep);
  }, 60_000);

  it('stop at one in flight while the host does not answer: the first, then only the last', async () => {
    const { steps, lastStep } = await run(false, 40);
    expect(steps).toHaveLength(2);
    expect(steps[1]).toBe(lastStep);
  }, 60_000);
});
