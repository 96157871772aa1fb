/**
 * `layerwise explain` run as a user runs it (`node bin/layerwise.mjs …`): one training step
 * on one sample, with every number a script needs (issue 13).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../node/modelFiles';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');

function layerwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

interface ExplainJson {
  input: number[]; target: number[]; output: number[]; loss: number; lossName: string;
  layers: { name: string; parameters: Record<string, number[][]>; z: number[] | null; a: number[]; localDerivative: number[] | null }[];
  gradients: Record<string, number[][]>;
  update: { optimizer: { type: string }; learningRate: number; parameters: Record<string, number[][]>; lossAfter: number };
}

let tmp: string, n221: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-cli-explain-'));
  n221 = join(tmp, 'n221.json');
  await writeFile(n221, JSON.stringify({
    input_shape: [2],
    layers: [{ type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false }, { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false }],
  }));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('layerwise explain', () => {
  it('prints the 2-2-1 network of document 004 on a point as one JSON object whose gradients are the course’s formulas', async () => {
    const run = await layerwise('explain', '--arch', n221, '--data', 'xor', '--sample', '3', '--seed', '5', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as ExplainJson;
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(out.input).toHaveLength(2);
    expect(out.lossName).toBe('binary_crossentropy');
    expect(out.layers.map((l) => Object.keys(l.parameters))).toEqual([['dense_1/kernel'], ['dense_2/kernel']]);
    expect(Object.keys(out.gradients)).toEqual(['dense_1/kernel', 'dense_2/kernel']);
    const X = out.input, y = out.target[0]!, yHat = out.output[0]!, A = out.layers[0]!.a;
    const W = out.layers[0]!.parameters['dense_1/kernel']!, w = out.layers[1]!.parameters['dense_2/kernel']!;
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    // The model file's layout: kernel [in][out], so w_{i,j} (input j to unit i) is W[j][i].
    for (let i = 0; i < 2; i++) {
      expect(out.layers[0]!.z![i]).toBeCloseTo(W[0]![i]! * X[0]! + W[1]![i]! * X[1]!, 6);
      expect(A[i]).toBeCloseTo(sigma(out.layers[0]!.z![i]!), 6);
      for (let j = 0; j < 2; j++) {
        // ∂L/∂w_{i,j} = w_i · X_j · A_i(1 − A_i)(ŷ − y)
        expect(out.gradients['dense_1/kernel']![j]![i]).toBeCloseTo(w[i]![0]! * X[j]! * A[i]! * (1 - A[i]!) * (yHat - y), 6);
      }
      expect(out.gradients['dense_2/kernel']![i]![0]).toBeCloseTo((yHat - y) * A[i]!, 6);
    }
    expect(out.loss).toBeCloseTo(-(y * Math.log(yHat) + (1 - y) * Math.log(1 - yHat)), 5);
    expect(out.update.optimizer.type).toBe('sgd');
    expect(out.update.parameters['dense_2/kernel']![1]![0]).toBeCloseTo(w[1]![0]! - 0.1 * out.gradients['dense_2/kernel']![1]![0]!, 6);
    expect(out.update.lossAfter).toBeLessThan(out.loss);
    // The output layer's input gradient by path: A_i reaches the loss through the one output unit only.
    const paths = (out.layers[1] as unknown as { deltaInputPaths: number[][]; deltaInput: number[] });
    paths.deltaInputPaths.forEach((row, i) => expect(row[0]).toBeCloseTo(paths.deltaInput[i]!, 6));
  });

  it('reads a saved model’s weights with --model, and the same seed gives the same step', async () => {
    const dir = join(tmp, 'trained');
    const trained = await layerwise('train', '--arch', n221, '--data', 'xor', '--epochs', '1', '--batch-size', '32', '--seed', '3', '--out', dir);
    expect(trained.code, trained.stderr).toBe(0);
    const run = await layerwise('explain', '--model', dir, '--data', 'xor', '--set', 'test', '--sample', '0', '--loss', 'mse', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as ExplainJson;
    const { network } = await loadModel(dir);
    expect(out.layers[0]!.parameters['dense_1/kernel']!.flat()).toEqual(Array.from(network.params[0]!.value));
    expect(out.lossName).toBe('mean_squared_error');
    const again = await layerwise('explain', '--arch', n221, '--data', 'xor', '--sample', '3', '--seed', '5', '--json');
    const first = await layerwise('explain', '--arch', n221, '--data', 'xor', '--sample', '3', '--seed', '5', '--json');
    expect(again.stdout).toBe(first.stdout);
  }, 30_000);

  it('explains a step of the CNN on an MNIST image, tensors nested in their shapes', async () => {
    const run = await layerwise('explain', '--arch', 'cnn', '--data', 'mnist', '--sample', '0', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as ExplainJson & { input: number[][][]; label: number };
    expect([out.input.length, out.input[0]!.length, out.input[0]![0]!.length]).toEqual([28, 28, 1]);
    expect(out.target[out.label]).toBe(1);
    const conv = out.layers[0]! as unknown as { z: number[][][]; a: number[][][] };
    expect(conv.z.flat(2).some((v) => v < 0)).toBe(true);
    expect(conv.a.flat(2)).toEqual(conv.z.flat(2).map((v) => Math.max(v, 0)));
    const kernel = out.gradients['conv2d_1/kernel'] as unknown as number[][][][];
    expect([kernel.length, kernel[0]!.length, kernel[0]![0]!.length]).toEqual([5, 5, 1]);
  }, 30_000);

  it('writes the step for a person without --json: forward, backward, the update', async () => {
    const run = await layerwise('explain', '--arch', n221, '--data', 'xor', '--sample', '3');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^One training step of n221 on sample 3 of \d+ \(train part of xor, class [01]\)/);
    for (const part of ['Forward', 'A = σ(z)', 'Backward', 'σ′(z) = A(1 − A)', '∂L/∂dense_1/kernel', 'w ← w − α·∂L/∂w', 'after the step']) {
      expect(run.stdout).toContain(part);
    }
  });

  it('refuses a sample that does not exist, and a command line without a network', async () => {
    const far = await layerwise('explain', '--arch', n221, '--data', 'xor', '--set', 'test', '--sample', '999');
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/no sample 999 in the test part of xor: it has \d+ samples/);
    const none = await layerwise('explain', '--data', 'xor');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/either --arch .* or --model/);
  });
});
