/**
 * `layerwise runs list|show|report`, run as a user runs it, on a runs folder written as the
 * app writes it: a damaged record listed with its reason, a report written in French.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curveRows } from '../report/reportTables';
import { toCsv } from '../report/csv';
import { serializeRunRecord } from '../runs/runRecord';
import { sampleRunRecord } from '../testing/runRecords';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');
const layerwise = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
  execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' } }, (err, stdout, stderr) =>
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
});

const TANH = sampleRunRecord({ name: 'tanh <b>', notes: 'Smooth boundary.' });
const RELU = sampleRunRecord({ id: '20261207-042000-0000000b', startedAt: '2026-12-07T04:20:00.000Z', name: 'relu', starred: true,
  spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'relu' }, { type: 'Dense', units: 2, activation: 'softmax' }] } });
const DAMAGED = '20261207-043000-0000000c';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerwise-cli-runs-'));
  await writeFile(join(dir, `${TANH.id}.json`), serializeRunRecord(TANH));
  await writeFile(join(dir, `${RELU.id}.json`), serializeRunRecord(RELU));
  await writeFile(join(dir, `${DAMAGED}.json`), '{"format":"layerwise-run"');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('layerwise runs', () => {
  it('lists the runs newest first, a damaged one with its reason', async () => {
    const r = await layerwise('runs', 'list', '--dir', dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${DAMAGED}  damaged: The run file ${DAMAGED}\\.json `));
    expect(lines[1]).toBe(`${RELU.id}  ★ relu  completed  test accuracy 0.875, loss 0.38`);
    expect(lines[2]).toMatch(/^20261207-041500-0a1b2c3d  tanh <b>  completed/);
    const json = (await layerwise('runs', 'list', '--dir', dir, '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(json[2]).toMatchObject({ id: TANH.id, name: 'tanh <b>', params: 42, epochs: 2, final: { on: 'test', accuracy: 0.875 }, notes: 'Smooth boundary.' });
  });

  it('shows a run with its network summary, and the whole record in JSON', async () => {
    const r = await layerwise('runs', 'show', '--dir', dir, '--id', TANH.id);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' dense_1 (Dense)             (None, 8)                    24');
    expect(r.stdout).toContain('Notes: Smooth boundary.');
    expect(JSON.parse((await layerwise('runs', 'show', '--dir', dir, '--id', TANH.id, '--json')).stdout)).toEqual(JSON.parse(serializeRunRecord(TANH)));
  });

  it('writes the lab report of a run in French, and of a comparison', async () => {
    const out = join(dir, 'rapport.html');
    const r = await layerwise('runs', 'report', '--dir', dir, '--id', TANH.id, '--out', out, '--lang', 'fr');
    expect(r.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<title>Compte rendu de TP : tanh &lt;b&gt;</title>');
    expect(html).toContain('<div class="notes">Smooth boundary.</div>');
    const both = join(dir, 'both.html');
    expect((await layerwise('runs', 'report', '--dir', dir, '--id', TANH.id, '--id', RELU.id, '--out', both)).code).toBe(0);
    expect(await readFile(both, 'utf8')).toMatch(/<table class="differs">.*layer 1: activation.*<td>tanh<\/td><td>relu<\/td>/s);
  });

  it('exports the curves as CSV: one run as the app’s button writes it (French: ; and decimal commas), several as one long table', async () => {
    const out = join(dir, 'courbes.csv');
    const r = await layerwise('runs', 'export', '--dir', dir, '--id', TANH.id, '--out', out, '--lang', 'fr');
    expect(r.code, r.stderr).toBe(0);
    const csv = await readFile(out, 'utf8');
    const expected = toCsv(curveRows(TANH.history), 'fr');
    expect(csv).toBe(`\ufeff${expected}`);
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeffepoch;seconds;running_loss/);
    expect(csv.split('\r\n')).toHaveLength(TANH.history.length + 2);
    const both = join(dir, 'both.csv');
    const j = await layerwise('runs', 'export', '--dir', dir, '--id', TANH.id, '--id', RELU.id, '--out', both, '--json');
    expect(JSON.parse(j.stdout.trim())).toMatchObject({ runs: [TANH.id, RELU.id], lang: 'en', rows: TANH.history.length + RELU.history.length });
    const lines = (await readFile(both, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\ufeffrun,epoch,seconds,running_loss/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...TANH.history.map(() => 'tanh <b>'), ...RELU.history.map(() => 'relu')]);
  });

  it('says what is wrong in one line: no such run, a damaged one, a bad id, no action', async () => {
    const missing = await layerwise('runs', 'show', '--dir', dir, '--id', '20261207-050000-0000000d');
    expect([missing.code, missing.stderr.trim()]).toEqual([1, `layerwise: no run 20261207-050000-0000000d in ${dir}`]);
    const damaged = await layerwise('runs', 'report', '--dir', dir, '--id', DAMAGED, '--out', join(dir, 'x.html'));
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^layerwise: The run file 20261207-043000-0000000c\.json /);
    expect((await layerwise('runs', 'show', '--dir', dir, '--id', '../x')).code).toBe(2);
    expect((await layerwise('runs')).code).toBe(2);
    const nowhere = await layerwise('runs', 'list', '--dir', join(dir, 'none'));
    expect(nowhere.stderr).toMatch(/^layerwise: no run history at /);
  });
});
