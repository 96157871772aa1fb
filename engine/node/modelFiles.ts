import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fromLayersModel, ModelFileError, toLayersModel, type ModelMetadata } from '../io/layersModel';
import type { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { LocalizedError, msg, type Message } from '../messages';
import { asideOf, newSuffix, tempOf, type StepHook } from './modelRecovery';
import { lstatOrMissing, readRegularFile, requireFolder, requireRegularFile } from './noFollow';

/**
 * Saved models on disk: a folder with model.json and weights.bin (TensorFlow.js layout).
 * Saving follows the protocol of modelRecovery.ts, so a crash or a full disk never leaves
 * half a model where the last good one was; loading checks links, sizes, paths and the
 * recorded checksum before parsing.
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

export interface SaveOptions {
  /** Called at each step of the protocol in modelRecovery.ts; tests stop or fail the save there. */
  step?: StepHook;
}

export async function saveModel(
  dir: string, network: Network, meta: Omit<ModelMetadata, 'formatVersion' | 'spec' | 'weightsSha256'>, options: SaveOptions = {},
): Promise<void> {
  const target = path.resolve(dir);
  const step = options.step;
  const { modelJson, weightData } = toLayersModel(network, meta);
  modelJson.userDefinedMetadata.layerwise.weightsSha256 = sha256(weightData);
  const text = JSON.stringify(modelJson);
  const hadOld = await checkReplaceable(target);

  const suffix = newSuffix();
  const temp = tempOf(target, suffix);
  const aside = asideOf(target, suffix);
  let phase: 'write' | 'replace' = 'write';
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(temp);
    await step?.('save:temp-created');
    await writeSynced(path.join(temp, 'weights.bin'), weightData);
    await writeSynced(path.join(temp, 'model.json'), text);
    await syncDir(temp);
    await step?.('save:temp-written');
    phase = 'replace';
    if (hadOld) await rename(target, aside);
    try {
      if (hadOld) await step?.('save:old-aside');
      await rename(temp, target);
    } catch (e) {
      // Put the previous model back before reporting: the folder must never be left empty.
      if (hadOld) await rename(aside, target);
      throw e;
    }
    await syncDir(path.dirname(target));
    await step?.('save:new-in-place');
    // The new model is in place; failing to delete the old copy is not a failed save (recovery deletes it later).
    if (hadOld) await rm(aside, { recursive: true, force: true }).catch(() => {});
  } catch (e) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    if (e instanceof LocalizedError) throw e;
    if (errCode(e) === 'ENOSPC') throw new ModelSaveError(msg('modelFile.saveDiskFull', { folder: target }), { cause: e });
    if (errCode(e) === 'EACCES' || errCode(e) === 'EPERM' || errCode(e) === 'EROFS') {
      throw new ModelSaveError(msg('modelFile.saveNotAllowed', { folder: path.dirname(target) }), { cause: e });
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new ModelSaveError(msg(phase === 'write' ? 'modelFile.saveWriteFailed' : 'modelFile.saveReplaceFailed', { folder: target, reason }), { cause: e });
  }
}

/**
 * Whether `target` holds a model to replace; refuses a file, a link, or a folder holding
 * anything but a model, so a wrong path never deletes the user's files nor writes through a link.
 */
async function checkReplaceable(target: string): Promise<boolean> {
  const info = await lstatOrMissing(target);
  if (info === 'missing') return false;
  if (info.isSymbolicLink()) throw new ModelSaveError(msg('modelFile.saveOverLink', { folder: target }));
  if (!info.isDirectory()) throw new ModelSaveError(msg('modelFile.saveOverFile', { folder: target }));
  const entries = await readdir(target, { withFileTypes: true });
  const foreign = entries.find((e) => !e.isFile() || !REPLACEABLE.test(e.name));
  if (foreign) throw new ModelSaveError(msg('modelFile.saveOverOtherFiles', { folder: target, file: foreign.name }));
  return true;
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

/**
 * Reads and checks a saved model: the folder, model.json and every weights file must be
 * what they claim (never a link nor a special file), within size limits, the weights
 * complete and finite, and matching the checksum recorded at save time. Every problem is
 * a ModelFileError with a catalog message; this is the one check import, open, listing,
 * prediction and export share.
 */
export async function loadModel(dir: string): Promise<{ network: Network; spec: NetworkSpec; metadata: ModelMetadata | null }> {
  const folder = path.resolve(dir);
  const folderInfo = await lstatOrMissing(folder);
  if (folderInfo === 'missing') throw new ModelFileError(msg('modelFile.noModelJson', { folder }));
  requireFolder(folderInfo, folder);
  const jsonPath = path.join(folder, 'model.json');
  const info = await lstatOrMissing(jsonPath);
  if (info === 'missing') throw new ModelFileError(msg('modelFile.noModelJson', { folder }));
  requireRegularFile(info, 'model.json');
  if (info.size > MAX_MODEL_JSON_BYTES) throw new ModelFileError(msg('modelFile.jsonTooLarge', { size: mb(info.size), max: mb(MAX_MODEL_JSON_BYTES) }));
  let json: unknown;
  try {
    json = JSON.parse((await readRegularFile(jsonPath, 'model.json')).toString('utf8'));
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(msg('modelFile.badJson', { reason: (e as Error).message }));
  }
  const paths = manifestPaths(json);
  const files = paths.map((p) => insideFolder(folder, p));
  const sizes = await Promise.all(files.map(async (f, i) => {
    const s = await lstatOrMissing(f);
    if (s === 'missing') throw new ModelFileError(msg('modelFile.weightsMissing', { file: paths[i]!, folder }));
    requireRegularFile(s, paths[i]!);
    return s.size;
  }));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > MAX_WEIGHT_BYTES) throw new ModelFileError(msg('modelFile.weightsTooLarge', { size: mb(total), max: mb(MAX_WEIGHT_BYTES) }));
  const data = new Uint8Array(total);
  let offset = 0;
  for (const [i, f] of files.entries()) {
    const bytes = await readRegularFile(f, paths[i]!);
    data.set(bytes.subarray(0, total - offset), offset);
    offset += Math.min(bytes.length, total - offset);
  }
  // Several files are named together, in the reader's language (the message catalog words it).
  const fileName = paths.length === 1 ? path.basename(paths[0]!) : msg('modelFile.weightFileSet');
  // Specific problems (truncation, NaN) first; the checksum then catches silent edits and bit rot.
  let result: ReturnType<typeof fromLayersModel>;
  try {
    result = fromLayersModel(json, data.subarray(0, offset), { fileName });
  } catch (e) {
    // Whatever a hostile file trips on is still a problem with the file, said as such.
    if (e instanceof LocalizedError) throw e;
    throw new ModelFileError(msg('modelFile.unreadable', { file: 'model.json', reason: (e as Error).message }));
  }
  const recorded = result.metadata?.weightsSha256;
  if (recorded && recorded !== sha256(data.subarray(0, offset))) throw new ModelFileError(msg('modelFile.checksum', { file: fileName }));
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
      throw new ModelFileError(msg('modelFile.badManifestPaths'));
    }
    return paths as string[];
  });
}

/** Resolves a manifest path inside the model folder, refusing `../x`, absolute paths and URLs. */
function insideFolder(folder: string, p: string): string {
  const resolved = path.resolve(folder, p);
  const rel = path.relative(folder, resolved);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || path.isAbsolute(p) || rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new ModelFileError(msg('modelFile.weightsOutside', { file: p }));
  }
  return resolved;
}

/** Megabytes with one decimal, as a number (so each language writes it its way). */
const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
