import * as fsp from 'node:fs/promises';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rng } from '../core/rng';
import { ModelFileError } from '../io/layersModel';
import { Network } from '../model/network';
import { predictProbs } from '../model/predict';
import { PRESETS } from '../model/presets';
import { loadModel, ModelSaveError, saveModel } from './modelFiles';

// Wrapped so single calls can be made to fail mid-save; by default they pass through.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename) };
});

const META = { appVersion: '0.1.0', createdAt: '2025-01-01T00:00:00.000Z', name: 'cnn', seed: 4 };

function net(seed: number): Network {
  const rng = new Rng(seed);
  const n = Network.fromSpec(PRESETS.cnn, rng);
  for (const p of n.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-0.3, 0.3);
  return n;
}

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'layerwise-models-'));
  dir = path.join(root, 'my model');
});
afterEach(async () => {
  vi.mocked(fsp.open).mockClear();
  vi.mocked(fsp.rename).mockClear();
  await rm(root, { recursive: true, force: true });
});

const execFileAsync = promisify(execFile);
const x = Float32Array.from({ length: 4 * 784 }, (_, i) => (i % 29) / 29);
const siblings = async () => (await readdir(root)).sort();

async function loadError(): Promise<Error> {
  const e = await loadModel(dir).then(() => null, (err: Error) => err);
  expect(e).toBeInstanceOf(ModelFileError);
  return e!;
}

