/**
 * The exported PyTorch script run for real (/usr/bin/python3 with torch; `.ci/run` installs
 * python3-torch): a model trained by Layerwise, exported, then tested by PyTorch with the
 * exported weights must give Layerwise's own test accuracy and outputs; the training path
 * runs too. The CNN proves the layouts (Conv2d kernels, channels-first flatten before Dense).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import type { Dataset } from '../data/dataset';
import { reconstructionOf } from '../data/reconstruction';
import { lossByName } from '../losses';
import { loadDataSource } from '../node/dataSources';
import { mnistDataDir } from '../node/datasets';
import { loadModel } from '../node/modelFiles';
import { evaluate } from '../train/evaluate';
import { headFor } from '../train/taskHead';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { torchLayout } from './pytorchScript';
import { predictBatch } from '../testing/testOutputs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerwise-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function python(args: string[]): { lines: string[]; last: Record<string, number> } {
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`python3 ${args.join(' ')} failed (${run.error?.message ?? run.status}): ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return { lines, last: JSON.parse(lines.at(-1)!) as Record<string, number> };
}

/** float32 values of a .npy file numpy.save wrote (C order, little-endian '<f4'). */
async function readNpy(file: string): Promise<Float32Array> {
  const bytes = await readFile(file);
  const headerLength = bytes.readUInt16LE(8);
  expect(bytes.subarray(10, 10 + headerLength).toString('latin1')).toContain("'descr': '<f4'");
  const data = bytes.subarray(10 + headerLength);
  return new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
}

