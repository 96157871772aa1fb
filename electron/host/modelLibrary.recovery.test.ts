import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng, Network, PRESETS } from '../../engine';
import { ScriptedDialogs } from './hostTestKit';
import { ModelLibrary } from './modelLibrary';

let dir: string;
let modelsDir: string;
let dialogs: ScriptedDialogs;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-librecovery-'));
  modelsDir = path.join(dir, 'models');
  dialogs = new ScriptedDialogs();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mlp = () => Network.fromSpec(PRESETS.mlp, new Rng(1));
const cnn = () => Network.fromSpec(PRESETS.cnn, new Rng(2));

/** A library whose operations freeze forever at `stopAt`, as if the app were killed there. */
function killedAt(stopAt: string): { lib: ModelLibrary; reached: Promise<void> } {
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const lib = new ModelLibrary(modelsDir, dialogs, '1', {
    step: (s) => {
      if (s !== stopAt) return;
      reach();
      return new Promise<void>(() => {});
    },
  });
  return { lib, reached };
}

/** The library as the next start sees it: recovered, every model listed once and opening, nothing pending left. */
async function afterRestart(): Promise<{ name: string; layers: number }[]> {
  const lib = new ModelLibrary(modelsDir, dialogs, '1');
  const list = await lib.list();
  expect(list.filter((s) => s.damaged)).toEqual([]);
  expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
  const names = await readdir(modelsDir, { recursive: true });
  expect(names.filter((n) => /\.(tmp|old)-/.test(n))).toEqual([]);
  const opened = await Promise.all(list.map(async (s) => ({ name: s.name, layers: (await lib.open(s.id)).spec.layers.length })));
  return opened.sort((a, b) => a.name.localeCompare(b.name));
}

const MLP = PRESETS.mlp.layers.length;
const CNN = PRESETS.cnn.layers.length;

describe('ModelLibrary after a crash at each step', () => {
  it.each([
    ['save:temp-created', MLP], ['save:temp-written', MLP], ['save:old-aside', CNN], ['save:new-in-place', CNN],
  ])('an overwriting save killed at %s: the model is there once, with its old or new network', async (stopAt, layers) => {
    await new ModelLibrary(modelsDir, dialogs, '1').save('Net', false, mlp(), {});
    const { lib, reached } = killedAt(stopAt);
    void lib.save('Net', true, cnn(), {});
    await reached;
    expect(await afterRestart()).toEqual([{ name: 'Net', layers }]);
  });

  it.each(['rename:json-temp-written', 'rename:name-written'])('a rename killed at %s: the model is there once, under one of its names', async (stopAt) => {
    await new ModelLibrary(modelsDir, dialogs, '1').save('Alpha', false, mlp(), {});
    const { lib, reached } = killedAt(stopAt);
    void lib.rename('alpha', 'Beta', false);
    await reached;
    expect(await afterRestart()).toEqual([{ name: stopAt === 'rename:json-temp-written' ? 'Alpha' : 'Beta', layers: MLP }]);
  });

  it('a rename replacing another model, killed after deleting it: the renamed model stays, once', async () => {
    const first = new ModelLibrary(modelsDir, dialogs, '1');
    await first.save('Alpha', false, mlp(), {});
    await first.save('Beta', false, cnn(), {});
    const { lib, reached } = killedAt('discard:renamed');
    void lib.rename('alpha', 'beta', true);
    await reached;
    expect(await afterRestart()).toEqual([{ name: 'Alpha', layers: MLP }]);
  });

  it('a delete killed midway: the model is gone, nothing left', async () => {
    await new ModelLibrary(modelsDir, dialogs, '1').save('Gone', false, mlp(), {});
    const { lib, reached } = killedAt('discard:renamed');
    void lib.delete('gone');
    await reached;
    expect(await afterRestart()).toEqual([]);
  });

  it.each(['save:temp-written', 'save:new-in-place'])('an import killed at %s: no trace, or the imported model once', async (stopAt) => {
    const source = new ModelLibrary(path.join(dir, 'elsewhere'), dialogs, '1');
    await source.save('Friend', false, cnn(), {});
    dialogs.folder = path.join(dir, 'elsewhere', 'friend');
    const { lib, reached } = killedAt(stopAt);
    void lib.import();
    await reached;
    expect(await afterRestart()).toEqual(stopAt === 'save:new-in-place' ? [{ name: 'Friend', layers: CNN }] : []);
  });
});
