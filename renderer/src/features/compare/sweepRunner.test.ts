import { describe, expect, it } from 'vitest';
import type { OpenedRun, RunSummary } from '../../../../electron/ipc/contract';
import { PRESETS } from '$engine';
import { FrameScheduler } from '../training/frameScheduler';
import { completed, FakeApi, started } from '../training/testing/fakeApi';
import { TrainingSession } from '../training/trainingSession.svelte';
import { Comparison } from './comparison.svelte';
import { SweepRunner } from './sweepRunner.svelte';
import { namedSweep } from './sweeps';

const noFrames = { now: () => 0, request: () => 0, cancel: () => {} };

/** A session on a fake host whose runs end as `ending(n)` says, each then listed in a fake history. */
function setup(ending: (n: number, runId: string) => 'completed' | 'failed' | 'hold', onList: () => Promise<void> = async () => {}) {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler(noFrames));
  const history: RunSummary[] = [];
  let n = 0;
  const record = (i: number) => history.push({ id: `20261207-0500${String(i).padStart(2, '0')}-0000000${i}`, startedAt: `2026-12-07T05:00:0${i}.000Z` } as RunSummary);
  fake.handlers['train:start'] = async () => {
    const i = ++n;
    const runId = `run-${i}`;
    const how = ending(i, runId);
    setTimeout(() => {
      fake.emit(started(runId));
      if (how === 'completed') fake.emit(completed(runId));
      if (how === 'failed') fake.emit({ type: 'failed', runId, reason: 'diverged', message: 'The loss became NaN.' });
      if (how !== 'hold') record(i);
    }, 0);
    return { runId };
  };
  fake.handlers['train:stop'] = async (r) => {
    setTimeout(() => { fake.emit({ type: 'stopped', runId: r.runId, history: [], message: 'Stopped.' }); record(n); }, 0);
  };
  const listed = { count: 0 };
  const runsApi = {
    'runs:list': async () => { listed.count++; await onList(); return [...history]; },
    'runs:get': async ({ id }: { id: string }) => ({ summary: { id } }) as OpenedRun,
  };
  const comparison = new Comparison(runsApi);
  const sweep = new SweepRunner(session, comparison, runsApi, 2000);
  return { fake, session, comparison, sweep, listed };
}

describe('SweepRunner', () => {
  it('runs each value in turn with the same data and seed, goes on after a failed run, adds every run to the comparison and puts the settings back', async () => {
    const { fake, session, comparison, sweep } = setup((n) => (n === 2 ? 'failed' : 'completed'));
    session.settings.limit = 1000;
    await sweep.run(namedSweep('descent', PRESETS.mlp, 0.001), PRESETS.mlp);
    const requests = fake.callsTo('train:start') as { hyperparams: { batchSize: number; seed: number }; dataset: unknown }[];
    expect(requests.map((r) => r.hyperparams.batchSize)).toEqual([1, 32, session.settings.fitCount]);
    expect(new Set(requests.map((r) => JSON.stringify([r.dataset, r.hyperparams.seed]))).size).toBe(1);
    expect(sweep.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'completed']);
    expect(sweep.steps[1]!.failure).toMatchObject({ reason: 'diverged', message: 'The loss became NaN.' });
    expect(comparison.ids).toEqual(sweep.steps.map((s) => s.recordId));
    expect(comparison.ids).toHaveLength(3);
    expect(session.settings.batchChoice).toBe(64);
    expect(sweep.running).toBe(false);
  });

  it('a start the host refuses is failed at once (no record to wait for) and the sweep goes on', async () => {
    const { fake, comparison, sweep, listed } = setup(() => 'completed');
    const start = fake.handlers['train:start'];
    let n = 0;
    let listedBeforeSecond = 0;
    fake.handlers['train:start'] = async (r) => {
      if (++n === 2) listedBeforeSecond = listed.count;
      if (n === 1) throw Object.assign(new Error('This loss does not fit the output.'), { code: 'bad-request' });
      return start(r);
    };
    await sweep.run(namedSweep('loss', PRESETS.mlp, 0.001), PRESETS.mlp);
    expect(sweep.steps.map((s) => [s.status, s.failure?.reason ?? null])).toEqual([['failed', 'rejected'], ['completed', null]]);
    expect(comparison.ids).toHaveLength(1);
    // The history was read once before each start, and not searched for the refused run's record.
    expect(listedBeforeSecond).toBe(2);
    expect(sweep.steps[0]!.recordId).toBeNull();
  });

  it('waits for a run started by hand between two of its runs, then trains its own next value', async () => {
    let byHand: Promise<void> | null = null;
    // While the sweep reads the history after its first run, the student presses Train.
    const { fake, session, sweep } = setup((n) => (n === 2 ? 'hold' : 'completed'), async () => {
      if (byHand === null && sweep.steps[0]?.status === 'completed') byHand = session.start(PRESETS.mlp);
    });
    const done = sweep.run({ setting: 'batchSize', layer: null, values: [8, 16], named: null }, PRESETS.mlp);
    while (byHand === null) await new Promise((r) => setTimeout(r, 5));
    await byHand;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('train:start')).toHaveLength(2);
    fake.emit(completed('run-2'));
    await done;
    expect(fake.callsTo('train:start')).toHaveLength(3);
    expect(sweep.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
  });

  it('stopping stops the run under way and skips the ones left', async () => {
    const { fake, sweep } = setup((n) => (n === 1 ? 'completed' : 'hold'));
    const done = sweep.run({ setting: 'learningRate', layer: null, values: [0.001, 0.01, 0.1], named: null }, PRESETS.mlp);
    while (fake.callsTo('train:start').length < 2 || sweep.steps[1]!.status !== 'running') await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 20));
    await sweep.stop();
    await done;
    expect(sweep.steps.map((s) => s.status)).toEqual(['completed', 'stopped', 'skipped']);
    expect(fake.callsTo('train:start')).toHaveLength(2);
    expect((fake.callsTo('train:start') as { hyperparams: { learningRate: number } }[]).map((r) => r.hyperparams.learningRate)).toEqual([0.001, 0.01]);
  });
});
