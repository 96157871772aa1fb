import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fromLayersModel, ModelFileError, toLayersModel, type ModelMetadata } from '../io/layersModel';
import type { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { LocalizedError, type Message } from '../messages';

/**
 * Saved models on disk: a folder with model.json and weights.bin (TensorFlow.js layout).
 * Saving is atomic, so a crash or a full disk never leaves half a model where the last
 * good one was; loading checks sizes, paths and the recorded checksum before parsing.
 */
export const MAX_MODEL_JSON_BYTES = 10 * 1024 * 1024;
export const MAX_WEIGHT_BYTES = 200 * 1024 * 1024;

/** Files a model folder may hold; anything else means the folder is not ours to replace. */
const REPLACEABLE = /^(model\.json|.*\.bin|\.DS_Store|Thumbs\.db|desktop\.ini)$/;

export class ModelSaveError extends LocalizedError {
  constructor(message: string | Message, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelSaveError';
  }
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const errCode = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

export async function saveModel(
  dir: string, network: Network, meta: Omit<ModelMetadata, 'formatVersion' | 'spec' | 'weightsSha256'>,
): Promise<void> {
  const target = path.resolve(dir);
  const { modelJson, weightData } = toLayersModel(network, meta);
  modelJson.userDefinedMetadata.layerwise.weightsSha256 = sha256(weightData);
  const text = JSON.stringify(modelJson);
  await checkReplaceable(target);

  const suffix = randomBytes(6).toString('hex');
  const temp = `${target}.tmp-${suffix}`;
  const aside = `${target}.old-${suffix}`;
  let phase: 'write' | 'replace' = 'write';
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(temp);
    await writeSynced(path.join(temp, 'weights.bin'), weightData);
    await writeSynced(path.join(temp, 'model.json'), text);
    await syncDir(temp);
    phase = 'replace';
    const hadOld = await exists(target);
    if (hadOld) await rename(target, aside);
    try {
      await rename(temp, target);
    } catch (e) {
      // Put the previous model back before reporting: the folder must never be left empty.
      if (hadOld) await rename(aside, target);
      throw e;
    }
    await syncDir(path.dirname(target));
    // The new model is in place; failing to delete the old copy is not a failed save.
    if (hadOld) await rm(aside, { recursive: true, force: true }).catch(() => {});
  } catch (e) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    if (errCode(e) === 'ENOSPC') throw new ModelSaveError(`Not enough disk space to save the model in ${target}.`, { cause: e });
    if (errCode(e) === 'EACCES' || errCode(e) === 'EPERM') {
      throw new ModelSaveError(`Layerwise is not allowed to write to ${path.dirname(target)}; choose another folder.`, { cause: e });
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new ModelSaveError(`Could not save the model in ${target} (${phase === 'write' ? 'writing' : 'replacing'} the files failed: ${why}).`, { cause: e });
  }
}

/** Refuses to replace a file, or a folder holding anything but a model, so a wrong path never deletes the user's files. */
async function checkReplaceable(target: string): Promise<void> {
  const info = await stat(target).catch(() => null);
  if (!info) return;
  if (!info.isDirectory()) throw new ModelSaveError(`${target} is a file, not a model folder; choose another name.`);
  const entries = await readdir(target, { withFileTypes: true });
  const foreign = entries.find((e) => !e.isFile() || !REPLACEABLE.test(e.name));
  if (foreign) {
    throw new ModelSaveError(`${target} already exists and holds other files (such as ${foreign.name}); choose an empty folder or a new name.`);
  }
}

async function writeSynced(file: string, data: Uint8Array | string): Promise<void> {
  const fh = await open(file, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes the renames durable; directories cannot be opened for sync on Windows, where rename is durable enough. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => null);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the data files are already synced.
  } finally {
    await fh.close();
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

export async function loadModel(dir: string): Promise<{ network: Network; spec: NetworkSpec; metadata: ModelMetadata | null }> {
  const folder = path.resolve(dir);
  const jsonPath = path.join(folder, 'model.json');
  const info = await stat(jsonPath).catch((e: unknown) => {
    if (errCode(e) === 'ENOENT') throw new ModelFileError(`There is no model.json in ${folder}; a saved model is a folder with model.json and weights.bin.`);
    throw new ModelFileError(`Could not read ${jsonPath}: ${(e as Error).message}`);
  });
  if (!info.isFile()) throw new ModelFileError(`${jsonPath} is not a file.`);
  if (info.size > MAX_MODEL_JSON_BYTES) throw new ModelFileError(`model.json is ${mb(info.size)}; Layerwise opens model.json files of at most ${mb(MAX_MODEL_JSON_BYTES)}.`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (e) {
    throw new ModelFileError(`model.json is not valid JSON (${(e as Error).message}).`);
  }
  const paths = manifestPaths(json);
  const files = paths.map((p) => insideFolder(folder, p));
  const sizes = await Promise.all(files.map(async (f, i) => {
    const s = await stat(f).catch(() => null);
    if (!s?.isFile()) throw new ModelFileError(`The weights file ${paths[i]} listed in model.json is missing from ${folder}.`);
    return s.size;
  }));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > MAX_WEIGHT_BYTES) throw new ModelFileError(`The weights are ${mb(total)}; Layerwise opens models of at most ${mb(MAX_WEIGHT_BYTES)} of weights.`);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const f of files) {
    const bytes = await readFile(f);
    data.set(bytes.subarray(0, total - offset), offset);
    offset += Math.min(bytes.length, total - offset);
  }
  const fileName = paths.length === 1 ? path.basename(paths[0]!) : 'The weight files';
  // Specific problems (truncation, NaN) first; the checksum then catches silent edits and bit rot.
  const result = fromLayersModel(json, data.subarray(0, offset), { fileName });
  const recorded = result.metadata?.weightsSha256;
  if (recorded && recorded !== sha256(data.subarray(0, offset))) {
    throw new ModelFileError(`${fileName} does not match the checksum recorded in model.json: the file was changed or damaged.`);
  }
  return result;
}

/** Every weights path of the manifest, in order; a malformed manifest yields none and fromLayersModel reports it. */
function manifestPaths(json: unknown): string[] {
  const manifest = json !== null && typeof json === 'object' ? (json as { weightsManifest?: unknown }).weightsManifest : undefined;
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group: unknown) => {
    const paths = group !== null && typeof group === 'object' ? (group as { paths?: unknown }).paths : undefined;
    if (paths === undefined) return [];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p !== '')) {
      throw new ModelFileError('The weightsManifest in model.json has a "paths" entry that is not a list of file names.');
    }
    return paths as string[];
  });
}

/** Resolves a manifest path inside the model folder, refusing `../x`, absolute paths and URLs. */
function insideFolder(folder: string, p: string): string {
  const resolved = path.resolve(folder, p);
  const rel = path.relative(folder, resolved);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || path.isAbsolute(p) || rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new ModelFileError(`model.json refers to the weights file "${p}" outside the model folder; weight files must sit beside model.json.`);
  }
  return resolved;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
