/**
 * `layerwise export` and the app's "Export as code": a saved model folder written as a
 * PyTorch or Keras script, with (PyTorch) its trained weights as .npy files in PyTorch's
 * layouts and, for data that is not an IDX folder, the samples as train.csv and test.csv.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../data/dataset';
import { npyFloat32 } from '../export/npy';
import { samplesCsv } from '../export/dataCsv';
import { kerasScript } from '../export/kerasScript';
import { pytorchScript, torchLayout, type ScriptInput } from '../export/pytorchScript';
import { torchTensors } from '../export/torchWeights';
import { headFor } from '../train/taskHead';
import type { TrainConfig } from '../train/config';
import { loadModel } from './modelFiles';

export type CodeFormat = 'pytorch' | 'keras';

/** The settings the app trains with by default, for a model saved without its training record. */
const FALLBACK_CONFIG: TrainConfig = { epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: { type: 'adam' } };

export interface CodeExportResult {
  /** The files written, relative to the output folder. */
  readonly files: readonly string[];
  readonly script: string;
}

export async function exportCode(
  modelDir: string, format: CodeFormat, outDir: string, opts: { dataset?: Dataset; appVersion: string },
): Promise<CodeExportResult> {
  const { network, metadata } = await loadModel(modelDir);
  const task = opts.dataset?.task ?? metadata?.dataset?.task ?? { kind: 'classification', classNames: Array.from({ length: network.outputSize }, (_, i) => String(i)) };
  const head = headFor(task, network.inputShape, network.outputSize).kind;
  const input: ScriptInput = {
    net: network, name: metadata?.name ?? path.basename(path.resolve(modelDir)), config: metadata?.training?.config ?? FALLBACK_CONFIG,
    seed: metadata?.seed ?? 1, task, head, appVersion: opts.appVersion,
    ...(metadata?.dataset?.trainCount === undefined ? {} : { trainCount: metadata.dataset.trainCount }),
  };
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    await writeFile(path.join(out, name), data);
    files.push(name);
  };
  const script = format === 'pytorch' ? 'model.py' : 'model_keras.py';
  await write(script, format === 'pytorch' ? pytorchScript(input) : kerasScript(input));
  if (format === 'pytorch') {
    await mkdir(path.join(out, 'weights'), { recursive: true });
    for (const t of torchTensors(network, torchLayout(network).weighted)) await write(path.join('weights', `${t.key}.npy`), npyFloat32(t.values, t.shape));
  }
  // Images are read from their IDX folder; points and tables travel beside the script, as the network sees them.
  if (opts.dataset && opts.dataset.train.inputs instanceof Float32Array) {
    await write('train.csv', samplesCsv(opts.dataset, opts.dataset.train));
    await write('test.csv', samplesCsv(opts.dataset, opts.dataset.test));
  }
  return { files, script };
}
