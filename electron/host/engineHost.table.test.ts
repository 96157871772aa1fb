/**
 * Tables (CSV files) through the host with real worker threads: a file picked in the
 * (scripted) native dialog or sent by the page, described and trained on with the columns
 * chosen, a second file as its test part, and what is refused: a bad row (line and column),
 * a link, a pipe, a file too big, a token the host never gave.
 */
import { execFileSync } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvFile, CsvSource, DatasetInfo, TrainEvent } from '../ipc/contract';
import { buildDataset, tableSourceOf } from '../ipc/builtDatasets';
import { formatMessage } from '../../engine';
import { hyperparams, makeTestHost, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

/** A French spreadsheet: the class is "haut" above the line x₁ + x₂ = 1, else "bas"; a note column the network must not read. */
function sheet(n: number, seed: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const x1 = ((i * 37 + seed) % 100) / 50, x2 = ((i * 61 + seed * 7) % 100) / 50;
    return `"${x1 + x2 > 2 ? 'haut' : 'bas'}";${String(x1).replace('.', ',')};note ${i};${String(x2).replace('.', ',')}`;
  });
  return ['classe;x1;remarque;x2', ...rows].join('\r\n');
}

const choice = (file: CsvFile, over: Record<string, unknown> = {}) => ({
  source: { kind: 'csv', token: file.token, testToken: null, delimiter: ';', label: 0, features: [1, 3], task: 'classification', seed: 1, testShare: 0.2, ...over },
  limit: null,
});

