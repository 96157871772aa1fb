/**
 * The real `layerwise` command, run as a child process exactly as a user runs it
 * (`node bin/layerwise.mjs …`): output format, exit codes, and that every failure is
 * one line on stderr without a stack trace.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx, parseImages, parseLabels } from '../data/idx';
import { mnistDataDir } from '../node/datasets';
import { readIdxFile } from '../node/idxFile';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'layerwise.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function layerwise(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {
      cwd: ROOT, maxBuffer: 64 * 1024 * 1024,
      // Stack traces must not appear by default; make sure the test does not inherit the switch.
      env: { ...process.env, LAYERWISE_DEBUG: '' },
    }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A failure is exactly one line on stderr, prefixed, with no stack frame anywhere. */
function expectOneLineError(r: Run, code?: number): string {
  expect(r.code).not.toBe(0);
  if (code !== undefined) expect(r.code).toBe(code);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^layerwise: \S/);
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

let tmp: string;
let model: string;
let trainRun: Run;
/** The first test images of MNIST and their labels, written as a small IDX file. */
let imagesFile: string;
let labels: Uint8Array;
const IMAGES = 6;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-cli-'));
  model = join(tmp, 'model');
  const test = parseImages(await readIdxFile(join(mnistDataDir(), 't10k-images-idx3-ubyte')));
  labels = parseLabels(await readIdxFile(join(mnistDataDir(), 't10k-labels-idx1-ubyte'))).slice(0, IMAGES);
  imagesFile = join(tmp, 'digits-idx3-ubyte');
  await writeFile(imagesFile, encodeIdx([IMAGES, 28, 28], test.images.slice(0, IMAGES * 784)));
  // Trained once here; evaluate and predict below use this model.
  trainRun = await layerwise('train', '--arch', 'mlp', '--epochs', '1', '--limit', '2000', '--json', '--out', model);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('layerwise summary', () => {
  it('prints the MLP table with its parameter total', async () => {
    const r = await layerwise('summary', '--arch', 'mlp');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ Layer \(type\) +Output Shape +Param #$/m);
    expect(r.stdout).toMatch(/dense_1 \(Dense\) +\(None, 128\) +100,480/);
    expect(r.stdout).toContain('Total params: 101,770');
    expect(r.stderr).toBe('');
  });

  it('prints the CNN table with its parameter total', async () => {
    const r = await layerwise('summary', '--arch', 'cnn');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/conv2d_2 \(Conv2D\) +\(None, 8, 8, 16\) +3,216/);
    expect(r.stdout).toContain('Total params: 5,994');
  });

  it('lists every problem of an invalid spec file, one per line, and exits 1', async () => {
    const file = join(tmp, 'bad-spec.json');
    await writeFile(file, JSON.stringify({
      input_shape: [28, 28, 1],
      layers: [{ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10 }, { type: 'Dense', units: 10, colour: 'red' }],
    }));
    const r = await layerwise('summary', '--arch', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Layer 2 \(dense_1\): Dense needs a flat vector .*Insert a Flatten layer before it\.$/),
      expect.stringMatching(/^Layer 3 \(dense_2\): Dense has no setting "colour"/),
    ]);
  });

  it('prints the table of a network that trains badly, then the warning, and exits 0', async () => {
    const file = join(tmp, 'relu-output.json');
    await writeFile(file, JSON.stringify({
      input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'relu' }],
    }));
    const r = await layerwise('summary', '--arch', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total params: 7,850');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Warning: Layer 2 \(dense_1\): The network ends with relu.*softmax\.$/)]);
    const json = await layerwise('summary', '--arch', file, '--json');
    expect(json.code).toBe(0);
    expect(jsonLines(json.stdout)[0]).toMatchObject({ valid: true, issues: [], warnings: [{ layerIndex: 1, layerName: 'dense_1' }] });
  });

  it('describes a saved model folder and answers --json', async () => {
    const r = await layerwise('summary', '--arch', model, '--json');
    expect(r.code).toBe(0);
    const [s] = jsonLines(r.stdout);
    expect(s).toMatchObject({ valid: true, totalParams: 101770, outputShape: [10] });
  });
});

