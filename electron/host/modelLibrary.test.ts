import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng, type ModelFileError, formatMessage, Network, PRESETS, type NetworkSpec, type EpochMetrics } from '../../engine';
import { saveModel } from '../../engine/node';
import { expectWorded } from '../../engine/testing/messages';
import { HostError } from './hostError';
import { ScriptedDialogs } from './hostTestKit';
import { toTrainConfig } from './hyperparams';
import { ModelLibrary, type SaveMetadata } from './modelLibrary';

let dir: string;
let modelsDir: string;
let dialogs: ScriptedDialogs;
let lib: ModelLibrary;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-lib-'));
  modelsDir = path.join(dir, 'models');
  dialogs = new ScriptedDialogs();
  lib = new ModelLibrary(modelsDir, dialogs, '1.2.3');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const net = (spec: NetworkSpec = PRESETS.mlp, seed = 1) => Network.fromSpec(spec, new Rng(seed));
const hp = { epochs: 3, batchSize: 64, learningRate: 0.05, optimizer: 'nesterov', schedule: { type: 'step', every: 2, factor: 0.5 }, weightDecay: 0.001, loss: 'categorical_crossentropy', validationSize: 5000, seed: 7 } as const;
const meta: SaveMetadata = {
  dataset: { name: 'MNIST', trainCount: 60000, testCount: 10000 }, seed: 7, testAccuracy: 0.97,
  training: { config: toTrainConfig(hp), history: [{ epoch: 0, seconds: 3, running: { loss: 0.5, accuracy: 0.9 }, train: { loss: 0.45, accuracy: 0.92 }, trainCount: 5000, val: { loss: 0.4, accuracy: 0.91 } }] },
};
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof HostError ? e.code : `unexpected ${String(e)}`));

