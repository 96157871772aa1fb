/**
 * "Export as code" through the host's model library: the folder the user picks gets the
 * script (and, for PyTorch, the weights; for a 2-D model, its points as CSV), all or nothing.
 * The scripts themselves run for real in engine/export/pytorchScript.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Network, PRESETS, Rng } from '../../engine';
import { errorToResult } from './hostError';
import { ScriptedDialogs } from './hostTestKit';
import { ModelLibrary } from './modelLibrary';

let dir: string, dialogs: ScriptedDialogs, lib: ModelLibrary;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-code-export-'));
  dialogs = new ScriptedDialogs();
  lib = new ModelLibrary(path.join(dir, 'models'), dialogs, '1.2.3');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const resultOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => errorToResult(e, 'test'));

describe('exporting a saved model as code', () => {
  it('writes a 2-D model as PyTorch with its weights and the points it trained on, which PyTorch evaluates', async () => {
    const source = { kind: 'generated' as const, generator: 'circles' as const, points: 200, arms: 2, seed: 1, testShare: 0.2, noise: null };
    const saved = await lib.save('Circles', false, Network.fromSpec(PRESETS.plane, new Rng(1), { numClasses: 2 }), {
      dataset: { name: 'circles', trainCount: 160, testCount: 40, task: { kind: 'classification', classNames: ['0', '1'] }, source },
    });
    dialogs.exportPath = path.join(dir, 'out', 'circles-code');
    expect(await lib.exportCode(saved.id, 'pytorch')).toEqual({ path: dialogs.exportPath });
    expect(dialogs.asked).toEqual(['export:Circles PyTorch']);
    expect((await readdir(dialogs.exportPath)).sort()).toEqual(['model.py', 'test.csv', 'train.csv', 'weights']);
    expect((await readFile(path.join(dialogs.exportPath, 'test.csv'), 'utf8')).trim().split('\n')).toHaveLength(41);
    const run = spawnSync('/usr/bin/python3', [path.join(dialogs.exportPath, 'model.py'), '--evaluate'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toHaveProperty('testAccuracy');
  }, 30_000);

  it('writes Keras alone, and a cancelled dialog writes nothing', async () => {
    const saved = await lib.save('Digits', false, Network.fromSpec(PRESETS.cnn, new Rng(1)), {});
    expect(await lib.exportCode(saved.id, 'keras')).toBeNull();
    dialogs.exportPath = path.join(dir, 'keras');
    await lib.exportCode(saved.id, 'keras');
    expect(await readdir(dialogs.exportPath)).toEqual(['model_keras.py']);
  });

  it('refuses a folder that is not empty and a layer PyTorch cannot reproduce, leaving nothing behind', async () => {
    const saved = await lib.save('Digits', false, Network.fromSpec(PRESETS.mlp, new Rng(1)), {});
    dialogs.exportPath = path.join(dir, 'busy');
    await mkdir(dialogs.exportPath);
    await writeFile(path.join(dialogs.exportPath, 'notes.txt'), 'mine');
    expect(await resultOf(lib.exportCode(saved.id, 'pytorch'))).toMatchObject({ ok: false, error: { code: 'exists' } });
    expect(await readdir(dialogs.exportPath)).toEqual(['notes.txt']);

    const odd = await lib.save('Odd', false, Network.fromSpec({
      input_shape: [2],
      layers: [{ type: 'Dense', units: 12 }, { type: 'Reshape', target_shape: [2, 2, 3] }, { type: 'Flatten' }, { type: 'Dense', units: 2, activation: 'softmax' }],
    }, new Rng(1), { numClasses: null }), {});
    dialogs.exportPath = path.join(dir, 'odd', 'code');
    const refused = await resultOf(lib.exportCode(odd.id, 'pytorch'));
    expect(refused).toMatchObject({ ok: false, error: { detail: { key: 'export.layer', params: { layer: 'reshape_1' } } } });
    expect(await readdir(dir)).not.toContain('odd');
  });
});
