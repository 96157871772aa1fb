import { describe, expect, it } from 'vitest';
import { jsKernels, type Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import type { ImageSet } from '../data/imageSet';
import { formatMessage } from '../messages';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { estimateTrainingMemory, isOutOfMemory, memorySize, trainingMemoryBudget, trainingMemoryProblem } from './memoryEstimate';
import { imageTrainData } from '../testing/syntheticData';
import { train } from './trainer';

const MLP: NetworkSpec = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 256, activation: 'relu' }, { type: 'Dense', units: 10 }] };
const CNN: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 32, kernel_size: 3, activation: 'relu' }, { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Conv2D', filters: 64, kernel_size: 3, activation: 'relu' }, { type: 'Flatten' }, { type: 'Dropout', rate: 0.2 }, { type: 'Dense', units: 10 },
  ],
};
/** Batch normalization on maps and on the vector: its batch is never split, so batch 300 is one pass of 300. */
const BN_CNN: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 16, kernel_size: 3 }, { type: 'BatchNormalization' }, { type: 'ReLU' }, { type: 'MaxPooling2D', pool_size: 2 },
    { type: 'Flatten' }, { type: 'Dense', units: 64 }, { type: 'BatchNormalization' }, { type: 'ReLU' }, { type: 'Dense', units: 10 },
  ],
};
/** The network of the report: 4,096 filters, then 500 filters over them, in batches of 256. */
const HUGE: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [
    { type: 'Conv2D', filters: 4096, kernel_size: 3, activation: 'relu', name: 'wide' },
    { type: 'Conv2D', filters: 500, kernel_size: 3, activation: 'relu', name: 'deep' },
    { type: 'MaxPooling2D', pool_size: 2 }, { type: 'Flatten' }, { type: 'Dense', units: 10 },
  ],
};

function images(count: number): ImageSet {
  const rng = new Rng(3);
  const px = new Uint8Array(count * 784).map(() => Math.floor(rng.uniform(0, 256)));
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  return { images: px, labels, count, rows: 28, cols: 28 };
}

/**
 * Bytes that building and training the network allocates through its kernels (every
 * parameter, gradient, optimizer state and layer buffer comes from `floats`/`ints`):
 * counted at the source rather than read from the process's memory, which other test
 * files running in the same process and the collector make move under the measurement.
 */
async function measured(spec: NetworkSpec, batchSize: number): Promise<number> {
  const data = imageTrainData(images(500));
  let bytes = 0;
  const counting: Kernels = {
    ...jsKernels,
    floats: (n) => ((bytes += 4 * n), jsKernels.floats(n)),
    ints: (n) => ((bytes += 4 * n), jsKernels.ints(n)),
  };
  const net = Network.fromSpec(spec, new Rng(1), { kernels: counting });
  await train(net, data, { epochs: 1, batchSize, learningRate: 0.001, optimizer: { type: 'adam' }, validationSize: 200 }, new Rng(2));
  return bytes;
}