describe('layerwise train', () => {
  it('streams JSON events and ends with a summary; the model is saved', () => {
    expect(trainRun.stderr).toBe('');
    expect(trainRun.code).toBe(0);
    const events = jsonLines(trainRun.stdout);
    expect(events[0]).toMatchObject({ type: 'start', trainCount: 1800, valCount: 200, epochs: 1, params: 101770 });
    expect(events.some((e) => e.type === 'batch')).toBe(true);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1);
    const summary = events.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', status: 'completed', epochs: 1, out: model });
    expect(summary.testAccuracy).toBeTypeOf('number');
    expect(summary.testAccuracy as number).toBeGreaterThan(0.5);
    expect(summary.testLoss).toBeTypeOf('number');
    expect(summary.seconds as number).toBeGreaterThan(0);
    expect(summary.history).toHaveLength(1);
    expect(existsSync(join(model, 'model.json'))).toBe(true);
    expect(existsSync(join(model, 'weights.bin'))).toBe(true);
    const meta = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')).userDefinedMetadata.layerwise;
    expect(meta).toMatchObject({ name: 'mlp', seed: 1, dataset: { name: 'MNIST', trainCount: 2000, testCount: 2000 } });
    expect(meta.training.config).toMatchObject({ epochs: 1, batchSize: 64, learningRate: 0.001, optimizer: { type: 'adam' } });
    expect(meta.testAccuracy).toBe(summary.testAccuracy);
  });

  it('prints epoch lines and the result for people', async () => {
    const out = join(tmp, 'cnn');
    const r = await layerwise('train', '--arch', 'cnn', '--epochs', '1', '--limit', '320', '--validation-size', '0',
      '--optimizer', 'momentum', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SGD with momentum 0.9, learning rate 0.01, batch size 64, 1 epoch, seed 1');
    expect(r.stdout).toMatch(/^Epoch 1\/1: training loss \d+\.\d{4}, accuracy [\d.]+ % {2}\([\d.]+ s\)$/m);
    expect(r.stdout).toMatch(/^Test: loss \d+\.\d{4}, accuracy [\d.]+ % on 320 test samples$/m);
    expect(r.stdout).toContain(`saved the model to ${out}`);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
  });

  it('says in plain words when a completed run did not learn, why, and what to change', async () => {
    const r = await layerwise('train', '--arch', 'mlp', '--optimizer', 'sgd', '--lr', '5', '--epochs', '1', '--limit', '2000', '--out', join(tmp, 'broken'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Problem: The network (ended at chance level|predicts one class for nearly everything).*learning rate 5 is far too high for SGD.*lower the learning rate, for example to 0\.05/m);
    // A run that learned says nothing of the kind.
    const healthy = await layerwise('train', '--arch', 'mlp', '--epochs', '1', '--limit', '2000', '--out', join(tmp, 'healthy'));
    expect(healthy.stdout).toMatch(/^Test: loss \d+\.\d{4}, accuracy [\d.]+ %/m);
    expect(healthy.stdout).not.toMatch(/^(Problem|Warning):/m);
  });

  it('stops at Ctrl+C, saves nothing and says so', async () => {
    const out = join(tmp, 'interrupted');
    const child = spawn(process.execPath, [BIN, 'train', '--arch', 'mlp', '--limit', '20000', '--json', '--out', out], { cwd: ROOT });
    let stdout = '', stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let interrupted = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        // Once: a second Ctrl+C means "quit at once", without the summary.
        if (!interrupted && stdout.includes('"type":"batch"')) interrupted = child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    expect(code).toBe(130);
    const summary = jsonLines(stdout).at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', status: 'stopped', out: null, testAccuracy: null });
    expect(summary.message).toMatch(/Nothing was saved/);
    expect(stderr.trim()).toMatch(/^layerwise: Stopped by the user during epoch 1\. Nothing was saved\.$/);
    expect(existsSync(out)).toBe(false);
  });

  it('reports a diverged run in one line, exits 1 and saves nothing', async () => {
    const spec = join(tmp, 'linear.json');
    await writeFile(spec, JSON.stringify({
      input_shape: [28, 28, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 64 }, { type: 'Dense', units: 64 }, { type: 'Dense', units: 10, activation: 'softmax' }],
    }));
    const out = join(tmp, 'diverged');
    const r = await layerwise('train', '--arch', spec, '--optimizer', 'momentum', '--lr', '10', '--limit', '2000', '--epochs', '3', '--out', out);
    expect(expectOneLineError(r, 1)).toMatch(/^layerwise: Training diverged at epoch \d+, batch \d+: .*Lower the learning rate/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('layerwise evaluate', () => {
  it('prints accuracy, loss and an aligned 10×10 confusion matrix', async () => {
    const r = await layerwise('evaluate', '--model', model);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Accuracy [\d.]+ % \([\d,]+ of 10,000 correct\), loss \d+\.\d{4}$/m);
    const header = r.stdout.split('\n').findIndex((l) => l.startsWith('true\\pred'));
    const rows = r.stdout.split('\n').slice(header, header + 11);
    expect(rows[0]!.trim().split(/\s+/)).toEqual(['true\\pred', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'correct']);
    expect(new Set(rows.map((l) => l.length)).size).toBeLessThanOrEqual(2);
    for (let i = 1; i <= 10; i++) expect(rows[i]!.trim().startsWith(String(i - 1))).toBe(true);
  });

  it('gives the same figures as JSON', async () => {
    const r = await layerwise('evaluate', '--model', model, '--json');
    expect(r.code).toBe(0);
    const [e] = jsonLines(r.stdout) as [{ count: number; accuracy: number; correct: number; confusion: number[][] }];
    expect(e.count).toBe(10000);
    expect(e.confusion).toHaveLength(10);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(10000);
    expect(e.correct / e.count).toBeCloseTo(e.accuracy, 10);
    expect(e.accuracy).toBeGreaterThan(0.5);
  });
});

describe('layerwise predict', () => {
  it('gives probabilities that sum to 1 and the argmax as the prediction, one JSON line per image', async () => {
    const r = await layerwise('predict', '--model', model, '--images', imagesFile, '--json');
    expect(r.code).toBe(0);
    const preds = jsonLines(r.stdout) as { index: number; probs: number[]; predicted: number }[];
    expect(preds.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const p of preds) {
      expect(p.probs).toHaveLength(10);
      expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(p.probs[p.predicted]).toBe(Math.max(...p.probs));
      for (const v of p.probs) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
    }
    // A model at > 50 % test accuracy gets most of these right.
    expect(preds.filter((p, i) => p.predicted === labels[i]).length).toBeGreaterThanOrEqual(3);
  });

  it('reads gzipped files, honours --limit and prints a readable line per image', async () => {
    const gz = join(tmp, 'digits-idx3-ubyte.gz');
    await writeFile(gz, gzipSync(readFileSync(imagesFile)));
    const r = await layerwise('predict', '--model', model, '--images', gz, '--limit', '2');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2 of 6 images in digits-idx3-ubyte\.gz \(28×28\)/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^image 0: \d {2}\( *[\d.]+ %\) {3}0:\d\.\d{3} 1:\d\.\d{3} .* 9:\d\.\d{3}$/),
      expect.stringMatching(/^image 1: \d /),
    ]);
  });
});

// Independent short runs: concurrent, since most of each is Node and tsx starting up.
describe.concurrent('failures: one line on stderr, no stack trace', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['train', '--arch', 'mlp', '--epochs', 'abc', '--out', 'x'], /--epochs must be a whole number \(got "abc"\)/],
    [['train', '--arch', 'mlp', '--bogus', '1'], /unknown option --bogus for train/],
    [['train', '--arch', 'mlp'], /train needs --out/],
    [['predict', '--model', 'm', '--images', 'a', 'stray'], /unexpected argument "stray"/],
    [['--json'], /unknown option --json/],
  ])('bad arguments %j exit 2 and point at --help', async (args, message) => {
    const line = expectOneLineError(await layerwise(...args), 2);
    expect(line).toMatch(message);
    expect(line).toMatch(/\(see "layerwise (\w+ )?--help"\)$/);
  });

  it('a missing model folder', async () => {
    const line = expectOneLineError(await layerwise('evaluate', '--model', join(tmp, 'no-such-model')), 1);
    expect(line).toMatch(/no model\.json/);
  });

  it('a corrupt IDX file', async () => {
    const corrupt = join(tmp, 'corrupt-idx3-ubyte');
    await writeFile(corrupt, encodeIdx([5, 28, 28], new Uint8Array(5 * 784)).subarray(0, 1000));
    const line = expectOneLineError(await layerwise('predict', '--model', model, '--images', corrupt), 1);
    expect(line).toMatch(/corrupt-idx3-ubyte: truncated/);
  });

  it('a missing images file, spec file or impossible training setting', async () => {
    expect(expectOneLineError(await layerwise('predict', '--model', model, '--images', join(tmp, 'nope')), 1)).toMatch(/file not found/);
    expect(expectOneLineError(await layerwise('summary', '--arch', join(tmp, 'nope.json')), 1)).toMatch(/no such file/);
    const r = await layerwise('train', '--arch', 'mlp', '--limit', '100', '--batch-size', '500', '--out', join(tmp, 'never'));
    expect(expectOneLineError(r, 1)).toMatch(/batch size 500 is larger than the 90 training images/);
  });

  it('an --out folder that holds other files, before training starts', async () => {
    const r = await layerwise('train', '--arch', 'mlp', '--out', tmp);
    expect(expectOneLineError(r, 1)).toMatch(/already holds other files/);
    expect(r.stdout).toBe('');
  });
});

describe.concurrent('help and version', () => {
  it('--version prints the package version', async () => {
    const r = await layerwise('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('--help lists the commands; <command> --help lists its options', async () => {
    const main = await layerwise('--help');
    expect(main.code).toBe(0);
    for (const c of ['summary', 'train', 'evaluate', 'predict']) expect(main.stdout).toMatch(new RegExp(`^ {2}${c} `, 'm'));
    const train = await layerwise('train', '--help');
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/^ {2}--batch-size B +images per optimizer step/m);
  });
});
