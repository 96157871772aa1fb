/**
 * Many short runs in one host must not accumulate memory: each run's worker, events,
 * snapshots and results are let go when the next one replaces them.
 */
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatasetInfo, Prediction } from '../ipc/contract';
import { hyperparams, makeTestHost, MLP, writeDataset, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

/** A full garbage collection: `global.gc` when exposed, else one obtained at run time. */
function collector(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

async function settledHeap(gc: (() => void) | null): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    gc?.();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

it('keeps memory flat over 20 short runs', async () => {
  const folder = await writeDataset(path.join(t.dir, 'small'), 400, 200);
  t.dialogs.folder = folder;
  const { token } = await t.ok<DatasetInfo>('datasets:pick', {});
  const log = t.events('m');
  const gc = collector();
  const samples: { heap: number; rss: number }[] = [];
  for (let run = 0; run < 20; run++) {
    log.clear();
    const { runId } = await t.ok<{ runId: string }>('train:start', {
      spec: MLP, hyperparams: hyperparams({ epochs: 1, batchSize: 16, validationSize: 40, seed: run }), dataset: { source: { kind: 'folder', token }, limit: null },
    }, 'm');
    const done = await log.next(['completed', 'failed', 'stopped']);
    expect(done.type).toBe('completed');
    await t.ok<Prediction>('predict', { pixels: new Array(784).fill(0.5), model: { kind: 'current' }, withActivations: true }, 'm');
    await t.ok('train:examples', { runId, label: 3, predicted: 3, limit: 50 }, 'm');
    if (run >= 4) samples.push(await settledHeap(gc));
  }
  // Exited workers are forgotten too.
  await new Promise((r) => setTimeout(r, 100));
  expect(t.workers.workers.filter((w) => w.kind === 'train')).toHaveLength(0);

  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const first = samples[0]!, last = samples.at(-1)!;
  console.log(`heap after run 5: ${mb(first.heap)} MB, after run 20: ${mb(last.heap)} MB; rss ${mb(first.rss)} → ${mb(last.rss)} MB (gc ${gc ? 'forced' : 'not available'})`);
  if (gc) {
    // A leak of even one run's results (~100 KB of weights and test data per run) would show over 15 runs.
    expect(last.heap - first.heap).toBeLessThan(8 * 1024 * 1024);
  } else {
    expect(last.rss - first.rss).toBeLessThan(200 * 1024 * 1024);
  }
});