describe('a table through the host', () => {
  it('reads a picked file, describes the chosen columns and trains on them (2 features: plane frames too)', async () => {
    await writeFile(path.join(t.dir, 'notes.csv'), sheet(200, 1));
    t.dialogs.tableFile = path.join(t.dir, 'notes.csv');
    const file = await t.ok<CsvFile>('datasets:pickCsv');
    expect(file.name).toBe('notes.csv');
    expect(file.text).toBe(sheet(200, 1));
    const info = await t.ok<DatasetInfo>('datasets:describe', choice(file));
    expect(info).toMatchObject({ name: 'notes.csv', trainCount: 160, testCount: 40, inputShape: [2], classNames: ['bas', 'haut'] });
    expect(formatMessage(info.title!, 'fr')).toBe('Tableau notes.csv');
    expect(info.bounds).toBeDefined();

    const log = t.events('table');
    await t.ok('train:start', {
      spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] },
      hyperparams: hyperparams({ epochs: 40, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0 }),
      dataset: choice(file), planeView: { resolution: 16, unitResolution: 8, everyMs: 30 },
    }, 'table');
    const done = await log.next(['completed', 'failed', 'stopped'], 120_000) as Extract<TrainEvent, { type: 'completed' }>;
    expect(done.type).toBe('completed');
    expect(done.test!.measures.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(log.of('plane').length).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it('takes the test part from a second file, and three columns make a 3-input table', async () => {
    const train = await t.ok<CsvFile>('datasets:uploadCsv', { name: 'train.csv', text: sheet(50, 1) });
    const test = await t.ok<CsvFile>('datasets:uploadCsv', { name: 'C:\\élèves\\test.csv', text: sheet(12, 3) });
    expect(test.name).toBe('test.csv');
    expect(await t.ok<DatasetInfo>('datasets:describe', choice(train, { testToken: test.token }))).toMatchObject({ trainCount: 50, testCount: 12 });
    const x1Only = await t.ok<DatasetInfo>('datasets:describe', choice(train, { label: 3, features: [1], task: 'regression' }));
    expect(x1Only).toMatchObject({ inputShape: [1], classNames: null });
    expect(x1Only.bounds).toBeUndefined();
  });

  it('trains on more features with the usual results: a 3-class confusion matrix, or values with MAE and R²', async () => {
    // Three columns of numbers; the class is which of them is largest, the value their sum.
    const rows = Array.from({ length: 150 }, (_, i) => {
      const v = [((i * 37) % 100) / 100, ((i * 61 + 13) % 100) / 100, ((i * 23 + 47) % 100) / 100];
      const top = ['un', 'deux', 'trois'][v.indexOf(Math.max(...v))]!;
      return `${v.map((x) => String(x).replace('.', ',')).join(';')};${top};${String(v[0]! + v[1]! + v[2]!).replace('.', ',')}`;
    });
    const file = await t.ok<CsvFile>('datasets:uploadCsv', { name: 'trois.csv', text: ['a;b;c;classe;somme', ...rows].join('\n') });
    const source = { kind: 'csv', token: file.token, testToken: null, delimiter: ';', label: 3, features: [0, 1, 2], task: 'classification', seed: 2, testShare: 0.2 };
    expect(await t.ok<DatasetInfo>('datasets:describe', { source, limit: null })).toMatchObject({ inputShape: [3], classNames: [...new Set(rows.map((r) => r.split(';')[3]))] });
    const log = t.events('three');
    await t.ok('train:start', {
      spec: { input_shape: [3], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 3, activation: 'softmax' }] },
      hyperparams: hyperparams({ epochs: 5, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0 }),
      dataset: { source, limit: null },
    }, 'three');
    const done = await log.next(['completed', 'failed', 'stopped'], 120_000) as Extract<TrainEvent, { type: 'completed' }>;
    expect(done.type).toBe('completed');
    expect(done.test!.confusion).toHaveLength(3);
    expect(done.test!.count).toBe(30);
    // Each test row's prediction, in order, for the renderer to list beside the row's numbers.
    const samples = done.test!.samples!;
    expect(samples.predicted).toHaveLength(30);
    expect(samples.confidence).toHaveLength(30);
    // The same table built here gives the same test rows, whose labels and these predictions make the matrix sent.
    const test = buildDataset(tableSourceOf(source as CsvSource, file, null)).test;
    const counted = [0, 1, 2].map(() => [0, 0, 0]);
    samples.predicted.forEach((k, i) => counted[test.labels![i]!]![k]!++);
    expect(counted).toEqual(done.test!.confusion);
    // Five short epochs leave mistakes (deterministic from the seeds): the matrix counts them, and so does the result.
    expect(labelsWrong(counted)).toBeGreaterThan(0);
    expect(done.test!.misclassifiedCount).toBe(labelsWrong(counted));
    for (const c of samples.confidence) expect(c).toBeGreaterThanOrEqual(1 / 3 - 1e-4);
    expect(log.of('plane')).toEqual([]);

    const values = t.events('values');
    await t.ok('train:start', {
      spec: { input_shape: [3], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 1 }] },
      hyperparams: hyperparams({ epochs: 5, batchSize: 10, optimizer: 'adam', learningRate: 0.02, validationSize: 0, loss: 'mean_squared_error' }),
      dataset: { source: { ...source, label: 4, task: 'regression' }, limit: null },
    }, 'values');
    const fitted = await values.next(['completed', 'failed', 'stopped'], 120_000) as Extract<TrainEvent, { type: 'completed' }>;
    expect(fitted.type).toBe('completed');
    expect(Object.keys(fitted.test!.measures).sort()).toEqual(['loss', 'mae', 'r2']);
    expect(fitted.test!.confusion).toBeNull();
    expect(fitted.test!.samples).toBeUndefined();
  }, 150_000);

  it('names the line and column of a bad row, in French', async () => {
    const bad = await t.ok<CsvFile>('datasets:uploadCsv', { name: 'bad.csv', text: sheet(10, 1).replace('note 4;', 'note 4;deux') });
    const e = await t.err('datasets:describe', choice(bad));
    expect(formatMessage(e.detail!, 'fr')).toMatch(/^Ligne 6, colonne « x2 » : « deux[\d,]+ » n’est pas un nombre\.$/);
  });

  it('refuses a link, a pipe, and a token it never gave', { timeout: 20_000 }, async () => {
    await symlink(path.join(t.dir, 'notes.csv'), path.join(t.dir, 'link.csv'));
    t.dialogs.tableFile = path.join(t.dir, 'link.csv');
    expect(formatMessage((await t.err('datasets:pickCsv')).detail!)).toBe('link.csv is a link to another file; choose the file itself.');
    execFileSync('mkfifo', [path.join(t.dir, 'pipe.csv')]);
    t.dialogs.tableFile = path.join(t.dir, 'pipe.csv');
    expect(formatMessage((await t.err('datasets:pickCsv')).detail!)).toMatch(/^pipe\.csv is not a regular file/);
    t.dialogs.tableFile = null;
    expect(await t.ok('datasets:pickCsv')).toBeNull();
    const e = await t.err('datasets:describe', choice({ token: 'f'.repeat(32), name: 'x', text: '' }));
    expect(e.code).toBe('not-found');
  });

  it('refuses a sent text over the size cap', async () => {
    // Within the schema's characters, over the host's bytes: 'é' is two bytes in UTF-8.
    const e = await t.err('datasets:uploadCsv', { name: 'big.csv', text: 'é'.repeat(33_600_000) });
    expect(e.message).toMatch(/^big\.csv is 65 MB; Layerwise reads tables of at most 64 MB/);
  });

  it('saves a table where the save dialog says', async () => {
    t.dialogs.tableSavePath = path.join(t.dir, 'mes points.csv');
    expect(await t.ok('datasets:saveCsv', { name: 'points', text: 'x1,x2,label\n0,0,1\n' })).toEqual({ path: path.join(t.dir, 'mes points.csv') });
    expect(await readFile(path.join(t.dir, 'mes points.csv'), 'utf8')).toBe('x1,x2,label\n0,0,1\n');
    t.dialogs.tableSavePath = null;
    expect(await t.ok('datasets:saveCsv', { name: 'points', text: 'x' })).toBeNull();
  });
});

const labelsWrong = (m: number[][]) => m.reduce((sum, row, r) => sum + row.reduce((a, n, c) => a + (r === c ? 0 : n), 0), 0);