describe('ModelLibrary', () => {
  it('lists nothing when the folder does not exist yet', async () => {
    expect(await lib.list()).toEqual([]);
  });

  it('saves, lists and opens a model', async () => {
    const s = await lib.save('  My   CNN ', false, net(PRESETS.cnn), meta);
    expect(s).toMatchObject({
      id: 'my-cnn', name: 'My CNN', architecture: 'Conv2D → MaxPooling2D → Conv2D → MaxPooling2D → Flatten → Dense',
      params: 5994, testAccuracy: 0.97, datasetName: 'MNIST',
    });
    expect(Date.parse(s.savedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await readdir(path.join(modelsDir, 'my-cnn'))).sort()).toEqual(['model.json', 'weights.bin']);
    expect(await lib.list()).toEqual([s]);

    const opened = await lib.open('my-cnn');
    expect(opened.summary).toEqual(s);
    expect(opened.spec).toEqual(PRESETS.cnn);
    expect(opened.hyperparams).toEqual(hp);
    expect(opened.history).toEqual(meta.training!.history);
  });

  it('opens a model saved before metrics were per task with its history read in today\'s shape', async () => {
    const old = { epoch: 0, trainLoss: 0.5, trainAccuracy: 0.9, valLoss: 0.4, valAccuracy: 0.91, seconds: 3, measuredTrainLoss: 0.45, measuredTrainAccuracy: 0.92, measuredTrainCount: 5000 };
    const noMeasure = { epoch: 1, trainLoss: 0.3, trainAccuracy: 0.95, valLoss: null, valAccuracy: null, seconds: 2 };
    const history = [old, noMeasure, { epoch: 2, nonsense: true }] as unknown as EpochMetrics[];
    await lib.save('Old', false, net(), { ...meta, training: { ...meta.training!, history } });
    expect((await lib.open('old')).history).toEqual([
      meta.training!.history[0],
      { epoch: 1, seconds: 2, running: { loss: 0.3, accuracy: 0.95 }, train: null, trainCount: 0, val: null },
    ]);
  });

  it('refuses a name already used unless overwriting, and then replaces that model', async () => {
    const first = await lib.save('Net', false, net(), meta);
    await expect(lib.save('net', false, net(), meta)).rejects.toThrow('A model named "Net" already exists. Choose another name, or replace it.');
    expect(await code(lib.save('NET', false, net(), meta))).toBe('exists');
    const replaced = await lib.save('net', true, net(PRESETS.cnn), { ...meta, testAccuracy: 0.5 });
    expect(replaced).toMatchObject({ id: first.id, name: 'net', testAccuracy: 0.5, params: 5994 });
    expect(await lib.list()).toHaveLength(1);
  });

  it('gives different names with the same slug different ids', async () => {
    const a = await lib.save('My net', false, net(), meta);
    const b = await lib.save('my-net', false, net(), meta);
    const c = await lib.save('MY NET!', false, net(), meta);
    expect([a.id, b.id, c.id]).toEqual(['my-net', 'my-net-2', 'my-net-3']);
  });

  it('keeps a hostile name harmless: ../../etc/passwd becomes an id inside the library', async () => {
    const s = await lib.save('../../etc/passwd', false, net(), meta);
    expect(s.id).toBe('etc-passwd');
    expect(s.name).toBe('.. .. etc passwd');
    expect(await readdir(modelsDir)).toEqual(['etc-passwd']);
    expect(await readdir(dir)).toEqual(['models']);
    const ctrl = await lib.save('a\u0000b\nc/\\d', false, net(), meta);
    expect(ctrl).toMatchObject({ id: 'ab-c-d', name: 'ab c d' });
    await expect(lib.save(' \u0007 ', false, net(), meta)).rejects.toThrow('A model needs a name.');
  });

  it('never resolves an id outside the library', async () => {
    for (const id of ['..', '../models', '/etc', 'a/../../b']) {
      expect(await code(lib.open(id))).toBe('invalid-request');
      expect(await code(lib.delete(id))).toBe('invalid-request');
      expect(await code(lib.rename(id, 'x', false))).toBe('invalid-request');
    }
    expect(await code(lib.open('missing'))).toBe('not-found');
  });

  it('renames in place or to a new id, with the same collision rule', async () => {
    const a = await lib.save('Alpha', false, net(), meta);
    const b = await lib.save('Beta', false, net(), meta);
    const renamed = await lib.rename(a.id, 'Alpha Two', false);
    expect(renamed).toMatchObject({ id: 'alpha-two', name: 'Alpha Two', savedAt: a.savedAt });
    expect(await code(lib.open('alpha'))).toBe('not-found');
    const json = JSON.parse(await readFile(path.join(modelsDir, 'alpha-two', 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata.layerwise.name).toBe('Alpha Two');
    // The renamed model still loads (the checksum covers the weights only).
    expect((await lib.open('alpha-two')).spec).toEqual(PRESETS.mlp);
    expect((await readdir(path.join(modelsDir, 'alpha-two'))).sort()).toEqual(['model.json', 'weights.bin']);

    // Only the case changes: the id stays.
    expect(await lib.rename('alpha-two', 'ALPHA two', false)).toMatchObject({ id: 'alpha-two', name: 'ALPHA two' });

    expect(await code(lib.rename(b.id, 'alpha two', false))).toBe('exists');
    const over = await lib.rename(b.id, 'alpha two', true);
    expect(over).toMatchObject({ name: 'alpha two' });
    expect((await lib.list()).map((s) => s.name)).toEqual(['alpha two']);
  });

  it('deletes', async () => {
    const a = await lib.save('Gone', false, net(), meta);
    await lib.delete(a.id);
    expect(await lib.list()).toEqual([]);
    expect(await code(lib.delete(a.id))).toBe('not-found');
  });

  it('skips folders that are not models, and lists a damaged one with the reason it does not open', async () => {
    const good = await lib.save('Good', false, net(), meta);
    await mkdir(path.join(modelsDir, 'empty-folder'));
    await mkdir(path.join(modelsDir, 'broken'));
    await writeFile(path.join(modelsDir, 'broken', 'model.json'), '{ not json');
    await mkdir(path.join(modelsDir, 'Not An Id'));
    await writeFile(path.join(modelsDir, 'stray-file'), 'x');
    const list = await lib.list();
    expect(list.map((s) => [s.id, s.damaged?.key ?? null]).sort()).toEqual([
      ['broken', 'modelFile.badJson'], ['empty-folder', 'modelFile.noModelJson'], ['good', null],
    ]);
    expect(list.find((s) => s.id === 'good')).toEqual(good);
  });

  it('exports a copy where the user chooses, never over a non-empty folder', async () => {
    const s = await lib.save('Exported', false, net(), meta);
    dialogs.exportPath = null;
    expect(await lib.export(s.id)).toBeNull();
    expect(dialogs.asked).toEqual(['export:Exported']);

    const target = path.join(dir, 'out', 'Exported');
    dialogs.exportPath = target;
    expect(await lib.export(s.id)).toEqual({ path: target });
    const copied = await readFile(path.join(target, 'weights.bin'));
    expect(copied.equals(await readFile(path.join(modelsDir, s.id, 'weights.bin')))).toBe(true);
    expect(await code(lib.export(s.id))).toBe('exists');
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    dialogs.exportPath = file;
    expect(await code(lib.export(s.id))).toBe('exists');
    const emptyDir = path.join(dir, 'empty');
    await mkdir(emptyDir);
    dialogs.exportPath = emptyDir;
    expect(await lib.export(s.id)).toEqual({ path: emptyDir });
  });

  it('imports a model under a free name, and refuses a corrupt one with the engine\'s message', async () => {
    const outside = path.join(dir, 'from-a-friend');
    await saveModel(outside, net(PRESETS.cnn), { appVersion: '0.0.1', createdAt: '2020-01-01T00:00:00.000Z', name: 'Friend CNN', testAccuracy: 0.9 });
    dialogs.folder = outside;
    const first = await lib.import();
    expect(first).toMatchObject({ id: 'friend-cnn', name: 'Friend CNN', params: 5994, testAccuracy: 0.9 });
    const second = await lib.import();
    expect(second).toMatchObject({ id: 'friend-cnn-2', name: 'Friend CNN (2)' });
    expect(dialogs.asked).toEqual(['folder:import-model', 'folder:import-model']);
    dialogs.folder = null;
    expect(await lib.import()).toBeNull();

    // Damaged weights: refused with the reader's own message, nothing added.
    const weights = path.join(outside, 'weights.bin');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.length - 8));
    dialogs.folder = outside;
    await expect(lib.import()).rejects.toThrow(/weights\.bin is truncated/);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(weights, bytes);
    await expect(lib.import()).rejects.toThrow(/does not match the checksum/);
    await writeFile(path.join(outside, 'model.json'), '{"format": "graph-model"}');
    await expect(lib.import()).rejects.toThrow(/Layerwise opens only "layers-model" files/);
    expect(await lib.list()).toHaveLength(2);

    // A network that does not classify 10 digits is no use here.
    const three = path.join(dir, 'three');
    await saveModel(three, Network.fromSpec({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3 }] }, new Rng(1), { numClasses: 3 }), { appVersion: '1', createdAt: '' });
    dialogs.folder = three;
    const refused = await lib.import().then(() => null, (e: unknown) => e as ModelFileError);
    expect(refused?.message).toMatch(/cannot be used to classify digits/);
    // The network's problem inside is a catalog message too, so the refusal reads in French to the end.
    expectWorded(refused?.detail, 'import of a 3-class model');
    expect(formatMessage(refused!.detail!, 'fr')).toContain('terminez le réseau par une couche Dense de 10 unités');
    expect((await stat(modelsDir)).isDirectory()).toBe(true);
  });

  it('serializes concurrent saves of one name', async () => {
    const results = await Promise.allSettled([lib.save('Same', false, net(), meta), lib.save('Same', false, net(), meta)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await lib.list()).toHaveLength(1);
  });
});
