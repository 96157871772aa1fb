/**
 * The model library: one folder per model in `modelsDir`, named by its id (see
 * modelNames.ts), holding model.json and weights.bin; the name the student gave lives
 * in the metadata. Changes are serialized, so two saves of one name cannot race; every
 * id from the renderer is checked and resolved inside the library only.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Hyperparams, ModelSummary, OpenedModel } from '../ipc/contract';
import { ModelFileError, type ModelMetadata } from '../../engine/io/layersModel';
import { analyzeNetwork } from '../../engine/model/analyze';
import type { Network } from '../../engine/model/network';
import type { NetworkSpec } from '../../engine/model/spec';
import { SpecError } from '../../engine/model/specError';
import { loadModel, MAX_MODEL_JSON_BYTES, saveModel } from '../../engine/node/modelFiles';
import type { EpochMetrics } from '../../engine/train/trainer';
import { HostError } from './hostError';
import { fromTrainConfig } from './hyperparams';
import { cleanModelName, idMatchesSlug, MAX_NAME_CHARS, MODEL_ID, modelFolder, sameName, slugFor, uniqueId, uniqueName } from './modelNames';
import type { HostDialogs } from './types';

/** What the host knows of a model beyond its weights when saving it. */
export type SaveMetadata = Omit<ModelMetadata, 'formatVersion' | 'spec' | 'weightsSha256' | 'name' | 'createdAt' | 'appVersion'>;

const notFound = () => new HostError('not-found', 'That model is not in the library any more.');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

export class ModelLibrary {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, { mtimeMs: number; size: number; summary: ModelSummary }>();

  constructor(readonly dir: string, private readonly dialogs: HostDialogs, private readonly appVersion: string) {}

