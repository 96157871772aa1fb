/** Weights split over several files (as TF.js shards them): read together, and named together in the reader's language. */
import { mkdtemp, readFile, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { formatMessage, type Message } from '../messages';
import { Network } from '../model/network';
import { loadModel, saveModel } from './modelFiles';

const SPEC = { input_shape: [2], layers: [{ type: 'Dense', units: 3, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] };
const META = { appVersion: '0.1.0', createdAt: '2025-01-01T00:00:00.000Z', name: 'plane', seed: 1 };

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'layerwise-shards-')), 'model');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

/** Saves a model, then splits its weights.bin into two shards listed in model.json. */
async function shardedModel(): Promise<Buffer> {
  await saveModel(dir, Network.fromSpec(SPEC as never, new Rng(3), { numClasses: 2 }), META);
  const bytes = await readFile(path.join(dir, 'weights.bin'));
  await writeFile(path.join(dir, 'group1-shard1of2.bin'), bytes.subarray(0, 20));
  await writeFile(path.join(dir, 'group1-shard2of2.bin'), bytes.subarray(20));
  await unlink(path.join(dir, 'weights.bin'));
  const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
  return bytes;
}

describe('weights in several files', () => {
  it('reads them in order, and names them together in English or French when they do not match', async () => {
    const bytes = await shardedModel();
    await loadModel(dir);
    const changed = Buffer.from(bytes.subarray(20));
    changed[0] = changed[0]! ^ 1;
    await writeFile(path.join(dir, 'group1-shard2of2.bin'), changed);
    const e = await loadModel(dir).then(() => null, (err: { detail: Message }) => err);
    expect(formatMessage(e!.detail, 'en')).toBe('The set of weight files does not match the checksum recorded in model.json: the file was changed or damaged.');
    expect(formatMessage(e!.detail, 'fr')).toBe('L’ensemble des fichiers de poids ne correspond pas à la somme de contrôle enregistrée dans model.json : le fichier a été modifié ou endommagé.');
  });
});
