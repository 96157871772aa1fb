/**
 * The 2-D playground's work, for `npm run bench`: training steps per second of a 2-8-8-2
 * network (tanh) on 1,000 generated points with batches of 10 — tiny products where the
 * cost per call (not the arithmetic) decides the speed — and the time to compute the
 * network's outputs over a 200×200 grid, one decision-boundary picture. The same work on
 * TensorFlow.js for `--peers` (PyTorch's per-call overhead makes tiny batches its worst
 * case, so the playground is compared with TF.js).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { nowMs } from '../core/clock';
import { Rng } from '../core/rng';
import { toyDataset } from '../data/toy/toyDataset';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { planeOutputs, planePoints } from '../model/planeGrid';
import { train } from '../train/trainer';
import type { PeerName } from './peers';

export const PLAYGROUND_SPEC: NetworkSpec = {
  input_shape: [2],
  layers: [
    { type: 'Dense', units: 8, activation: 'tanh' },
    { type: 'Dense', units: 8, activation: 'tanh' },
    { type: 'Dense', units: 2, activation: 'softmax' },
  ],
};
const POINTS = 1000, BATCH = 10, EPOCHS = 20, GRID = 200, GRID_ROUNDS = 15, LR = 0.1;
const BOUNDS = { x1: [-1.5, 1.5], x2: [-1.5, 1.5] } as const;

export interface PlaygroundResult {
  who: 'layerwise' | PeerName;
  stepsPerSecond: number;
  /** Median milliseconds for one 200×200 grid of outputs. */
  boundaryMs: number;
  testAccuracy: number;
  /**
   * Ours only: steps a second at batch sizes 1, 4, 10 and 16 once warm (10 epochs first),
   * where the cost per kernel call and per step, not the arithmetic, sets the pace.
   */
  warmStepsPerSecond?: Record<string, number>;
  error?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measurePlayground(seed: number, kernels: 'auto' | 'js' | 'wasm'): Promise<PlaygroundResult> {
  const data = toyDataset({ kind: 'circles', count: POINTS, seed: 1, testShare: 0.2 });
  const rng = new Rng(seed);
  const network = Network.fromSpec(PLAYGROUND_SPEC, rng, { kernels, numClasses: 2 });
  let steps = 0, start = 0, end = 0;
  const result = await train(network, data, {
    epochs: EPOCHS, batchSize: BATCH, learningRate: LR, optimizer: { type: 'sgd' }, validationSize: 0,
  }, rng, { onEvent: (e) => {
    if (e.type === 'start') start = nowMs();
    else if (e.type === 'batch') { steps++; end = nowMs(); }
  } });
  const times: number[] = [];
  for (let r = 0; r < GRID_ROUNDS; r++) {
    const t0 = nowMs();
    planeOutputs(network, BOUNDS, GRID);
    times.push(nowMs() - t0);
  }
  return {
    who: 'layerwise', stepsPerSecond: steps / ((end - start) / 1000), boundaryMs: median(times),
    testAccuracy: result.test?.measures.accuracy ?? NaN, warmStepsPerSecond: await warmSteps(data, seed, kernels),
  };
}

/** Steps a second of the playground's network at small batch sizes, after a warm-up. */
async function warmSteps(data: ReturnType<typeof toyDataset>, seed: number, kernels: 'auto' | 'js' | 'wasm'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const batchSize of [1, 4, 10, 16]) {
    const rng = new Rng(seed);
    const network = Network.fromSpec(PLAYGROUND_SPEC, rng, { kernels, numClasses: 2 });
    const config = { epochs: 10, batchSize, learningRate: LR, optimizer: { type: 'sgd' as const }, validationSize: 0 };
    await train(network, data, config, rng);
    let steps = 0, start = 0, end = 0;
    await train(network, data, config, rng, { onEvent: (e) => {
      if (e.type === 'start') start = nowMs();
      else if (e.type === 'batch') { steps++; end = nowMs(); }
    } });
    out[batchSize] = Math.round(steps / ((end - start) / 1000));
  }
  return out;
}

export async function measurePlaygroundPeer(peer: PeerName, seed: number): Promise<PlaygroundResult> {
  const require = createRequire(import.meta.url);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('tfjs-node')) warn(...args);
  };
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  if (peer === 'tfjs-wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  }
  if (!(await tf.setBackend(peer === 'tfjs-wasm' ? 'wasm' : 'cpu'))) throw new Error(`setBackend failed for ${peer}`);
  await tf.ready();
  const data = toyDataset({ kind: 'circles', count: POINTS, seed: 1, testShare: 0.2 });
  const oneHot = (labels: Uint8Array) => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 2).toFloat();
  const x = tf.tensor2d(data.train.inputs as Float32Array, [data.train.count, 2]);
  const y = oneHot(data.train.labels!);
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 100 + s });
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh', kernelInitializer: init(1) }));
  model.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(3) }));
  model.compile({ optimizer: tf.train.sgd(LR), loss: 'categoricalCrossentropy' });
  const t0 = nowMs();
  await model.fit(x, y, { batchSize: BATCH, epochs: EPOCHS, shuffle: true, verbose: 0, yieldEvery: 'never' });
  const seconds = (nowMs() - t0) / 1000;
  const steps = Math.ceil(data.train.count / BATCH) * EPOCHS;
  const grid = tf.tensor2d(planePoints(BOUNDS, GRID), [GRID * GRID, 2]);
  const times: number[] = [];
  for (let r = 0; r < GRID_ROUNDS; r++) {
    const g0 = nowMs();
    const out = model.predict(grid, { batchSize: GRID * GRID }) as import('@tensorflow/tfjs').Tensor;
    out.dataSync();
    out.dispose();
    times.push(nowMs() - g0);
  }
  const pred = (model.predict(tf.tensor2d(data.test.inputs as Float32Array, [data.test.count, 2])) as import('@tensorflow/tfjs').Tensor).argMax(-1).dataSync();
  let correct = 0;
  for (let i = 0; i < data.test.count; i++) if (pred[i] === data.test.labels![i]) correct++;
  return { who: peer, stepsPerSecond: steps / seconds, boundaryMs: median(times), testAccuracy: correct / data.test.count };
}
