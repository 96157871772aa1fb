import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng, Network, PRESETS, formatMessage } from '../../engine';
import { loadModel } from '../../engine/node';
import { errorToResult } from './hostError';
import { ScriptedDialogs } from './hostTestKit';
import { ModelLibrary } from './modelLibrary';

const execFileAsync = promisify(execFile);

let dir: string;
let modelsDir: string;
let outside: string;
let dialogs: ScriptedDialogs;
let lib: ModelLibrary;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-hostile-'));
  modelsDir = path.join(dir, 'models');
  outside = path.join(dir, 'outside');
  await mkdir(outside);
  dialogs = new ScriptedDialogs();
  lib = new ModelLibrary(modelsDir, dialogs, '1.2.3');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const net = () => Network.fromSpec(PRESETS.mlp, new Rng(1));
const meta = { testAccuracy: 0.9 };
const editJson = async (id: string, edit: (json: any) => void) => {
  const file = path.join(modelsDir, id, 'model.json');
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json));
};
/** What a request gives the renderer when it fails. */
const resultOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => errorToResult(e, 'test'));

/** Each way a model folder can be damaged, made from a good saved model. */
const DAMAGE: Record<string, (id: string) => Promise<void>> = {
  'missing weights': (id) => unlink(path.join(modelsDir, id, 'weights.bin')),
  'short weights': (id) => truncate(path.join(modelsDir, id, 'weights.bin'), 100),
  'NaN weights': async (id) => {
    const file = path.join(modelsDir, id, 'weights.bin');
    const bytes = await readFile(file);
    new DataView(bytes.buffer, bytes.byteOffset).setFloat32(8, Number.NaN, true);
    await writeFile(file, bytes);
  },
  'unknown layer': (id) => editJson(id, (j) => { j.modelTopology.config.layers[1].class_name = 'Teleport'; }),
  'float64 weights': (id) => editJson(id, (j) => { j.weightsManifest[0].weights[0].dtype = 'float64'; }),
  '../ weights path': (id) => editJson(id, (j) => { j.weightsManifest[0].paths = ['../other/weights.bin']; }),
  'bad JSON': (id) => writeFile(path.join(modelsDir, id, 'model.json'), '{"format": "layers-model",'),
  'linked model.json': async (id) => {
    await rename(path.join(modelsDir, id, 'model.json'), path.join(outside, 'model.json'));
    await symlink(path.join(outside, 'model.json'), path.join(modelsDir, id, 'model.json'));
  },
  'linked weights.bin': async (id) => {
    await rename(path.join(modelsDir, id, 'weights.bin'), path.join(outside, 'weights.bin'));
    await symlink(path.join(outside, 'weights.bin'), path.join(modelsDir, id, 'weights.bin'));
  },
  'FIFO weights.bin': async (id) => {
    await unlink(path.join(modelsDir, id, 'weights.bin'));
    await execFileAsync('mkfifo', [path.join(modelsDir, id, 'weights.bin')]);
  },
  'linked model folder': async (id) => {
    const folder = path.join(modelsDir, id);
    await rename(folder, path.join(outside, id));
    await symlink(path.join(outside, id), folder);
  },
};