describe('saveModel / loadModel', () => {
  it('round-trips: same weights and bit-identical predictions, checksum recorded', async () => {
    const original = net(1);
    await saveModel(dir, original, META);
    expect(await readdir(dir)).toEqual(['model.json', 'weights.bin']);
    expect(await siblings()).toEqual(['my model']);
    const loaded = await loadModel(dir);
    expect(loaded.spec).toEqual(PRESETS.cnn);
    expect(loaded.metadata).toMatchObject({ ...META, formatVersion: 1, spec: PRESETS.cnn });
    expect(loaded.metadata!.weightsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(predictProbs(loaded.network, x, 4)).toEqual(predictProbs(original, x, 4));
  });

  it('replaces a previous model and leaves no temporary folders', async () => {
    await saveModel(dir, net(1), META);
    const second = net(2);
    await saveModel(dir, second, META);
    expect(await siblings()).toEqual(['my model']);
    expect(predictProbs((await loadModel(dir)).network, x, 4)).toEqual(predictProbs(second, x, 4));
  });

  it('a full disk mid-save leaves the previous model intact and no temp folder', async () => {
    const first = net(1);
    await saveModel(dir, first, META);
    vi.mocked(fsp.open).mockImplementationOnce(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const e = await saveModel(dir, net(2), META).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelSaveError);
    expect((e as ModelSaveError).message).toBe(`Not enough disk space to save the model in ${dir}.`);
    expect((e as ModelSaveError).detail).toEqual({ key: 'modelFile.saveDiskFull', params: { folder: dir } });
    expect(await siblings()).toEqual(['my model']);
    expect(predictProbs((await loadModel(dir)).network, x, 4)).toEqual(predictProbs(first, x, 4));
  });

  it('a failed final rename puts the previous model back', async () => {
    const first = net(1);
    await saveModel(dir, first, META);
    const real = vi.mocked(fsp.rename).getMockImplementation()!;
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (String(from).includes('.tmp-')) throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
      return real(from, to);
    });
    try {
      await expect(saveModel(dir, net(2), META)).rejects.toThrow(/Could not save the model in .*replacing the files failed: EXDEV/);
    } finally {
      vi.mocked(fsp.rename).mockImplementation(real);
    }
    expect(await siblings()).toEqual(['my model']);
    expect(predictProbs((await loadModel(dir)).network, x, 4)).toEqual(predictProbs(first, x, 4));
  });

  it('a network whose weights cannot be read writes nothing', async () => {
    await saveModel(dir, net(1), META);
    const broken = net(2);
    Object.defineProperty(broken.params[0]!, 'value', { get: () => { throw new Error('weights unavailable'); } });
    await expect(saveModel(dir, broken, META)).rejects.toThrow('weights unavailable');
    expect(await siblings()).toEqual(['my model']);
    await loadModel(dir);
  });

  it('refuses to replace a folder that holds other files', async () => {
    await fsp.mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await expect(saveModel(dir, net(1), META)).rejects.toThrow(/already exists and holds other files \(such as notes\.txt\)/);
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reports a truncated weights.bin by size', async () => {
    await saveModel(dir, net(1), META);
    const fh = await open(path.join(dir, 'weights.bin'), 'r+');
    await fh.truncate(1024);
    await fh.close();
    expect((await loadError()).message).toBe('weights.bin is truncated: expected 23,976 bytes, found 1,024.');
  });

  it('catches an edited weights.bin of the same size by its checksum', async () => {
    await saveModel(dir, net(1), META);
    const file = path.join(dir, 'weights.bin');
    const bytes = await readFile(file);
    bytes[0]! ^= 1; // lowest mantissa bit: still a finite float, only the checksum can tell
    await writeFile(file, bytes);
    expect((await loadError()).message).toBe('weights.bin does not match the checksum recorded in model.json: the file was changed or damaged.');
  });

  it('explains a missing or unreadable model.json', async () => {
    expect((await loadError()).message).toMatch(/^There is no model\.json in .*my model/);
    await saveModel(dir, net(1), META);
    await writeFile(path.join(dir, 'model.json'), '{"format": "layers-model",}');
    expect((await loadError()).message).toMatch(/^model\.json is not valid JSON \(.+\)\.$/);
    const fh = await open(path.join(dir, 'model.json'), 'w');
    await fh.truncate(10 * 1024 * 1024 + 1);
    await fh.close();
    expect((await loadError()).message).toMatch(/model\.json is 10 MB; Layerwise opens model\.json files of at most 10 MB/);
  });

  it.each([['../outside.bin'], ['/etc/passwd'], ['sub/../../x.bin'], ['https://example.com/w.bin']])('refuses the manifest path %s', async (p) => {
    await saveModel(dir, net(1), META);
    const jsonPath = path.join(dir, 'model.json');
    const json = JSON.parse(await readFile(jsonPath, 'utf8'));
    json.weightsManifest[0].paths = [p];
    await writeFile(jsonPath, JSON.stringify(json));
    expect((await loadError()).message).toMatch(/outside the model folder/);
  });

  it('reads tfjs-style ./ paths, reports missing and oversized weight files', async () => {
    await saveModel(dir, net(1), META);
    const jsonPath = path.join(dir, 'model.json');
    const json = JSON.parse(await readFile(jsonPath, 'utf8'));
    json.weightsManifest[0].paths = ['./weights.bin'];
    await writeFile(jsonPath, JSON.stringify(json));
    await loadModel(dir);
    json.weightsManifest[0].paths = ['group1-shard1of1.bin'];
    await writeFile(jsonPath, JSON.stringify(json));
    expect((await loadError()).message).toMatch(/weights file group1-shard1of1\.bin listed in model\.json is missing/);
    const fh = await open(path.join(dir, 'group1-shard1of1.bin'), 'w');
    await fh.truncate(201 * 1024 * 1024); // sparse: the size check must refuse before reading
    await fh.close();
    expect((await loadError()).message).toMatch(/weights are 201 MB; Layerwise opens models of at most 200 MB/);
  });

  it('never follows a link nor opens a special file: links and a FIFO are refused by name, without blocking', async () => {
    await saveModel(dir, net(1), META);
    const outside = path.join(root, 'outside');
    await fsp.mkdir(outside);
    const weights = path.join(dir, 'weights.bin');
    const jsonPath = path.join(dir, 'model.json');

    await fsp.rename(weights, path.join(outside, 'weights.bin'));
    await fsp.symlink(path.join(outside, 'weights.bin'), weights);
    expect((await loadError()).message).toBe('weights.bin is a link to another place; Layerwise reads only real files, never links.');
    await fsp.unlink(weights);

    await execFileAsync('mkfifo', [weights]);
    expect((await loadError()).message).toBe('weights.bin is not a regular file (it may be a pipe or a device); Layerwise reads only regular files.');
    await fsp.unlink(weights);
    await fsp.rename(path.join(outside, 'weights.bin'), weights);

    await fsp.rename(jsonPath, path.join(outside, 'model.json'));
    await fsp.symlink(path.join(outside, 'model.json'), jsonPath);
    expect((await loadError()).message).toBe('model.json is a link to another place; Layerwise reads only real files, never links.');
    await fsp.unlink(jsonPath);
    await fsp.rename(path.join(outside, 'model.json'), jsonPath);
    await loadModel(dir);

    const linked = path.join(root, 'linked');
    await fsp.symlink(dir, linked);
    const e = await loadModel(linked).then(() => null, (err: Error) => err);
    expect(e?.message).toMatch(/^The model folder .*linked is a link to another place; Layerwise does not follow links\.$/);
    // Saving over a link would write where it points: refused, and the linked model is untouched.
    await expect(saveModel(linked, net(2), META)).rejects.toThrow(/is a link to another place; Layerwise does not write through links/);
    expect(predictProbs((await loadModel(dir)).network, x, 4)).toEqual(predictProbs(net(1), x, 4));
  });

  it('refuses a weights file swapped for a link after the check (O_NOFOLLOW at open)', async () => {
    await saveModel(dir, net(1), META);
    const weights = path.join(dir, 'weights.bin');
    const target = path.join(root, 'elsewhere.bin');
    await fsp.copyFile(weights, target);
    // The swap lands between the lstat check and the open: the open itself must refuse the link.
    const realOpen = vi.mocked(fsp.open).getMockImplementation()!;
    let swapped = false;
    vi.mocked(fsp.open).mockImplementation(async (p, ...rest) => {
      if (String(p) === weights && !swapped) {
        swapped = true;
        await fsp.unlink(weights);
        await fsp.symlink(target, weights);
      }
      return realOpen(p, ...rest);
    });
    try {
      expect((await loadError()).message).toBe('weights.bin is a link to another place; Layerwise reads only real files, never links.');
    } finally {
      vi.mocked(fsp.open).mockImplementation(realOpen);
    }
    expect(swapped).toBe(true);
  });
});