  /** Every readable model, newest first; folders that are not models (or are damaged) are skipped. */
  async list(): Promise<ModelSummary[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((e: unknown) => {
      if (errno(e) === 'ENOENT') return [];
      throw e;
    });
    const ids = entries.filter((e) => e.isDirectory() && MODEL_ID.test(e.name)).map((e) => e.name);
    const summaries = await Promise.all(ids.map((id) => this.summary(id).catch(() => null)));
    return summaries.filter((s): s is ModelSummary => s !== null)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.name.localeCompare(b.name));
  }

  /** One model's summary (cached while its model.json is unchanged). */
  async summary(id: string): Promise<ModelSummary> {
    const folder = modelFolder(this.dir, id);
    const jsonPath = path.join(folder, 'model.json');
    const info = await stat(jsonPath).catch(() => null);
    if (!info?.isFile()) throw notFound();
    const cached = this.cache.get(id);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.summary;
    if (info.size > MAX_MODEL_JSON_BYTES) throw new ModelFileError('model.json is too large.');
    const json: unknown = JSON.parse(await readFile(jsonPath, 'utf8'));
    let meta = isObject(json) && isObject(json['userDefinedMetadata']) ? json['userDefinedMetadata']['layerwise'] : undefined;
    let spec = isObject(meta) ? (meta['spec'] as NetworkSpec) : undefined;
    if (!isObject(meta) || analyzeNetwork(spec!, { numClasses: null }).issues.length > 0) {
      // Not saved by Layerwise (e.g. a TensorFlow.js model copied in): read it the thorough way.
      const loaded = await loadModel(folder);
      spec = loaded.spec;
      meta = { ...loaded.metadata };
    }
    const m = meta as Record<string, unknown>;
    const ds = isObject(m['dataset']) ? m['dataset'] : null;
    const summary: ModelSummary = {
      id,
      name: typeof m['name'] === 'string' && m['name'] !== '' ? m['name'] : id,
      savedAt: typeof m['createdAt'] === 'string' && m['createdAt'] !== '' ? m['createdAt'] : info.mtime.toISOString(),
      architecture: spec!.layers.length ? spec!.layers.map((l) => l.type).join(' → ') : '(no layers)',
      params: analyzeNetwork(spec!, { numClasses: null }).totalParams,
      testAccuracy: typeof m['testAccuracy'] === 'number' ? m['testAccuracy'] : null,
      datasetName: ds && typeof ds['name'] === 'string' ? ds['name'] : null,
    };
    this.cache.set(id, { mtimeMs: info.mtimeMs, size: info.size, summary });
    return summary;
  }

  /** The folder of a model that exists (for predictions). */
  async folderOf(id: string): Promise<{ folder: string; summary: ModelSummary }> {
    return { folder: modelFolder(this.dir, id), summary: await this.summary(id) };
  }

  /** Loads and checks the whole model (weights included), and returns what the editor needs. */
  async open(id: string): Promise<OpenedModel> {
    const summary = await this.summary(id);
    const { spec, metadata } = await loadModel(modelFolder(this.dir, id));
    const training = metadata?.training;
    const hyperparams: Partial<Hyperparams> | null = training ? fromTrainConfig(training.config, metadata?.seed) : null;
    return { summary, spec, hyperparams, history: cleanHistory(training?.history) };
  }

  /** Saves a trained network under `name`; an existing name is 'exists' unless `overwrite` (then replaced). */
  save(rawName: string, overwrite: boolean, network: Network, meta: SaveMetadata): Promise<ModelSummary> {
    return this.exclusive(async () => {
      const name = cleanModelName(rawName);
      const existing = (await this.list()).find((s) => sameName(s.name, name));
      if (existing && !overwrite) throw existsError(existing.name);
      const id = existing?.id ?? await this.freshId(slugFor(name));
      await saveModel(modelFolder(this.dir, id), network, { ...meta, name, appVersion: this.appVersion, createdAt: new Date().toISOString() });
      return this.summary(id);
    });
  }

  /** Renames a model (rewriting its model.json atomically) and moves its folder to an id matching the new name. */
  rename(id: string, rawName: string, overwrite: boolean): Promise<ModelSummary> {
    return this.exclusive(async () => {
      const name = cleanModelName(rawName);
      const folder = modelFolder(this.dir, id);
      await this.summary(id);
      const other = (await this.list()).find((s) => s.id !== id && sameName(s.name, name));
      if (other && !overwrite) throw existsError(other.name);
      if (other) await this.remove(other.id);
      await this.rewriteName(folder, name);
      const slug = slugFor(name);
      if (idMatchesSlug(id, slug)) return this.summary(id);
      const newId = await this.freshId(slug);
      await rename(folder, modelFolder(this.dir, newId));
      this.cache.delete(id);
      return this.summary(newId);
    });
  }

  delete(id: string): Promise<void> {
    return this.exclusive(async () => {
      await this.summary(id);
      await this.remove(id);
    });
  }

  /** Copies a model folder where the user chooses; never into an existing non-empty folder. */
  async export(id: string): Promise<{ path: string } | null> {
    const { folder, summary } = await this.folderOf(id);
    const picked = await this.dialogs.pickExportPath(summary.name);
    if (picked === null) return null;
    const target = path.resolve(picked);
    const info = await stat(target).catch(() => null);
    if (info && !info.isDirectory()) throw new HostError('exists', `${target} is a file; choose a new folder name.`);
    if (info && (await readdir(target)).length > 0) throw new HostError('exists', `${target} already exists and is not empty; choose a new folder name.`);
    await mkdir(target, { recursive: true });
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isFile()) await copyFile(path.join(folder, entry.name), path.join(target, entry.name), constants.COPYFILE_EXCL);
    }
    return { path: target };
  }

  /** Asks for a model folder, checks it thoroughly, and saves a copy into the library under a free name. */
  async import(): Promise<ModelSummary | null> {
    const picked = await this.dialogs.pickFolder('import-model');
    if (picked === null) return null;
    const { network, spec, metadata } = await loadModel(picked);
    const issues = analyzeNetwork(spec, { numClasses: 10 }).issues;
    if (issues.length > 0) throw new ModelFileError(`This model cannot be used to classify digits: ${new SpecError(issues).message}`);
    let base: string;
    try {
      base = cleanModelName(metadata?.name || path.basename(path.resolve(picked)));
    } catch {
      base = 'Imported model';
    }
    return this.exclusive(async () => {
      const name = uniqueName(base.slice(0, MAX_NAME_CHARS), (await this.list()).map((s) => s.name));
      const id = await this.freshId(slugFor(name));
      await saveModel(modelFolder(this.dir, id), network, {
        name, appVersion: this.appVersion, createdAt: new Date().toISOString(),
        ...(metadata?.dataset ? { dataset: metadata.dataset } : {}),
        ...(metadata?.seed !== undefined ? { seed: metadata.seed } : {}),
        ...(metadata?.training ? { training: metadata.training } : {}),
        testAccuracy: metadata?.testAccuracy ?? null,
      });
      return this.summary(id);
    });
  }

  private async remove(id: string): Promise<void> {
    await rm(modelFolder(this.dir, id), { recursive: true, force: true });
    this.cache.delete(id);
  }

  private async freshId(slug: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return uniqueId(slug, (id) => stat(modelFolder(this.dir, id)).then(() => true, () => false));
  }

  /** Sets the name in model.json through a synced temporary file renamed over it. */
  private async rewriteName(folder: string, name: string): Promise<void> {
    const jsonPath = path.join(folder, 'model.json');
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as Record<string, unknown>;
    const meta = isObject(json['userDefinedMetadata']) ? json['userDefinedMetadata']['layerwise'] : undefined;
    if (!isObject(meta)) {
      // A foreign model: give it Layerwise metadata by saving it again.
      const { network } = await loadModel(folder);
      await saveModel(folder, network, { name, appVersion: this.appVersion, createdAt: new Date().toISOString() });
      return;
    }
    meta['name'] = name;
    const temp = path.join(folder, `model.json.tmp-${randomBytes(6).toString('hex')}`);
    try {
      const fh = await open(temp, 'wx');
      try {
        await fh.writeFile(JSON.stringify(json));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, jsonPath);
    } finally {
      await rm(temp, { force: true }).catch(() => {});
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

function existsError(name: string): HostError {
  return new HostError('exists', `A model named "${name}" already exists. Choose another name, or replace it.`);
}

/** The after-epoch training measurement, when the history has one (older saves do not). */
function measuredTrain(h: Record<string, unknown>, num: (v: unknown) => number | null): Partial<EpochMetrics> {
  const loss = num(h['measuredTrainLoss']), accuracy = num(h['measuredTrainAccuracy']), count = num(h['measuredTrainCount']);
  return loss === null || accuracy === null || count === null ? {} : { measuredTrainLoss: loss, measuredTrainAccuracy: accuracy, measuredTrainCount: count };
}

/** The epoch metrics of a saved history, keeping only well-formed entries. */
function cleanHistory(raw: unknown): EpochMetrics[] {
  if (!Array.isArray(raw)) return [];
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return raw.flatMap((h: unknown) => {
    if (!isObject(h) || num(h['epoch']) === null || num(h['trainLoss']) === null || num(h['trainAccuracy']) === null) return [];
    return [{
      epoch: num(h['epoch'])!, trainLoss: num(h['trainLoss'])!, trainAccuracy: num(h['trainAccuracy'])!,
      valLoss: num(h['valLoss']), valAccuracy: num(h['valAccuracy']), seconds: num(h['seconds']) ?? 0,
      ...measuredTrain(h, num),
    }];
  });
}
