/**
 * What the library shows of a model folder: its summary when it opens, or its name and
 * the reason it does not (damaged), and the cheap signature that says when to look again.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ModelSummary } from '../ipc/contract';
import { type Message, analyzeNetwork } from '../../engine';
import { type loadModel, MAX_MODEL_JSON_BYTES, lstatOrMissing, readRegularFile } from '../../engine/node';
import { clipDetail } from './hostError';
import { cleanModelName } from './modelNames';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What identifies the state of a model folder without reading it: the folder and each of
 * its entries, as lstat sees them; null when the folder is gone.
 */
export async function signatureOf(folder: string): Promise<string | null> {
  const info = await lstatOrMissing(folder);
  if (info === 'missing') return null;
  const head = `${info.mode}:${info.ino}:${info.mtimeMs}`;
  if (!info.isDirectory()) return head;
  const names = (await readdir(folder).catch(() => [])).sort();
  const parts = await Promise.all(names.map(async (n) => {
    const s = await lstatOrMissing(path.join(folder, n)).catch(() => 'missing' as const);
    return s === 'missing' ? `${n}:-` : `${n}:${s.mode}:${s.ino}:${s.size}:${s.mtimeMs}`;
  }));
  return [head, ...parts].join('|');
}

/** The summary of a model that opens; `fileDate` stands in for a missing save date. */
export function describeModel(id: string, loaded: Awaited<ReturnType<typeof loadModel>>, fileDate: Date): ModelSummary {
  const { spec, metadata: m } = loaded;
  return {
    id,
    name: typeof m?.name === 'string' && m.name !== '' ? m.name : id,
    savedAt: typeof m?.createdAt === 'string' && m.createdAt !== '' ? m.createdAt : fileDate.toISOString(),
    architecture: spec.layers.length ? spec.layers.map((l) => l.type).join(' → ') : '(no layers)',
    params: analyzeNetwork(spec, { numClasses: null }).totalParams,
    testAccuracy: typeof m?.testAccuracy === 'number' ? m.testAccuracy : null,
    datasetName: typeof m?.dataset?.name === 'string' ? m.dataset.name : null,
  };
}

/** A model that does not open: its name if model.json still says it, and why. */
export async function damagedSummary(id: string, folder: string, damaged: Message): Promise<ModelSummary> {
  let name = id;
  const folderInfo = await lstatOrMissing(folder).catch(() => 'missing' as const);
  let savedAt = (folderInfo === 'missing' ? new Date(0) : folderInfo.mtime).toISOString();
  const info = await lstatOrMissing(path.join(folder, 'model.json')).catch(() => 'missing' as const);
  if (info !== 'missing' && info.isFile() && info.size <= MAX_MODEL_JSON_BYTES) {
    savedAt = info.mtime.toISOString();
    try {
      const json: unknown = JSON.parse((await readRegularFile(path.join(folder, 'model.json'), 'model.json')).toString('utf8'));
      const meta = isObject(json) && isObject(json['userDefinedMetadata']) ? json['userDefinedMetadata']['layerwise'] : undefined;
      if (isObject(meta) && typeof meta['createdAt'] === 'string' && !Number.isNaN(Date.parse(meta['createdAt']))) savedAt = meta['createdAt'];
      if (isObject(meta) && typeof meta['name'] === 'string' && meta['name'] !== '') name = cleanModelName(meta['name']);
    } catch {
      // The reason is already known; the id stands in for the name.
    }
  }
  // The reason may quote a hostile file (a weights path megabytes long): clipped as errors are.
  return { id, name, savedAt, architecture: '', params: 0, testAccuracy: null, datasetName: null, damaged: clipDetail(damaged) };
}
