/**
 * How much memory training a network will take, from its shapes alone, so that a network
 * too big for the machine is refused before a worker starts (with the figure and what to
 * shrink) instead of failing gigabytes later. It mirrors what training allocates:
 *
 * - per trainable parameter: its value, its gradient and the optimizer's state (Adam keeps
 *   two moments, SGD with momentum one velocity); per non-trainable weight (moving
 *   statistics) its value only;
 * - per image of a training pass (the chunk: min(batch size, chunk size), see trainer.ts;
 *   the whole batch for a network with batch normalization, which trainer.ts never splits):
 *   every layer's forward buffers (outputs, a convolution's im2col matrix) and backward
 *   buffers (input gradients, the im2col gradient), as engine/model/limits.ts counts them;
 *   evaluation reuses the same buffers (it runs in chunks no larger);
 * - the dataset's bytes, when known (a worker holds the whole dataset).
 */
import { msg, type Message } from '../messages';
import { analyzeNetwork, type NetworkAnalysis } from '../model/analyze';
import { layerFloats, MAX_SAMPLE_FLOATS } from '../model/limits';
import { layerKind } from '../model/registry';
import { isLayerType } from '../model/spec';
import type { NetworkSpec } from '../model/spec';
import type { TrainConfig } from './config';
import { trainingChunk } from './trainer';

const GIB = 1024 ** 3;

/** The share of the machine's memory one training run may plan to use, and the most it may ever plan (a worker's WebAssembly memory and JS heap are bounded too). */
export const MEMORY_SHARE = 0.5;
export const MAX_MEMORY_BUDGET = 4 * GIB;

export interface TrainingMemory {
  /** Everything below, added up. */
  readonly bytes: number;
  readonly paramBytes: number;
  readonly bufferBytes: number;
  readonly datasetBytes: number;
  /** Images per training pass. */
  readonly chunk: number;
  /** The layer that takes the most (its buffers for a chunk and its parameters' share). */
  readonly biggest: { readonly name: string; readonly bytes: number };
}

/** What the dataset adds: its images (one byte per pixel) and labels. */
export interface DatasetSize {
  readonly images: number;
  readonly pixelsPerImage: number;
}

/** Memory a run may use on a machine with `totalBytes` of memory. */
export function trainingMemoryBudget(totalBytes: number): number {
  return Math.min(totalBytes * MEMORY_SHARE, MAX_MEMORY_BUDGET);
}

/** Optimizer values kept per parameter, besides its value and gradient. */
function optimizerSlots(optimizer: TrainConfig['optimizer']): number {
  if (optimizer?.type === 'adam') return 2;
  return optimizer?.type === 'sgd' && (optimizer.momentum ?? 0) > 0 ? 1 : 0;
}

export function estimateTrainingMemory(
  spec: NetworkSpec, analysis: NetworkAnalysis, config: Pick<TrainConfig, 'batchSize' | 'chunkSize' | 'optimizer'>, data: DatasetSize | null = null,
): TrainingMemory {
  const wholeBatch = spec.layers.some((l) => isLayerType(l.type) && layerKind(l.type).wholeBatch === true);
  const chunk = wholeBatch ? Math.max(1, config.batchSize) : trainingChunk(config);
  const perParam = 4 * (2 + optimizerSlots(config.optimizer));
  const perState = 4;
  const outputs = analysis.outputShape ? analysis.outputShape.reduce((a, b) => a * b, 1) : 0;
  // The trainer's input batch, its output gradient and the one-hot targets.
  let bufferBytes = 4 * chunk * (analysis.layers[0]?.inputShape ? analysis.layers[0].inputShape.reduce((a, b) => a * b, 1) : 0) + 8 * chunk * outputs;
  let biggest = { name: '', bytes: -1 };
  spec.layers.forEach((l, i) => {
    const info = analysis.layers[i]!;
    const f = layerFloats(l, info);
    const buffers = 4 * chunk * (f.forward + f.backward);
    bufferBytes += buffers;
    const layerBytes = buffers + info.trainableParams * perParam + (info.params - info.trainableParams) * perState;
    if (layerBytes > biggest.bytes) biggest = { name: info.name, bytes: layerBytes };
  });
  const paramBytes = analysis.trainableParams * perParam + (analysis.totalParams - analysis.trainableParams) * perState;
  const datasetBytes = data ? data.images * (data.pixelsPerImage + 1) : 0;
  return { bytes: paramBytes + bufferBytes + datasetBytes, paramBytes, bufferBytes, datasetBytes, chunk, biggest };
}

/**
 * Why training `spec` with `config` would not fit in `budgetBytes`, or null when it fits
 * (or the network has errors, which the analysis reports). Names the figure, the
 * largest layer and what to shrink: the batch size when a smaller one would fit, else
 * the layer itself.
 */
export function trainingMemoryProblem(
  spec: NetworkSpec, config: Pick<TrainConfig, 'batchSize' | 'chunkSize' | 'optimizer'>, budgetBytes: number, data: DatasetSize | null = null,
): Message | null {
  const analysis = analyzeNetwork(spec, { numClasses: null });
  if (analysis.issues.length > 0) return null;
  const need = estimateTrainingMemory(spec, analysis, config, data);
  const one = estimateTrainingMemory(spec, analysis, { ...config, batchSize: 1 }, data);
  const perImage = (one.bufferBytes / 4) > MAX_SAMPLE_FLOATS;
  if (need.bytes <= budgetBytes && !perImage) return null;
  const params = { needed: memorySize(need.bytes), budget: memorySize(budgetBytes), layer: need.biggest.name, layerSize: memorySize(need.biggest.bytes) };
  if (one.bytes > budgetBytes || perImage) return msg('train.memoryTooBigPerImage', { ...params, needed: memorySize(one.bytes) });
  return msg('train.memoryTooBig', { ...params, batch: config.batchSize });
}

/** "850 MB" or "3.2 GB", in the reader's language. */
export function memorySize(bytes: number): Message {
  const mb = bytes / 1e6;
  if (mb < 1000) return msg('train.sizeMB', { n: Math.max(1, Math.round(mb)) });
  return msg('train.sizeGB', { n: Math.round(mb / 100) / 10 });
}

/**
 * Whether an error is an allocation failure: V8 throws RangeError ("Array buffer
 * allocation failed", "Invalid typed array length" for a length beyond what it can
 * address), and growing WebAssembly memory past its maximum throws RangeError too. A
 * worker reports these as running out of memory, never as an internal error.
 */
export function isOutOfMemory(e: unknown): boolean {
  if ((e as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return true;
  return e instanceof RangeError && /allocation failed|invalid typed array length|invalid array buffer length|array buffer|out of memory|maximum memory size|could not allocate/i.test(e.message);
}
