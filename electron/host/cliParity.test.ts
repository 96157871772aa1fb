/**
 * A model trained in the app and one trained with `layerwise train`, from the same
 * settings and seed, are the same model: the host (real worker thread) and the CLI (the
 * real command, as a child process) both map the settings with the engine's
 * `trainConfigFromSettings`. The settings are all off their defaults, so that any one the
 * CLI read differently, or any rule the host applies and the CLI does not (the limit's
 * cap on validation images), changes the weights.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../engine';
import { loadModel } from '../../engine/node';
import type { ModelSummary } from '../ipc/contract';
import { hyperparams, makeTestHost, MLP, type TestHost } from './hostTestKit';
import { modelFolder } from './modelNames';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'layerwise.mjs');

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

function layerwise(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The MLP preset as the editor sends it after the student picked He-normal for its two Dense layers. */
const mlpHeNormal: NetworkSpec = {
  ...MLP,
  layers: MLP.layers.map((l) => (l.type === 'Dense' ? { ...l, kernel_initializer: 'he_normal' } : l)),
};

const LIMIT = 600;
// 200 asked; with the limit at most a tenth of 600 is held out: 60.
const settings = hyperparams({
  epochs: 2, batchSize: 25, learningRate: 0.2, optimizer: 'nesterov', schedule: { type: 'step', every: 1, factor: 0.5 },
  weightDecay: 0.002, loss: 'mean_squared_error', validationSize: 200, seed: 1234,
});
const cliArgs = [
  'train', '--arch', 'mlp', '--init', 'he_normal', '--limit', String(LIMIT), '--epochs', '2', '--batch-size', '25', '--lr', '0.2',
  '--optimizer', 'nesterov', '--schedule', 'step', '--step-every', '1', '--step-factor', '0.5', '--weight-decay', '0.002',
  '--loss', 'mean_squared_error', '--validation-size', '200', '--seed', '1234',
];

async function trainInTheApp(name: string): Promise<string> {
  const log = t.events('parity');
  await t.ok('train:start', { spec: mlpHeNormal, hyperparams: settings, dataset: { source: { kind: 'bundled' }, limit: LIMIT } }, 'parity');
  const done = await log.next(['completed', 'failed', 'stopped']);
  expect(done.type).toBe('completed');
  const saved = await t.ok<ModelSummary>('models:save', { name, overwrite: false }, 'parity');
  return modelFolder(t.modelsDir, saved.id);
}

describe('the CLI and the app', () => {
  it('train bit-identical weights from the same settings and seed', async () => {
    const appDir = await trainInTheApp('Parity');
    const cliDir = path.join(t.dir, 'cli-model');
    const run = await layerwise([...cliArgs, '--out', cliDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('540 training, 60 validation, 600 test images (validation capped at a tenth of --limit 600, as in the app)');

    const [appWeights, cliWeights] = await Promise.all([readFile(path.join(appDir, 'weights.bin')), readFile(path.join(cliDir, 'weights.bin'))]);
    expect(cliWeights.length).toBe(101_770 * 4);
    expect(cliWeights.equals(appWeights)).toBe(true);

    // The same config is recorded, so either can open the other's model with the same settings.
    const [app, cli] = await Promise.all([loadModel(appDir), loadModel(cliDir)]);
    expect(cli.metadata?.training?.config).toEqual(app.metadata?.training?.config);
    expect(cli.metadata?.training?.config).toMatchObject({
      optimizer: { type: 'sgd', momentum: 0.9, nesterov: true, weight_decay: 0.002 }, validationSize: 60, loss: 'mean_squared_error',
    });
    expect(cli.spec).toEqual(app.spec);
    expect(cli.metadata?.training?.history.map((h) => h.running.loss)).toEqual(app.metadata?.training?.history.map((h) => h.running.loss));
  }, 120_000);

  it('differ when one setting differs (the comparison can tell)', async () => {
    const appDir = await trainInTheApp('Parity, He');
    const cliDir = path.join(t.dir, 'cli-model-glorot');
    // Everything the same but the initializer: the CLI's default glorot_uniform.
    const run = await layerwise([...cliArgs.filter((a, i) => a !== '--init' && cliArgs[i - 1] !== '--init'), '--out', cliDir]);
    expect(run.code).toBe(0);
    const [appWeights, cliWeights] = await Promise.all([readFile(path.join(appDir, 'weights.bin')), readFile(path.join(cliDir, 'weights.bin'))]);
    expect(cliWeights.length).toBe(appWeights.length);
    expect(cliWeights.equals(appWeights)).toBe(false);
  }, 120_000);
});
