/**
 * The CLI on the course's other half: networks on points of the plane and on small
 * tables (documents 000, 003, 004), run as a user runs it (`node bin/layerwise.mjs …`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaceValue } from '../data/toy/generators';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');

function layerwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}
const lastJson = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;

let tmp: string;
const spec = async (name: string, layers: object[]) => {
  const file = join(tmp, `${name}.json`);
  await writeFile(file, JSON.stringify({ input_shape: [2], layers }));
  return file;
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-cli-plane-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('layerwise on the plane', () => {
  it('counts the parameters of document 004\'s 2-2-1 (9) and 2-5-3 (33) networks', async () => {
    const n221 = await spec('n221', [{ type: 'Dense', units: 2, activation: 'sigmoid' }, { type: 'Dense', units: 1, activation: 'sigmoid' }]);
    const n253 = await spec('n253', [{ type: 'Dense', units: 5, activation: 'sigmoid' }, { type: 'Dense', units: 3, activation: 'softmax' }]);
    expect((await layerwise('summary', '--arch', n221)).stdout).toContain('Total params: 9 ');
    expect((await layerwise('summary', '--arch', n253)).stdout).toContain('Total params: 33 ');
    // Checked against data with 2 classes, the 3-output network is refused with the fix.
    const wrong = await layerwise('summary', '--arch', n253, '--data', 'xor');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/3 values but there are 2 classes/);
  });

  it('learns circles with one hidden tanh layer of 8 units, and a linear model on them stays at chance', async () => {
    const hidden = await spec('hidden', [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }]);
    const linear = await spec('linear', [{ type: 'Dense', units: 2, activation: 'softmax' }]);
    const common = ['--data', 'circles', '--points', '1000', '--batch-size', '10', '--lr', '0.01', '--json'];
    const good = lastJson((await layerwise('train', '--arch', hidden, ...common, '--epochs', '40', '--out', join(tmp, 'h'))).stdout);
    expect(good).toMatchObject({ type: 'summary', status: 'completed', task: 'classification' });
    expect(good.testAccuracy as number).toBeGreaterThanOrEqual(0.97);
    const flat = lastJson((await layerwise('train', '--arch', linear, ...common, '--epochs', '20', '--out', join(tmp, 'l'))).stdout);
    expect(flat.testAccuracy as number).toBeLessThan(0.65);
  }, 60_000);

  it('fits the regression surface to R² ≥ 0.95 and reports MAE and R²', async () => {
    const net = await spec('surface', [
      { type: 'Dense', units: 16, activation: 'tanh' }, { type: 'Dense', units: 16, activation: 'tanh' }, { type: 'Dense', units: 1 },
    ]);
    const r = lastJson((await layerwise('train', '--arch', net, '--data', 'surface', '--points', '1000', '--batch-size', '10',
      '--lr', '0.005', '--epochs', '150', '--json', '--out', join(tmp, 's'))).stdout);
    expect(r).toMatchObject({ task: 'regression', testAccuracy: null });
    expect(r.testR2 as number).toBeGreaterThanOrEqual(0.95);
    expect(r.testMae as number).toBeLessThan(0.1);
    // predict --data: one JSON line per row with the predicted value, close to the surface there.
    await writeFile(join(tmp, 'where.csv'), 'x1,x2\n0,0\n1,-0.5\n');
    const lines = (await layerwise('predict', '--model', join(tmp, 's'), '--data', join(tmp, 'where.csv'), '--json')).stdout.trim().split('\n')
      .map((l) => JSON.parse(l) as { index: number; values: number[] });
    expect(lines.map((l) => l.index)).toEqual([0, 1]);
    expect(lines[0]!.values[0]).toBeCloseTo(surfaceValue(0, 0), 0);
    expect(lines[1]!.values[0]).toBeCloseTo(surfaceValue(1, -0.5), 0);
  }, 60_000);

  it('trains a CSV of a French spreadsheet with a separate test file, and evaluates the model on it', async () => {
    // Two classes on either side of x1 + x2 = 1, written with decimal commas, semicolons and quoted names.
    const rows = (n: number, seed: number) => Array.from({ length: n }, (_, i) => {
      const x1 = ((i * 37 + seed) % 100) / 50, x2 = ((i * 61 + seed * 7) % 100) / 50;
      return `${String(x1).replace('.', ',')};${String(x2).replace('.', ',')};"${x1 + x2 > 2 ? 'haut' : 'bas'}"`;
    });
    const train = join(tmp, 'train.csv'), test = join(tmp, 'test.csv');
    await writeFile(train, ['x1;x2;"classe"', ...rows(200, 1)].join('\n'));
    await writeFile(test, ['x1;x2;"classe"', ...rows(50, 3)].join('\n'));
    const net = await spec('table', [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }]);
    const r = lastJson((await layerwise('train', '--arch', net, '--data', train, '--test', test, '--batch-size', '10', '--lr', '0.01',
      '--epochs', '60', '--json', '--out', join(tmp, 't'))).stdout);
    expect(r.status).toBe('completed');
    expect(r.testAccuracy as number).toBeGreaterThanOrEqual(0.9);
    const e = lastJson((await layerwise('evaluate', '--model', join(tmp, 't'), '--data', train, '--test', test, '--json')).stdout);
    expect(e).toMatchObject({ type: 'evaluation', task: 'classification', count: 50 });
    // predict --data names each row's class as the file did (its label column is left out).
    const rowsOut = (await layerwise('predict', '--model', join(tmp, 't'), '--data', test, '--json', '--limit', '3')).stdout.trim().split('\n')
      .map((l) => JSON.parse(l) as { class: string; probs: number[] });
    expect(rowsOut).toHaveLength(3);
    for (const row of rowsOut) {
      expect(['haut', 'bas']).toContain(row.class);
      expect(row.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    // A bad cell is named by line and column.
    await writeFile(join(tmp, 'bad.csv'), ['x1;x2;classe', '1;2;a', '3;deux;b', '4;5;a'].join('\n'));
    const bad = await layerwise('train', '--arch', net, '--data', join(tmp, 'bad.csv'), '--out', join(tmp, 'b'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toBe('layerwise: Line 3, column “x2”: “deux” is not a number.');
  }, 60_000);
});