describe('training memory estimate', () => {
  it.each([['an MLP', MLP, 64], ['a CNN', CNN, 128], ['a CNN with batch normalization (unsplit batch of 300)', BN_CNN, 300]] as const)('matches what training %s allocates, within 2×', async (_, spec, batchSize) => {
    const est = estimateTrainingMemory(spec, Network.fromSpec(spec, new Rng(1)).analysis, { batchSize, optimizer: { type: 'adam' } });
    const real = await measured(spec, batchSize);
    const ratio = (est.paramBytes + est.bufferBytes) / real;
    expect(ratio, `estimate ${est.paramBytes + est.bufferBytes}, measured ${real}`).toBeGreaterThan(0.5);
    expect(ratio, `estimate ${est.paramBytes + est.bufferBytes}, measured ${real}`).toBeLessThan(2);
  });

  it('bounds what training a CNN takes on WebAssembly (whose direct convolution may skip im2col), within 2.5×', async () => {
    const data = imageTrainData(images(500));
    const net = Network.fromSpec(CNN, new Rng(1), { kernels: 'wasm' });
    const memory = net.kernels as unknown as { memoryBytes: number };
    const before = memory.memoryBytes;
    await train(net, data, { epochs: 1, batchSize: 128, learningRate: 0.001, optimizer: { type: 'adam' }, validationSize: 200 }, new Rng(2));
    const real = memory.memoryBytes - before;
    const est = estimateTrainingMemory(CNN, net.analysis, { batchSize: 128, optimizer: { type: 'adam' } });
    const planned = est.paramBytes + est.bufferBytes;
    expect(planned, `estimate ${planned}, measured ${real}`).toBeGreaterThan(real);
    expect(planned, `estimate ${planned}, measured ${real}`).toBeLessThan(2.5 * real);
  });

  it('grows with the chunk, not past it, and counts optimizer state', () => {
    const analysis = Network.fromSpec(CNN, new Rng(1)).analysis;
    const at = (batchSize: number, optimizer: { type: 'adam' } | { type: 'sgd' } = { type: 'adam' }) => estimateTrainingMemory(CNN, analysis, { batchSize, optimizer });
    expect(at(256).bufferBytes).toBeCloseTo(2 * at(128).bufferBytes, -3);
    expect(at(60000).bufferBytes).toBe(at(256).bufferBytes);
    expect(at(64).paramBytes).toBe(analysis.totalParams * 16);
    expect(at(64, { type: 'sgd' }).paramBytes).toBe(analysis.totalParams * 8);
    expect(estimateTrainingMemory(CNN, analysis, { batchSize: 64, optimizer: { type: 'sgd' } }, { images: 70000, pixelsPerImage: 784 }).datasetBytes).toBe(70000 * 785);
  });

  it('refuses the network of the report with the figure, the biggest layer and what to shrink', () => {
    const m = trainingMemoryProblem(HUGE, { batchSize: 256, optimizer: { type: 'adam' } }, trainingMemoryBudget(8e9))!;
    expect(m.key).toBe('train.memoryTooBig');
    const en = formatMessage(m, 'en');
    expect(en).toMatch(/^Training this network with a batch size of 256 needs about [\d.]+ GB of memory, more than the 4 GB Layerwise can use on this computer\. The biggest part is deep \([\d.]+ GB\)\. Lower the batch size/);
    expect(formatMessage(m, 'fr')).toMatch(/demande environ [\d,]+ Go de mémoire, plus que les 4 Go/);
    // A small batch fits, so the batch size is the advice; on a small machine even one image does not.
    expect(trainingMemoryProblem(HUGE, { batchSize: 4, optimizer: { type: 'adam' } }, trainingMemoryBudget(8e9))).toBeNull();
    expect(trainingMemoryProblem(HUGE, { batchSize: 4, optimizer: { type: 'adam' } }, 100e6)!.key).toBe('train.memoryTooBigPerImage');
    expect(trainingMemoryProblem(CNN, { batchSize: 256, optimizer: { type: 'adam' } }, trainingMemoryBudget(8e9))).toBeNull();
  });

  it('budgets half the machine, at most 4 GiB, and words sizes per language', () => {
    expect(trainingMemoryBudget(4e9)).toBe(2e9);
    expect(trainingMemoryBudget(64e9)).toBe(4 * 1024 ** 3);
    expect(formatMessage(memorySize(850e6), 'fr')).toBe('850 Mo');
    expect(formatMessage(memorySize(3.24e9), 'en')).toBe('3.2 GB');
  });

  it('recognizes a real allocation failure', () => {
    let err: unknown;
    try {
      new Float32Array(2 ** 40);
    } catch (e) {
      err = e;
    }
    expect(isOutOfMemory(err)).toBe(true);
    expect(isOutOfMemory(new RangeError('numClasses must be an integer'))).toBe(false);
    expect(isOutOfMemory(new Error('boom'))).toBe(false);
  });
});
