/**
 * A completed run says what went wrong with it: real runs through the host on 3,000
 * bundled MNIST images, one with a learning rate that wrecks it, one with usual settings.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatMessage } from '../../engine';
import type { TrainEvent } from '../ipc/contract';
import { hyperparams, makeTestHost, MLP, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

async function completedRun(client: string, over: Parameters<typeof hyperparams>[0]): Promise<Extract<TrainEvent, { type: 'completed' }>> {
  const log = t.events(client);
  await t.ok('train:start', { spec: MLP, hyperparams: hyperparams({ epochs: 2, batchSize: 32, validationSize: 300, ...over }), dataset: { source: { kind: 'bundled' }, limit: 3000 } }, client);
  const done = await log.next(['completed', 'failed', 'stopped']);
  if (done.type !== 'completed') throw new Error(`the run ended ${done.type}: ${JSON.stringify(done)}`);
  return done;
}

it('says a run with SGD at learning rate 5 ended at chance level or on one class, and to lower the learning rate', async () => {
  const done = await completedRun('broken', { optimizer: 'sgd', learningRate: 5 });
  expect(done.test!.measures.accuracy).toBeLessThan(0.15);
  const kinds = done.diagnosis.map((f) => f.kind);
  expect(kinds.some((k) => k === 'chance' || k === 'oneClass')).toBe(true);
  for (const f of done.diagnosis.filter((x) => x.kind === 'chance' || x.kind === 'oneClass')) {
    expect(f.severity).toBe('error');
    expect(f.cause.key).toBe('train.diagnosis.cause.lrHigh');
    expect(f.fix).toEqual({ key: 'train.diagnosis.fix.lowerLr', params: { lr: 0.05 } });
  }
  expect(formatMessage(done.diagnosis[0]!.cause)).toContain('learning rate 5 is far too high for SGD');
});

it('finds nothing wrong with a run with usual settings', async () => {
  const done = await completedRun('healthy', { optimizer: 'momentum', learningRate: 0.05 });
  expect(done.test!.measures.accuracy).toBeGreaterThan(0.8);
  expect(done.diagnosis).toEqual([]);
});