describe('ModelLibrary with damaged and hostile folders', () => {
  it.each(Object.keys(DAMAGE))('%s: listed as damaged with the precise reason; open, predict, export and rename say it; delete works', async (kind) => {
    const good = await lib.save('Good', false, net(), meta);
    const bad = await lib.save('Bad one', false, net(), meta);
    await DAMAGE[kind]!(bad.id);
    const outsideBefore = (await readdir(outside, { recursive: true })).sort();
    const reading = kind === 'linked model folder' ? null : await loadModel(path.join(modelsDir, bad.id)).then(() => null, (e: Error) => e.message);

    const list = await lib.list();
    expect(list.find((s) => s.id === good.id)).toEqual(good);
    const listed = list.find((s) => s.id === bad.id)!;
    expect(listed.damaged).toBeDefined();
    // The same check import uses: the listing's reason is the reader's own.
    if (reading) expect(formatMessage(listed.damaged!)).toContain(reading);
    expect(listed.damaged!.key).not.toBe('general.internal');

    for (const attempt of [() => lib.open(bad.id), () => lib.folderOf(bad.id), () => lib.rename(bad.id, 'Renamed', false)]) {
      expect(await resultOf(attempt())).toMatchObject({ ok: false, error: { code: 'bad-file', detail: listed.damaged } });
    }
    dialogs.exportPath = path.join(dir, 'exported');
    expect(await resultOf(lib.export(bad.id))).toMatchObject({ ok: false, error: { code: 'bad-file', detail: listed.damaged } });
    expect(await readdir(dir)).not.toContain('exported');

    await lib.delete(bad.id);
    expect(await lib.list()).toEqual([good]);
    expect(await readdir(modelsDir)).toEqual([good.id]);
    // Deleting a link removes the link, never what it points to.
    expect((await readdir(outside, { recursive: true })).sort()).toEqual(outsideBefore);
  });

  it('renaming a model reached through a linked folder never writes outside the library', async () => {
    const s = await lib.save('Linked', false, net(), meta);
    const folder = path.join(modelsDir, s.id);
    await rename(folder, path.join(outside, s.id));
    await symlink(path.join(outside, s.id), folder);
    const jsonBefore = await readFile(path.join(outside, s.id, 'model.json'), 'utf8');
    expect(await resultOf(lib.rename(s.id, 'Other name', false))).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    expect(await readFile(path.join(outside, s.id, 'model.json'), 'utf8')).toBe(jsonBefore);
    expect(await resultOf(lib.save('Linked', true, net(), meta))).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(await readFile(path.join(outside, s.id, 'model.json'), 'utf8')).toBe(jsonBefore);
  });

  it('clips a hostile file name quoted in a damaged model\'s reason', async () => {
    const s = await lib.save('Long', false, net(), meta);
    await editJson(s.id, (j) => { j.weightsManifest[0].paths = [`../${'x'.repeat(100_000)}`]; });
    const [listed] = await lib.list();
    expect(listed!.damaged!.key).toBe('modelFile.weightsOutside');
    expect(String(listed!.damaged!.params!['file']).length).toBeLessThanOrEqual(200);
  });

  it('exports only the regular files of a model, never what a link in its folder points to', async () => {
    const s = await lib.save('With link', false, net(), meta);
    await writeFile(path.join(outside, 'secret.txt'), 'private');
    await symlink(path.join(outside, 'secret.txt'), path.join(modelsDir, s.id, 'notes.txt'));
    dialogs.exportPath = path.join(dir, 'exported');
    expect(await lib.export(s.id)).toEqual({ path: path.join(dir, 'exported') });
    expect((await readdir(path.join(dir, 'exported'))).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('a failed import leaves the library folder as it was', async () => {
    await lib.save('Kept', false, net(), meta);
    const names = async () => (await readdir(modelsDir)).sort();
    const before = await names();
    const source = path.join(dir, 'source');
    await mkdir(source);
    await writeFile(path.join(source, 'model.json'), '{"format": "layers-model"');
    dialogs.folder = source;
    expect(await resultOf(lib.import())).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    expect(await names()).toEqual(before);

    // Fails while writing the copy (a full disk): nothing is left behind.
    const good = new ModelLibrary(modelsDir, dialogs, '1.2.3');
    await new ModelLibrary(path.join(dir, 'src-lib'), dialogs, '1').save('Friend', false, net(), meta);
    dialogs.folder = path.join(dir, 'src-lib', 'friend');
    const full = new ModelLibrary(modelsDir, dialogs, '1.2.3', {
      step: (s) => { if (s === 'save:temp-written') throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); },
    });
    expect(await resultOf(full.import())).toMatchObject({ ok: false, error: { code: 'io', detail: { key: 'modelFile.saveDiskFull' } } });
    expect(await names()).toEqual(before);

    // Written, but the copy does not read back (damaged on the way): it is removed, with the reason.
    const garbled = new ModelLibrary(modelsDir, dialogs, '1.2.3', {
      step: async (s) => { if (s === 'save:new-in-place') await truncate(path.join(modelsDir, 'friend', 'weights.bin'), 10); },
    });
    expect(await resultOf(garbled.import())).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    expect(await names()).toEqual(before);
    expect((await good.import())!.name).toBe('Friend');
  });

  it.each(['export:writing model.json', 'export:writing weights.bin', 'export:copied'])(
    'an export failing with a full disk at %s leaves no partial folder, nor a parent it created', async (at) => {
      const s = await lib.save('Exported', false, net(), meta);
      const full = new ModelLibrary(modelsDir, dialogs, '1.2.3', {
        step: (step) => { if (step === at) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); },
      });
      dialogs.exportPath = path.join(dir, 'usb', 'deep', 'Exported');
      expect(await resultOf(full.export(s.id))).toMatchObject({ ok: false, error: { code: 'io', detail: { key: 'library.exportDiskFull' } } });
      expect((await readdir(dir)).sort()).toEqual(['models', 'outside']);
      // Into an existing empty folder: the folder stays, empty.
      await mkdir(path.join(dir, 'empty'));
      dialogs.exportPath = path.join(dir, 'empty');
      expect(await resultOf(full.export(s.id))).toMatchObject({ ok: false, error: { code: 'io' } });
      expect((await readdir(dir)).sort()).toEqual(['empty', 'models', 'outside']);
      expect(await readdir(path.join(dir, 'empty'))).toEqual([]);
      expect(await lib.export(s.id)).toEqual({ path: path.join(dir, 'empty') });
      expect((await readdir(path.join(dir, 'empty'))).sort()).toEqual(['model.json', 'weights.bin']);
    });
});
