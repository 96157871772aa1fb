import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { predictProbs } from '../model/predict';
import { PRESETS } from '../model/presets';
import { loadModel, saveModel } from './modelFiles';
import { discard, recoverFolder, type StepHook } from './modelRecovery';

const META = { appVersion: 'test', createdAt: '2025-01-01T00:00:00.000Z', name: 'm' };
const SAVE_STEPS = ['save:temp-created', 'save:temp-written', 'save:old-aside', 'save:new-in-place'];
const x = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 31) / 31);
const net = (seed: number) => Network.fromSpec(PRESETS.mlp, new Rng(seed));
const outputsOf = (seed: number) => predictProbs(net(seed), x, 2);

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'layerwise-recovery-'));
  dir = path.join(root, 'model-a');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A hook that freezes the operation at `stopAt` forever, as a kill there would: nothing
 * after that step ever runs (the frozen promise is simply dropped). `reached` resolves then.
 */
function killAt(stopAt: string): { step: StepHook; reached: Promise<void> } {
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  return {
    reached,
    step: (s) => {
      if (s !== stopAt) return;
      reach();
      return new Promise<void>(() => {});
    },
  };
}

/** Which saved network the folder holds, by its outputs: the seed, or null when there is no model. */
async function heldSeed(folder: string, seeds: number[]): Promise<number | null> {
  const loaded = await loadModel(folder).catch(() => null);
  if (!loaded) return null;
  const out = predictProbs(loaded.network, x, 2);
  const match = seeds.find((s) => JSON.stringify(outputsOf(s)) === JSON.stringify(out));
  if (match === undefined) throw new Error('the model holds neither the old nor the new network');
  return match;
}

describe('recoverFolder', () => {
  it.each(SAVE_STEPS)('an overwrite killed at %s recovers to exactly one model, old or new, and no leftovers', async (stopAt) => {
    await saveModel(dir, net(1), META);
    const { step, reached } = killAt(stopAt);
    void saveModel(dir, net(2), META, { step });
    await reached;
    expect((await readdir(root)).length).toBeGreaterThan(1);
    await recoverFolder(root);
    expect(await readdir(root)).toEqual(['model-a']);
    // Before the old one is set aside the save never happened; once the new one is complete it wins.
    expect(await heldSeed(dir, [1, 2])).toBe(stopAt === 'save:temp-created' || stopAt === 'save:temp-written' ? 1 : 2);
  });

  it.each(SAVE_STEPS.filter((s) => s !== 'save:old-aside'))('a first save killed at %s leaves no model or the whole model, and no leftovers', async (stopAt) => {
    const { step, reached } = killAt(stopAt);
    void saveModel(dir, net(2), META, { step });
    await reached;
    await recoverFolder(root);
    const names = await readdir(root);
    expect(names.filter((n) => n !== 'model-a')).toEqual([]);
    expect(await heldSeed(dir, [2])).toBe(stopAt === 'save:new-in-place' ? 2 : null);
  });

  it('a delete killed after its rename leaves the model gone and no leftovers', async () => {
    await saveModel(dir, net(1), META);
    const { step, reached } = killAt('discard:renamed');
    void discard(dir, step);
    await reached;
    await recoverFolder(root);
    expect(await readdir(root)).toEqual([]);
  });

  it('deletes leftovers without following links, and leaves everything else alone', async () => {
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'mine');
    await mkdir(path.join(root, 'models'));
    await symlink(outside, path.join(root, 'models', 'x.tmp-0123456789ab'));
    await mkdir(path.join(root, 'models', 'y.old-0123456789ab'));
    await mkdir(path.join(root, 'models', 'y'));
    await writeFile(path.join(root, 'models', 'notes.tmp-1'), 'not ours: the suffix is not one of ours');
    await recoverFolder(path.join(root, 'models'));
    expect((await readdir(path.join(root, 'models'))).sort()).toEqual(['notes.tmp-1', 'y']);
    expect(await readdir(outside)).toEqual(['keep.txt']);
  });

  it.each(['save:old-aside', 'save:temp-written'])('a real process killed (SIGKILL) at %s during an overwrite recovers', async (stopAt) => {
    await saveModel(dir, net(1), META);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./modelRecovery.killChild.ts', import.meta.url)), dir, stopAt, '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes(`at ${stopAt}`)) resolve();
        });
        child.on('exit', () => reject(new Error(`the child exited before ${stopAt}: ${out} ${err}`)));
      });
    } finally {
      // Killed where it waits; also if anything above failed, so no process is left behind.
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(out).not.toContain('finished');
    await recoverFolder(root);
    expect(await readdir(root)).toEqual(['model-a']);
    expect(await heldSeed(dir, [1, 2])).toBe(stopAt === 'save:old-aside' ? 2 : 1);
  }, 60_000);
});
