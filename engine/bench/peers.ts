/**
 * The peers of `npm run bench -- --peers`: TensorFlow.js 4.22 on its pure-JS 'cpu' backend
 * and on its WebAssembly SIMD 'wasm' backend, trained on the same workloads the same way
 * as the reference harness (shared/peers/tfjs_bench.js): layers API, model.fit, one
 * epoch, He-uniform kernels, zero biases, the clock around fit only.
 *
 * Like the harness, the slowest runs are timed on fewer samples and extrapolated (tfjs-cpu
 * cnn: 640, tfjs-cpu mlp-wide: 12,800), and tfjs-wasm cannot train the cnn at all (its
 * wasm backend has no Conv2DBackpropFilter kernel): that is recorded, not hidden.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WorkloadName } from '../model/presets';
import { loadMnist } from '../node/datasets';
import { sizeOfShape } from '../data/dataset';

export const PEERS = ['tfjs-cpu', 'tfjs-wasm'] as const;
/** The workloads the peers run (the autoencoder's reference is PyTorch's, in shared/reference/benchmarks.md). */
export type PeerWorkload = Exclude<WorkloadName, 'autoencoder'>;
export const isPeerWorkload = (w: WorkloadName): w is PeerWorkload => w !== 'autoencoder';
export type PeerName = (typeof PEERS)[number];

/** Samples actually timed by default (the harness's choices); the epoch is extrapolated from them. */
export function peerLimit(peer: PeerName, workload: PeerWorkload): number {
  if (peer === 'tfjs-cpu' && workload === 'cnn') return 640;
  if (peer === 'tfjs-cpu' && workload === 'mlp-wide') return 12_800;
  if (peer === 'tfjs-wasm' && workload === 'cnn') return 640;
  return 60_000;
}

export interface PeerResult {
  peer: PeerName;
  workload: WorkloadName;
  trained: number;
  /** Seconds for 60,000 samples (extrapolated when fewer were trained). */
  epochSeconds: number;
  samplesPerSecond: number;
  testAccuracy: number;
  peakRssMiB: number;
  error?: string;
}

const HP: Record<PeerWorkload, { lr: number; batch: number }> = {
  mlp: { lr: 0.1, batch: 64 },
  cnn: { lr: 0.05, batch: 64 },
  'mlp-wide': { lr: 0.1, batch: 128 },
};

function bytesToFloats(bytes: Uint8Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes[i]! / 255;
  return out;
}

export async function measurePeer(peer: PeerName, workload: PeerWorkload, limit: number, seed: number): Promise<PeerResult> {
  // TF.js greets Node users with an advert for tfjs-node (which cannot install here): keep the table clean.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('tfjs-node')) warn(...args);
  };
  const require = createRequire(import.meta.url);
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  if (peer === 'tfjs-wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
    // The backend loads its .wasm files from this folder of node_modules.
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  }
  const backend = peer === 'tfjs-wasm' ? 'wasm' : 'cpu';
  if (!(await tf.setBackend(backend))) throw new Error(`setBackend(${backend}) failed`);
  await tf.ready();

  const data = await loadMnist();
  const count = Math.min(limit, data.train.count);
  const px = sizeOfShape(data.inputShape);
  const trainImages = data.train.inputs as Uint8Array, testImages = data.test.inputs as Uint8Array;
  const trainLabels = data.train.labels!, testLabels = data.test.labels!;
  const isCnn = workload === 'cnn';
  const shape = (n: number): number[] => (isCnn ? [n, 28, 28, 1] : [n, px]);
  const xTrain = tf.tensor(bytesToFloats(trainImages, count * px), shape(count), 'float32');
  const yTrain = tf.oneHot(tf.tensor1d(Int32Array.from(trainLabels.subarray(0, count)), 'int32'), 10).toFloat();
  const xTest = tf.tensor(bytesToFloats(testImages, data.test.count * px), shape(data.test.count), 'float32');

  const init = (s: number) => tf.initializers.heUniform({ seed: seed * 100 + s });
  const model = tf.sequential();
  if (workload === 'mlp') {
    model.add(tf.layers.dense({ inputShape: [px], units: 128, activation: 'relu', kernelInitializer: init(1) }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2) }));
  } else if (workload === 'mlp-wide') {
    model.add(tf.layers.dense({ inputShape: [px], units: 512, activation: 'relu', kernelInitializer: init(1) }));
    model.add(tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: init(2) }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  } else {
    model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu', kernelInitializer: init(1) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
    model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', kernelInitializer: init(2) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  }
  const { lr, batch } = HP[workload];
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'categoricalCrossentropy' });

  const base = { peer, workload, trained: count };
  const t0 = performance.now();
  try {
    await model.fit(xTrain, yTrain, { batchSize: batch, epochs: 1, shuffle: true, verbose: 0, yieldEvery: 'never' });
    model.layers[0]!.getWeights()[0]!.dataSync();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, epochSeconds: NaN, samplesPerSecond: NaN, testAccuracy: NaN, peakRssMiB: rss(), error: message.split('\n')[0]!.slice(0, 160) };
  }
  const seconds = (performance.now() - t0) / 1000;
  const pred = tf.tidy(() => (model.predict(xTest, { batchSize: 1000 }) as import('@tensorflow/tfjs').Tensor).argMax(-1));
  const p = pred.dataSync();
  let correct = 0;
  for (let i = 0; i < data.test.count; i++) if (p[i] === testLabels[i]) correct++;
  return {
    ...base,
    epochSeconds: seconds * (60_000 / count),
    samplesPerSecond: count / seconds,
    testAccuracy: correct / data.test.count,
    peakRssMiB: rss(),
  };
}

function rss(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
