import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { barsImageSet, imageTrainData } from '../testing/syntheticData';
import { train } from '../train/trainer';
import { createWasmKernels, type WasmKernels } from '../wasm/wasmKernels';
import { automaticThreadCount, defaultThreadCount, nodeKernelThreads, trainingThreadCount } from './threads';

/**
 * The WebAssembly kernels on helper threads: every kernel splits its output between the
 * threads, and the result must be bit-identical to one thread's, whatever the count.
 */
const SPEC: NetworkSpec = {
  input_shape: [8, 8, 1],
  layers: [
    { type: 'Conv2D', filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 8, kernel_size: 2, activation: 'relu' },
    { type: 'Flatten' },
    { type: 'Dense', units: 37, activation: 'relu' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};

/**
 * Valid convolutions large enough for the direct kernels and their sparse backward: a
 * first layer on one channel (the blocked weight gradient), a second with long kernel rows
 * (filter by filter), each followed by 2×2 max pooling on 8 and 16 channels.
 */
const DIRECT_SPEC: NetworkSpec = {
  input_shape: [14, 14, 1],
  layers: [
    { type: 'Conv2D', filters: 8, kernel_size: 3, activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 16, kernel_size: 3, activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Flatten' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};

async function waitReady(k: WasmKernels): Promise<void> {
  for (let i = 0; i < 500 && !k.threadsReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(k.threadsReady).toBe(true);
}

const supported = createWasmKernels() !== null;
const pools: { stop(): void }[] = [];
afterAll(() => pools.forEach((p) => p.stop()));

describe.runIf(supported)('kernels on helper threads', () => {
  for (const optimizer of [{ type: 'sgd' as const }, { type: 'adam' as const }, { type: 'sgd' as const, momentum: 0.9, nesterov: true }]) {
    it(`train gives bit-identical weights on 1, 2 and 3 threads (${JSON.stringify(optimizer)})`, async () => {
      const results: number[][] = [];
      for (const count of [1, 2, 3]) {
        const rng = new Rng(3);
        const kernels = createWasmKernels()!;
        kernels.splitAlways = true;
        const net = Network.fromSpec(SPEC, rng, { kernels, numClasses: 3 });
        if (count > 1) {
          kernels.useThreads(nodeKernelThreads(count));
          await waitReady(kernels);
          expect(kernels.threadCount).toBe(count);
        }
        const data = imageTrainData(barsImageSet(300, new Rng(100)));
        const result = await train(net, data, { epochs: 2, batchSize: 32, learningRate: 0.01, optimizer, validationSize: 50 }, rng);
        kernels.useThreads(null);
        expect(result.status).toBe('completed');
        results.push(net.params.flatMap((p) => [...p.value]));
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    }, 60_000);
  }

  it('tanh and sigmoid split between 2 threads give the values 1 thread gives, bit for bit (odd lengths)', async () => {
    const single = createWasmKernels()!, team = createWasmKernels()!;
    team.splitAlways = true;
    team.useThreads(nodeKernelThreads(2));
    await waitReady(team);
    const rng = new Rng(8);
    for (const n of [1, 3, 5, 130, 1001, 40_003]) {
      // Sigmoid's tiny branch (below −87) in some lanes of some shares.
      const x = Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -80 - (i % 29) : 6 * rng.normal()));
      for (const f of ['tanh', 'sigmoid'] as const) {
        const xa = single.floats(n), ya = single.floats(n), xb = team.floats(n), yb = team.floats(n);
        xa.set(x);
        xb.set(x);
        single[f](xa, ya, n);
        team[f](xb, yb, n);
        expect([...yb], `${f}, n = ${n}`).toEqual([...ya]);
      }
    }
    team.useThreads(null);
  });

  it('the sums (binary cross-entropy with its gradient, squared error) split between 2 threads give the bits 1 thread gives', async () => {
    const single = createWasmKernels()!, team = createWasmKernels()!;
    team.splitAlways = true;
    team.useThreads(nodeKernelThreads(2));
    await waitReady(team);
    const rng = new Rng(9);
    for (const n of [1, 3, 5, 257, 1001, 50_176, 70_003]) {
      const z = Float32Array.from({ length: n }, () => 4 * rng.normal()), t = Float32Array.from({ length: n }, () => rng.next());
      const [za, ta, da, zb, tb, db] = [single.floats(n), single.floats(n), single.floats(n), team.floats(n), team.floats(n), team.floats(n)];
      za.set(z); zb.set(z); ta.set(t); tb.set(t);
      const la = single.sigmoidCrossEntropy(za, ta, n, da, 1 / 64), lb = team.sigmoidCrossEntropy(zb, tb, n, db, 1 / 64);
      expect(Object.is(lb, la), `loss, n = ${n}: ${lb} vs ${la}`).toBe(true);
      expect(Buffer.from(db.buffer, db.byteOffset, n * 4).equals(Buffer.from(da.buffer, da.byteOffset, n * 4)), `gradient, n = ${n}`).toBe(true);
      for (const sigmoid of [true, false]) {
        const sa = single.squaredError(za, ta, n, sigmoid), sb = team.squaredError(zb, tb, n, sigmoid);
        expect(Object.is(sb, sa), `squared error (sigmoid ${sigmoid}), n = ${n}`).toBe(true);
      }
    }
    team.useThreads(null);
  });

  it('train gives bit-identical weights on 1, 2 and 3 threads through the direct convolution kernels', async () => {
    const results: number[][] = [];
    for (const count of [1, 2, 3]) {
      const rng = new Rng(8);
      const kernels = createWasmKernels()!;
      kernels.splitAlways = true;
      const net = Network.fromSpec(DIRECT_SPEC, rng, { kernels, numClasses: 3 });
      if (count > 1) {
        kernels.useThreads(nodeKernelThreads(count));
        await waitReady(kernels);
      }
      const data = imageTrainData(barsImageSet(200, new Rng(100), 14));
      const before = kernels.sparseProducts;
      const result = await train(net, data, { epochs: 1, batchSize: 32, learningRate: 0.05, optimizer: { type: 'sgd' }, validationSize: 40 }, rng);
      kernels.useThreads(null);
      expect(result.status).toBe('completed');
      expect(kernels.sparseProducts).toBeGreaterThan(before);
      results.push(net.params.flatMap((p) => [...p.value]));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  }, 60_000);

  it('threads passed to train are attached for the run and released after it', async () => {
    const rng = new Rng(1);
    const net = Network.fromSpec(SPEC, rng, { kernels: 'wasm', numClasses: 3 });
    let seen = 0;
    const result = await train(net, imageTrainData(barsImageSet(200, new Rng(1))), {
      epochs: 1, batchSize: 16, learningRate: 0.01, optimizer: { type: 'adam' }, validationSize: 0,
    }, rng, { threads: nodeKernelThreads(2), onEvent: () => (seen = Math.max(seen, net.kernels.threadCount)) });
    expect(result.status).toBe('completed');
    expect(seen).toBe(2);
    expect(net.kernels.threadCount).toBe(1);
  });

  it('defaults to the cores the machine has', () => {
    expect(nodeKernelThreads().count).toBeGreaterThanOrEqual(1);
    expect(nodeKernelThreads(0).count).toBe(1);
  });
});

describe('thread counts', () => {
  it('automatic: every core up to two, else all but one', () => {
    expect([1, 2, 3, 4, 8, 16, 64].map(automaticThreadCount)).toEqual([1, 2, 2, 3, 7, 15, 63]);
  });

  it('automatic: at least one thread, whatever the core count says', () => {
    expect(automaticThreadCount(0)).toBe(1);
    expect(automaticThreadCount(-3)).toBe(1);
    expect(automaticThreadCount(Number.NaN)).toBe(1);
    expect(automaticThreadCount(4.7)).toBe(3);
  });

  it('a run uses the requested count, clamped to 1..2×cores, or the automatic one', () => {
    expect(trainingThreadCount(null, 8)).toBe(7);
    expect(trainingThreadCount(null, 2)).toBe(2);
    expect(trainingThreadCount(1, 8)).toBe(1);
    expect(trainingThreadCount(8, 8)).toBe(8);
    expect(trainingThreadCount(12, 8)).toBe(12);
    expect(trainingThreadCount(64, 8)).toBe(16);
    expect(trainingThreadCount(0, 8)).toBe(1);
    expect(trainingThreadCount(3.9, 8)).toBe(3);
    expect(trainingThreadCount(Number.NaN, 4)).toBe(3);
    expect(trainingThreadCount(null, 0)).toBe(1);
  });

  it('counts this machine’s cores by default', () => {
    expect(trainingThreadCount(null)).toBe(automaticThreadCount(defaultThreadCount()));
    expect(defaultThreadCount()).toBe(Math.max(1, os.availableParallelism()));
  });
});
