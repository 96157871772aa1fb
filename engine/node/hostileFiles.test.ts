/**
 * Dataset files that are not regular files (a FIFO, a link to /dev/zero or /dev/urandom,
 * a folder named like the file) and files longer than their header: each is refused at
 * once with a message naming what it is, on the CLI's path (loadDatasetDir) and the
 * host's (DatasetRegistry.pick); nothing hangs or reads without bound.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetRegistry } from '../../electron/host/datasetRegistry';
import { IdxError, encodeIdx } from '../data/idx';
import { formatMessage } from '../messages';
import { loadDatasetDir } from './datasets';
import { readIdxFile } from './idxFile';

const unix = process.platform !== 'win32';
let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'layerwise-hostile-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function dataset(opts: { train?: number; test?: number } = {}): Promise<string> {
  const dir = join(root, `d${n++}`);
  await mkdir(dir);
  const { train = 6, test = 3 } = opts;
  const img = (c: number) => encodeIdx([c, 2, 2], new Uint8Array(c * 4));
  const lab = (c: number) => encodeIdx([c], new Uint8Array(c));
  await writeFile(join(dir, 'train-images-idx3-ubyte'), img(train));
  await writeFile(join(dir, 'train-labels-idx1-ubyte'), lab(train));
  await writeFile(join(dir, 't10k-images-idx3-ubyte'), img(test));
  await writeFile(join(dir, 't10k-labels-idx1-ubyte'), lab(test));
  return dir;
}

async function refusal(p: Promise<unknown>): Promise<IdxError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IdxError);
  return err as IdxError;
}

function registryFor(dir: string): DatasetRegistry {
  const dialogs = { pickFolder: async () => dir } as unknown as ConstructorParameters<typeof DatasetRegistry>[0];
  return new DatasetRegistry(dialogs, () => dir);
}

/** Replaces the training images of a fresh dataset by `make(path)`, and expects both paths to refuse it with `pattern`. */
async function expectRefused(make: (path: string) => Promise<void> | void, pattern: RegExp, frPattern: RegExp): Promise<void> {
  const dir = await dataset();
  const path = join(dir, 'train-images-idx3-ubyte');
  await rm(path);
  await make(path);
  const cli = await refusal(loadDatasetDir(dir));
  expect(cli.message).toMatch(pattern);
  expect(cli.message).toContain(path);
  expect(formatMessage(cli.detail!, 'fr')).toMatch(frPattern);
  const host = await refusal(registryFor(dir).pick());
  expect(host.message).toMatch(pattern);
}

describe.runIf(unix)('dataset files that are not regular files', () => {
  it('refuses a FIFO without waiting for a writer', { timeout: 10_000 }, async () => {
    await expectRefused((p) => { execFileSync('mkfifo', [p]); }, /named pipe \(FIFO\), not a regular file/, /tube nommé \(FIFO\)/);
  });

  it('refuses a symbolic link to /dev/zero or /dev/urandom', { timeout: 10_000 }, async () => {
    await expectRefused((p) => symlink('/dev/zero', p), /is a device \(such as \/dev\/zero\)/, /est un périphérique/);
    await expectRefused((p) => symlink('/dev/urandom', p), /is a device/, /périphérique/);
  });

  it('refuses a folder named like the file, and a link to one', { timeout: 10_000 }, async () => {
    await expectRefused((p) => mkdir(p), /is a folder, not a file/, /est un dossier/);
    const target = await mkdtemp(join(root, 'target-'));
    await expectRefused((p) => symlink(target, p), /is a folder, not a file/, /est un dossier/);
  });

  it('follows a link to a regular file', async () => {
    const dir = await dataset();
    const other = await dataset({ train: 8 });
    const path = join(dir, 'train-images-idx3-ubyte');
    await rm(path);
    await rm(join(dir, 'train-labels-idx1-ubyte'));
    await symlink(join(other, 'train-images-idx3-ubyte'), path);
    await symlink(join(other, 'train-labels-idx1-ubyte'), join(dir, 'train-labels-idx1-ubyte'));
    expect((await loadDatasetDir(dir)).train.count).toBe(8);
  });
});

describe('reads never go past the header', () => {
  it('refuses a plain file longer than its header says', async () => {
    const dir = await dataset();
    const file = join(dir, 'x-idx1-ubyte');
    await writeFile(file, Buffer.concat([encodeIdx([3], new Uint8Array(3)), Buffer.alloc(5000)]));
    expect((await refusal(readIdxFile(file))).message).toBe(`${file}: the file holds 5,011 bytes but its header declares 11; it is damaged or not an IDX file`);
  });

  it('stops gunzip at the declared size', async () => {
    const dir = await dataset();
    const file = join(dir, 'x-idx1-ubyte.gz');
    await writeFile(file, gzipSync(Buffer.concat([encodeIdx([3], new Uint8Array(3)), Buffer.alloc(1 << 20)])));
    expect((await refusal(readIdxFile(file))).message).toMatch(/decompresses to more than the 11 bytes its header declares/);
  });

  it('refuses a header declaring more than the limit before reading the data', async () => {
    const dir = await dataset();
    const file = join(dir, 'big-idx3-ubyte');
    await writeFile(file, encodeIdx([1, 1, 1], new Uint8Array(1)).subarray(0, 16).map((b, i) => (i === 4 ? 0x10 : b)));
    expect((await refusal(readIdxFile(file, { maxBytes: 1 << 20 }))).message).toMatch(/its header declares 256 MiB of data, more than the 1 MiB/);
  });
});

describe('empty training or test sets', () => {
  it('says the dataset has no training images', async () => {
    const dir = await dataset({ train: 0 });
    const e = await refusal(loadDatasetDir(dir));
    expect(e.message).toMatch(/has no training images \(.*train-images-idx3-ubyte holds 0 images\)/);
    expect(formatMessage(e.detail!, 'fr')).toMatch(/aucune image d’entraînement/);
  });

  it('says the dataset has no test images, rather than testing nothing', async () => {
    const dir = await dataset({ test: 0 });
    const e = await refusal(loadDatasetDir(dir));
    expect(e.message).toMatch(/has no test images .*cannot be tested/);
    expect((await refusal(registryFor(dir).pick())).message).toMatch(/has no test images/);
  });
});