async function trainWithCli(args: string[]): Promise<void> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write; // the CLI's progress is not this test's
  try {
    expect(await main(['train', ...args, '--json'])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
}

/** Trains, exports, evaluates in PyTorch and in Layerwise; returns both results and the largest output difference. */
async function roundTrip(name: string, trainArgs: string[], data: string, dataset: Dataset, exportData?: string[]) {
  const model = join(dir, name), out = join(dir, `${name}-pytorch`);
  await trainWithCli([...trainArgs, '--data', ...(exportData ?? [data]), '--out', model]);
  expect(await main(['export', '--model', model, '--format', 'pytorch', '--out', out, '--data', ...(exportData ?? [data])])).toBe(0);
  const torch = python([join(out, 'model.py'), '--data', exportData ? out : data, '--evaluate', '--outputs', join(out, 'outputs.npy')]);
  const { network, metadata } = await loadModel(model);
  const head = headFor(dataset.task, dataset.inputShape, network.outputSize);
  const ours = evaluate(network, dataset.test, head, lossByName(metadata!.training!.config.loss ?? head.defaultLoss));
  const torchOutputs = await readNpy(join(out, 'outputs.npy'));
  const ourOutputs = predictBatch(network, dataset);
  expect(torchOutputs.length).toBe(ourOutputs.length);
  let worst = 0;
  for (let i = 0; i < ourOutputs.length; i++) worst = Math.max(worst, Math.abs(torchOutputs[i]! - ourOutputs[i]!));
  console.log(`${name}: Layerwise accuracy ${ours.measures.accuracy}, PyTorch ${torch.last.testAccuracy}, largest output difference ${worst.toExponential(2)}`);
  return { ours: ours.measures.accuracy!, torch: torch.last.testAccuracy!, worst, out, measures: ours.measures, printed: torch.last };
}

describe('the exported PyTorch script', () => {
  const mnist = mnistDataDir();
  let images: Dataset;
  beforeAll(async () => {
    images = await loadDataSource(mnist);
  });

  it('reproduces a trained MLP\'s test accuracy and outputs on MNIST with the exported weights', async () => {
    const r = await roundTrip('mlp', ['--arch', 'mlp', '--epochs', '1', '--limit', '3000'], mnist, images);
    expect(r.ours).toBeGreaterThan(0.7); // trained: a wrong layout could not agree by chance
    expect(Math.abs(r.torch - r.ours)).toBeLessThan(1e-3);
    expect(r.worst).toBeLessThan(1e-4);
    // Training again uses what Layerwise used: the first 3,000 images, the last 300 of them held out.
    const trained = python([join(r.out, 'model.py'), '--data', mnist, '--epochs', '1']);
    expect(JSON.parse(trained.lines[0]!)).toMatchObject({ epoch: 1, samples: 2700 });
    expect(trained.last.testAccuracy).toBeGreaterThan(0.5);
  }, 60_000);

  it('reproduces a trained CNN (conv, pool, flatten, dense): kernels and the flatten order permuted to PyTorch\'s', async () => {
    const r = await roundTrip('cnn', ['--arch', 'cnn', '--epochs', '1', '--limit', '3000'], mnist, images);
    expect(r.ours).toBeGreaterThan(0.6);
    expect(Math.abs(r.torch - r.ours)).toBeLessThan(1e-3);
    expect(r.worst).toBeLessThan(1e-4);
    // Without --evaluate it trains from scratch with the exported settings.
    const trained = python([join(r.out, 'model.py'), '--data', mnist, '--epochs', '1', '--limit', '600']);
    expect(trained.lines[0]).toContain('"epoch": 1');
    expect(trained.last.testAccuracy).toBeGreaterThan(0.1);
  }, 60_000);

  it('reproduces every other layer: same padding (even kernel, stride 2), batch norm on maps and after the flatten, pools, leaky ReLU, noise', async () => {
    const spec = join(dir, 'odd.json');
    await writeFile(spec, JSON.stringify({
      input_shape: [28, 28, 1],
      layers: [
        { type: 'Conv2D', filters: 4, kernel_size: 4, padding: 'same', activation: 'relu', kernel_initializer: 'he_normal' },
        { type: 'BatchNormalization' },
        { type: 'MaxPooling2D', pool_size: 3, strides: 2, padding: 'same' },
        { type: 'Conv2D', filters: 6, kernel_size: 3, strides: 2, padding: 'same', kernel_initializer: 'pytorch_uniform', bias_initializer: 'pytorch_uniform' },
        { type: 'LeakyReLU', alpha: 0.1 },
        { type: 'AveragePooling2D', pool_size: 2 },
        { type: 'Flatten' },
        { type: 'BatchNormalization' },
        { type: 'Dropout', rate: 0.1 },
        { type: 'GaussianNoise', stddev: 0.05 },
        { type: 'Dense', units: 10 },
        { type: 'Softmax' },
      ],
    }));
    const settings = ['--optimizer', 'nesterov', '--lr', '0.01', '--schedule', 'step', '--step-every', '1', '--step-factor', '0.5', '--weight-decay', '0.001'];
    const r = await roundTrip('odd', ['--arch', spec, '--epochs', '1', '--limit', '2000', ...settings], mnist, images);
    expect(Math.abs(r.torch - r.ours)).toBeLessThan(1e-3);
    expect(r.worst).toBeLessThan(1e-4);
    // Its training path: SGD with Nesterov momentum, decay on the kernels only, a step schedule.
    const script = await readFile(join(r.out, 'model.py'), 'utf8');
    expect(script).toContain('nesterov=True');
    expect(script).toContain('StepLR(optimizer, step_size=1, gamma=0.5)');
    const trained = python([join(r.out, 'model.py'), '--data', mnist, '--epochs', '2', '--limit', '300']);
    expect(trained.lines.filter((l) => l.startsWith('{"epoch"'))).toHaveLength(2);
    expect(trained.last).toHaveProperty('testAccuracy');
  }, 60_000);

  it('reproduces an autoencoder\'s test mean squared error', async () => {
    const model = join(dir, 'ae'), out = join(dir, 'ae-pytorch');
    await trainWithCli([
      '--arch', 'autoencoder', '--task', 'reconstruction', '--epochs', '1', '--limit', '1000', '--schedule', 'exponential', '--decay-steps', '10',
      '--data', mnist, '--out', model,
    ]);
    expect(await main(['export', '--model', model, '--format', 'pytorch', '--out', out])).toBe(0);
    const torch = python([join(out, 'model.py'), '--data', mnist, '--evaluate']);
    const { network } = await loadModel(model);
    const data = reconstructionOf(images);
    const ours = evaluate(network, data.test, headFor(data.task, data.inputShape, network.outputSize), lossByName('mean_squared_error'));
    console.log(`autoencoder: Layerwise test MSE ${ours.measures.mse}, PyTorch ${torch.last.testMse}`);
    expect(Math.abs(torch.last.testMse! - ours.measures.mse!)).toBeLessThan(1e-6);
    // Training it again: the inputs are the targets, the learning rate decays after every batch.
    expect(await readFile(join(out, 'model.py'), 'utf8')).toContain('LambdaLR(optimizer, lambda step: 0.9 ** (step / 10))');
    const trained = python([join(out, 'model.py'), '--data', mnist, '--epochs', '1', '--limit', '200']);
    expect(trained.last.testMse).toBeGreaterThan(0);
  }, 60_000);

  it('reproduces a 2-D points model from the CSV written beside it, and trains from it', async () => {
    const source = ['circles', '--points', '400'];
    const points = await loadDataSource('circles', { points: 400 });
    const r = await roundTrip('plane', ['--arch', 'plane', '--epochs', '20', '--batch-size', '16', '--optimizer', 'adam', '--lr', '0.02'], 'circles', points, source);
    expect(r.ours).toBeGreaterThan(0.6);
    expect(Math.abs(r.torch - r.ours)).toBeLessThan(1e-3);
    expect(r.worst).toBeLessThan(1e-4);
    const trained = python([join(r.out, 'model.py'), '--epochs', '2']);
    expect(trained.last.testAccuracy).toBeGreaterThan(0);
  }, 60_000);

  it('reproduces a one-sigmoid binary classifier and a regression on points', async () => {
    const binary = join(dir, 'binary.json'), regression = join(dir, 'regression.json');
    await writeFile(binary, JSON.stringify({ input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 1, activation: 'sigmoid' }] }));
    await writeFile(regression, JSON.stringify({ input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 1 }] }));
    const circles = await loadDataSource('circles');
    const b = await roundTrip('binary', ['--arch', binary, '--epochs', '20', '--batch-size', '16', '--lr', '0.02'], 'circles', circles, ['circles']);
    expect(b.ours).toBeGreaterThan(0.6);
    expect(Math.abs(b.torch - b.ours)).toBeLessThan(1e-3);
    expect(b.worst).toBeLessThan(1e-4);

    const model = join(dir, 'regression'), out = join(dir, 'regression-pytorch');
    await trainWithCli(['--arch', regression, '--data', 'surface', '--epochs', '5', '--out', model]);
    expect(await main(['export', '--model', model, '--format', 'pytorch', '--data', 'surface', '--out', out])).toBe(0);
    const torch = python([join(out, 'model.py'), '--evaluate']);
    const surface = await loadDataSource('surface');
    const { network } = await loadModel(model);
    const ours = evaluate(network, surface.test, headFor(surface.task, surface.inputShape, network.outputSize), lossByName('mean_squared_error'));
    console.log(`regression: Layerwise test MSE ${ours.measures.loss}, MAE ${ours.measures.mae}; PyTorch ${torch.last.testMse}, ${torch.last.testMae}`);
    expect(Math.abs(torch.last.testMse! - ours.measures.loss)).toBeLessThan(1e-6);
    expect(Math.abs(torch.last.testMae! - ours.measures.mae!)).toBeLessThan(1e-6);
  }, 60_000);

  it('refuses a reshape PyTorch would read in another order, naming the layer', () => {
    const net = Network.fromSpec({
      input_shape: [2],
      layers: [{ type: 'Dense', units: 48 }, { type: 'Reshape', target_shape: [4, 4, 3] }, { type: 'Flatten' }, { type: 'Dense', units: 2, activation: 'softmax' }],
    }, new Rng(1), { numClasses: null });
    expect(() => torchLayout(net)).toThrow(/reshape_1 cannot be written for PyTorch/);
  });
});
