/** The name an imported model gets when neither it nor its folder has a usable one: the UI's, in its language. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng, Network, PRESETS } from '../../engine';
import { saveModel } from '../../engine/node';
import { ScriptedDialogs } from './hostTestKit';
import { ModelLibrary } from './modelLibrary';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-import-name-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing a model without a usable name', () => {
  it('takes the name the UI gave in its language, else the catalog’s English', async () => {
    // A folder whose name is only spaces, a model that records no name.
    const folder = path.join(dir, '   ');
    await saveModel(folder, Network.fromSpec(PRESETS.mlp, new Rng(1)), { appVersion: '0.0.1', createdAt: '2020-01-01T00:00:00.000Z', name: '' });
    const dialogs = new ScriptedDialogs();
    dialogs.folder = folder;
    const lib = new ModelLibrary(path.join(dir, 'models'), dialogs, '1.0.0');
    expect((await lib.import('Modèle importé'))!.name).toBe('Modèle importé');
    expect((await lib.import())!.name).toBe('Imported model');
  });
});
