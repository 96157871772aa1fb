/**
 * The autoencoder lessons on the command line, run as a user runs them: `train --task
 * reconstruction` with corrupted inputs, then `codes` on the saved model.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistDataDir } from '../node/datasets';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');

function layerwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LAYERWISE_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}
const lastJson = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;

let tmp: string;
let model: string;
let summary: Record<string, unknown>;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-ae-'));
  model = join(tmp, 'ae');
  const r = await layerwise('train', '--arch', 'autoencoder2d', '--task', 'reconstruction', '--loss', 'bce', '--noise', '0.2', '--mask', '0.1',
    '--epochs', '1', '--limit', '600', '--seed', '3', '--json', '--out', model);
  expect(r.code, r.stderr).toBe(0);
  summary = lastJson(r.stdout);
}, 120_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('layerwise train --task reconstruction', () => {
  it('trains an autoencoder and ends with testLoss and testMse; the file keeps the code layer and the corruption', () => {
    expect(summary).toMatchObject({ type: 'summary', status: 'completed', task: 'reconstruction', testAccuracy: null });
    expect(summary.testLoss).toEqual(expect.any(Number));
    expect(summary.testMse as number).toBeGreaterThan(0);
    expect(summary.testMse as number).toBeLessThan(0.3);
    const meta = (JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')) as { userDefinedMetadata: { layerwise: Record<string, any> } }).userDefinedMetadata.layerwise;
    expect(meta.codeLayer).toBe('code');
    expect(meta.training.config).toMatchObject({ loss: 'binary_crossentropy', corruption: { noise: 0.2, mask: 0.1 } });
    expect(meta.dataset.task).toEqual({ kind: 'reconstruction' });
  });

  it('refuses corruption without --task reconstruction, and a threshold that binarises nothing', async () => {
    const r = await layerwise('train', '--arch', 'mlp', '--mask', '0.2', '--out', join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mask corrupts the inputs of an autoencoder: it needs --task reconstruction/);
    const plain = await layerwise('train', '--arch', 'autoencoder-2d', '--limit', '100', '--out', join(tmp, 'z'));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/autoencoder2d gives back an image of its input's shape \(28×28×1\): to train it as an autoencoder, add --task reconstruction/);
    const t = await layerwise('train', '--arch', 'autoencoder', '--task', 'reconstruction', '--binarize', '1', '--limit', '100', '--out', join(tmp, 'y'));
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/binarisation threshold must be a number between 0 and 1/);
    expect(existsSync(join(tmp, 'y'))).toBe(false);
  });
});

describe('evaluate and predict on an autoencoder', () => {
  it('evaluate measures the reconstruction (the task the model file records); predict says what to use instead', async () => {
    const r = await layerwise('evaluate', '--model', model, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = lastJson(r.stdout);
    expect(out).toMatchObject({ type: 'evaluation', task: 'reconstruction', count: 10_000 });
    expect(out.accuracy).toBeUndefined();
    // The whole test set, of which training measured the first 600: the same error, give or take.
    expect(Math.abs((out.mse as number) - (summary.testMse as number))).toBeLessThan(0.01);
    const p = await layerwise('predict', '--model', model, '--images', join(mnistDataDir(), 't10k-images-idx3-ubyte'), '--limit', '1');
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/reconstructs images \(an autoencoder\) rather than predicting classes/);
  });
});

describe('layerwise summary --task reconstruction', () => {
  it('checks a network as an autoencoder: the presets pass, an encoder alone is told how to end', async () => {
    const ok = await layerwise('summary', '--arch', 'autoencoder', '--task', 'reconstruction');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Total params: 159,794/);
    const encoder = await layerwise('summary', '--arch', 'mlp', '--task', 'reconstruction');
    expect(encoder.code).toBe(1);
    expect(encoder.stderr).toMatch(/must end with the input’s shape, 28×28×1, but it ends with 10\. Add a Dense layer of 784 sigmoid units, then a Reshape to 28×28×1/);
  });
});

describe('layerwise codes', () => {
  it('prints the k-means purity of the codes and of the raw inputs, and writes a 2-D picture', async () => {
    const csv = join(tmp, 'points.csv');
    const r = await layerwise('codes', '--model', model, '--limit', '300', '--k', '4', '--restarts', '2', '--method', 'pca', '--out', csv, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = lastJson(r.stdout);
    expect(out).toMatchObject({ type: 'codes', layer: 'code', layerIndex: 2, dim: 2, count: 300, k: 4, restarts: 2 });
    for (const key of ['purity', 'pixelPurity'] as const) {
      expect(out[key] as number).toBeGreaterThan(0.1);
      expect(out[key] as number).toBeLessThanOrEqual(1);
    }
    const table = out.table as number[][];
    expect(table).toHaveLength(4);
    expect(table.flat().reduce((a, b) => a + b, 0)).toBe(300);
    // Purity is the table's row maxima over the samples.
    expect(out.purity).toBeCloseTo(table.reduce((s, row) => s + Math.max(...row), 0) / 300, 4);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('index,x,y,label,cluster');
    expect(lines).toHaveLength(301);
  });

  it('takes any layer by number or name, and says which exist when one does not', async () => {
    const r = await layerwise('codes', '--model', model, '--layer', '2', '--limit', '50', '--k', '3', '--restarts', '1', '--codes-only');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/at layer 2 \(dense_1\): 128 numbers each/);
    expect(r.stdout).toMatch(/Purity of the clusters of the codes: +0\.\d{3}/);
    expect(r.stdout).not.toMatch(/raw inputs/);
    const bad = await layerwise('codes', '--model', model, '--layer', 'waist');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--layer waist: no such layer; give a name \(flatten_1, dense_1, code/);
  });

  it('answers as embed too (the issue\'s name), with --kmeans for --k, a t-SNE picture and its own help in errors', async () => {
    const csv = join(tmp, 'tsne.csv');
    const r = await layerwise('embed', '--model', model, '--limit', '120', '--kmeans', '3', '--restarts', '1', '--method', 'tsne', '--codes-only', '--out', csv, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ type: 'codes', k: 3, count: 120 });
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(121);
    const both = await layerwise('embed', '--model', model, '--k', '3', '--kmeans', '4');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--k and --kmeans are the same setting/);
    expect(both.stderr).toMatch(/layerwise embed --help/);
  });
});
