/**
 * Many short runs in one host must not accumulate memory: each run's worker, events,
 * snapshots and results are let go when the next one replaces them, and nothing of a
 * finished run's threads stays behind in the main process. Measured as the heap left
 * after a full collection (`--expose-gc`, set for the node tests in vitest.config.ts),
 * not as RSS, which the allocator and the threads' arenas make move on their own.
 */
import path from 'node:path';
import { getHeapSnapshot, getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatasetInfo, Prediction } from '../ipc/contract';
import { hyperparams, makeTestHost, MLP, writeDataset, type TestHost } from './hostTestKit';

let t: TestHost;
let token: string;
beforeAll(async () => {
  t = await makeTestHost();
  t.dialogs.folder = await writeDataset(path.join(t.dir, 'small'), 400, 200);
  ({ token } = (await t.ok<DatasetInfo>('datasets:pick', {})) as { token: string });
});
afterAll(async () => {
  await t.close();
});

const gc = (globalThis as { gc?: () => void }).gc;

/** The heap in use once everything unreachable is collected (weak callbacks and finalizers get a turn between passes). */
async function retainedHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    gc!();
  }
  return getHeapStatistics().used_heap_size;
}

/** One short training run as the app does it, then a prediction and a confusion-matrix cell from it. */
async function shortRun(seed: number, threads?: number): Promise<void> {
  const log = t.events('m');
  log.clear();
  const { runId } = await t.ok<{ runId: string }>('train:start', {
    spec: MLP, hyperparams: hyperparams({ epochs: 1, batchSize: 16, validationSize: 40, seed, ...(threads ? { threads } : {}) }),
    dataset: { source: { kind: 'folder', token }, limit: null },
  }, 'm');
  const done = await log.next(['completed', 'failed', 'stopped']);
  expect(done.type).toBe('completed');
  await t.ok<Prediction>('predict', { pixels: new Array(784).fill(0.5), model: { kind: 'current' }, withActivations: true }, 'm');
  await t.ok('train:examples', { runId, label: 3, predicted: 3, limit: 50 }, 'm');
}

/** How many live objects of the class `name` the heap holds (from a full heap snapshot). */
async function liveObjects(name: string): Promise<number> {
  await retainedHeap();
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk as string;
  const snap = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type'), nameAt = fields.indexOf('name');
  const objectType = snap.snapshot.meta.node_types[0].indexOf('object');
  let n = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (snap.nodes[i + typeAt] === objectType && snap.strings[snap.nodes[i + nameAt]!] === name) n++;
  }
  return n;
}

it('runs with --expose-gc', () => {
  expect(gc, 'the node tests must run with --expose-gc (vitest.config.ts execArgv)').toBeTypeOf('function');
});

it('keeps the retained heap flat over 32 short runs, and nothing of their helper threads', async () => {
  // Runs 1–21 train on one thread, 22–32 on three (two kernel helper threads each). Node keeps a
  // message port in the main thread for every nested worker whose exit was not reported (a
  // helper still exiting when its training worker was terminated), so runs with helpers must
  // retain no more ports than runs without; those measure what the test's own worker loader
  // leaves (tsx's loader thread in each worker, which the built app does not have).
  const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
  const heap: Record<number, number> = {};
  const ports: Record<number, number> = {};
  const rss: Record<number, number> = {};
  for (let run = 1; run <= 32; run++) {
    await shortRun(run, run <= 21 ? 1 : 3);
    if (run === 1 || run === 10 || run === 32) heap[run] = await retainedHeap();
    if (run === 10 || run === 21 || run === 32) ports[run] = await liveObjects('MessagePort');
    rss[run] = process.memoryUsage().rss;
  }
  // Exited workers are forgotten too.
  await new Promise((r) => setTimeout(r, 100));
  expect(t.workers.workers.filter((w) => w.kind === 'train')).toHaveLength(0);

  const grown = heap[32]! - heap[10]!;
  console.log(`retained heap after run 1: ${mb(heap[1]!)} MB, run 10: ${mb(heap[10]!)} MB, run 32: ${mb(heap[32]!)} MB `
    + `(${(grown / 22 / 1024).toFixed(1)} KB a run); rss ${mb(rss[10]!)} → ${mb(rss[32]!)} MB; `
    + `message ports ${ports[10]} → ${ports[21]} (11 runs on one thread) → ${ports[32]} (11 runs on three)`);
  // Keeping one run's weights and test results (~500 KB here) would add 11 MB over these 22 runs;
  // what remains is the JIT's code and feedback for paths the first runs had not yet taken hot.
  expect(grown).toBeLessThan(2 * 1024 * 1024);
  expect(ports[32]! - ports[21]!).toBeLessThanOrEqual(ports[21]! - ports[10]! + 1);
});
