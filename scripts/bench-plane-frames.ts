/**
 * What live plane frames cost a training run (issue 11): the same run with and without
 * `planeView`, through the real host and worker threads. Run: `npx tsx scripts/bench-plane-frames.ts [epochs] [repeats]`.
 * Prints whole-run seconds, the slowdown and the frames per second. Not a test: timings
 * depend on the machine (and on what else it runs).
 */
import { hyperparams, makeTestHost } from '../electron/host/hostTestKit';
import type { TrainEvent } from '../electron/ipc/contract';

const epochs = Number(process.argv[2] ?? 500), repeats = Number(process.argv[3] ?? 3);
const spec = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const source = { kind: 'generated', generator: 'spiral', points: 1000, noise: null, arms: 2, seed: 1, testShare: 0.2 };
const planeView = { resolution: 200, unitResolution: 32, everyMs: 66 };

/** Training seconds as the run reports them, the frames received and one frame's JSON size. */
async function once(withPlane: boolean): Promise<{ trainSeconds: number; frames: number; bytes: number }> {
  const t = await makeTestHost();
  try {
    const log = t.events();
    await t.ok('train:start', {
      spec, hyperparams: hyperparams({ epochs, batchSize: 10, optimizer: 'adam', learningRate: 0.01, validationSize: 0, threads: 1 }),
      dataset: { source, limit: null }, planeView: withPlane ? planeView : null,
    });
    const done = await log.next(['completed', 'failed', 'stopped'], 600_000);
    if (done.type !== 'completed') throw new Error(`run ${done.type}`);
    const frames = log.of('plane') as Extract<TrainEvent, { type: 'plane' }>[];
    const bytes = frames.length ? JSON.stringify(frames.at(-1)).length : 0;
    return { trainSeconds: done.seconds, frames: frames.length, bytes };
  } finally {
    await t.close();
  }
}

const runs: Record<'without' | 'with', number[]> = { without: [], with: [] };
let frameRate: number[] = [];
for (let r = 0; r < repeats; r++) {
  for (const withPlane of [false, true]) {
    const res = await once(withPlane);
    runs[withPlane ? 'with' : 'without'].push(res.trainSeconds);
    if (withPlane) frameRate.push(res.frames / res.trainSeconds);
    console.log(`${withPlane ? 'with   ' : 'without'} planeView: ${res.trainSeconds.toFixed(2)} s training, ${res.frames} frames`
      + (withPlane ? ` (${(res.frames / res.trainSeconds).toFixed(1)} frames/s, ${(res.bytes / 1024).toFixed(0)} KiB of JSON each)` : ''));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
console.log(`best of ${repeats}: ${min(runs.without).toFixed(2)} s without, ${min(runs.with).toFixed(2)} s with (speed kept ${(100 * min(runs.without) / min(runs.with)).toFixed(0)} %)`);
console.log(`median: ${median(runs.without).toFixed(2)} s without, ${median(runs.with).toFixed(2)} s with (speed kept ${(100 * median(runs.without) / median(runs.with)).toFixed(0)} %); ${median(frameRate).toFixed(1)} frames/s`);
