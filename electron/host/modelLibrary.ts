/**
 * The model library: one folder per model in `modelsDir`, named by its id (see
 * modelNames.ts), holding model.json and weights.bin; the name the student gave lives
 * in the metadata. Changes are serialized, so two saves of one name cannot race; every
 * id from the renderer is checked and resolved inside the library only.
 *
 * Every change follows the crash-safe protocol of engine/node/modelRecovery.ts, and the
 * library runs `recover()` before its first operation, so an interrupted save, overwrite,
 * rename, delete or import is finished or undone. A rename is two atomic steps (the name
 * in model.json, then the folder to an id matching it); a crash between them leaves the
 * model under its new name in its old folder, which is harmless.
 *
 * The listing checks each model as opening it would (cached while its files are
 * unchanged): a model that does not open is listed with `damaged` set to the reason,
 * and can only be deleted. Links and special files are never followed.
 */
import { mkdir, open, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Hyperparams, ModelSummary, OpenedModel } from '../ipc/contract';
import { ModelFileError, type ModelMetadata, formatMessage, LocalizedError, msg, analyzeNetwork, type Network, SpecError, type EpochMetrics, analyzeOptionsFor, readEpochMetrics } from '../../engine';
import { loadModel, saveModel, discard, newSuffix, recoverFolder, tempOf, type StepHook, lstatOrMissing, readRegularFile } from '../../engine/node';
import { HostError } from './hostError';
import { fromTrainConfig } from './hyperparams';
import { exportFolder } from './modelExport';
import { exportModelCode } from './codeExport';
import { readModelData, savedReconstruction } from './modelData';
import { damagedSummary, describeModel, signatureOf } from './modelSummary';
import { cleanModelName, idMatchesSlug, MAX_NAME_CHARS, MODEL_ID, modelFolder, sameName, slugFor, uniqueId, uniqueName } from './modelNames';
import type { HostDialogs } from './types';

/** What the host knows of a model beyond its weights when saving it. */
export type SaveMetadata = Omit<ModelMetadata, 'formatVersion' | 'spec' | 'weightsSha256' | 'name' | 'createdAt' | 'appVersion'>;

export interface LibraryOptions {
  /** Called at each step of every change; tests stop (as a kill) or fail (as a full disk) an operation there. */
  step?: StepHook;
}

const notFound = () => new HostError('not-found', msg('library.notFound'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

export class ModelLibrary {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, { signature: string; summary: ModelSummary }>();
  private recovered: Promise<void> | null = null;

  constructor(
    readonly dir: string, private readonly dialogs: HostDialogs, private readonly appVersion: string,
    private readonly options: LibraryOptions = {},
  ) {}

  /** Finishes or undoes what a crash interrupted, in the library and inside each model folder; returns what it did. */
  async recover(): Promise<string[]> {
    const done = await recoverFolder(this.dir);
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory() && MODEL_ID.test(e.name)) done.push(...(await recoverFolder(path.join(this.dir, e.name))).map((d) => `${e.name}: ${d}`));
    }
    return done;
  }

  /** Every model, newest first; damaged ones carry `damaged` (the reason they do not open). */
  async list(): Promise<ModelSummary[]> {
    await this.ready();
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((e: unknown) => {
      if (errno(e) === 'ENOENT') return [];
      throw e;
    });
    const ids = entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && MODEL_ID.test(e.name)).map((e) => e.name);
    // One at a time: each check reads the whole model (up to MAX_WEIGHT_BYTES), so many at once could exhaust memory.
    const summaries: ModelSummary[] = [];
    for (const id of ids) {
      const s = await this.summary(id).catch(() => null);
      if (s) summaries.push(s);
    }
    return summaries
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.name.localeCompare(b.name));
  }

  /** One model's summary, checked as opening it would (cached while its files are unchanged). */
  async summary(id: string): Promise<ModelSummary> {
    await this.ready();
    const folder = modelFolder(this.dir, id);
    const signature = await signatureOf(folder);
    if (signature === null) throw notFound();
    const cached = this.cache.get(id);
    if (cached?.signature === signature) return cached.summary;
    let summary: ModelSummary;
    try {
      const loaded = await loadModel(folder);
      const json = await lstatOrMissing(path.join(folder, 'model.json'));
      summary = describeModel(id, loaded, json === 'missing' ? new Date(0) : json.mtime);
      readModelData(loaded.spec, loaded.metadata); // what it records of its data is checked as opening it would
    } catch (e) {
      if (!(e instanceof LocalizedError)) throw e;
      summary = await damagedSummary(id, folder, e.detail ?? msg('library.damaged', { reason: e.message }));
    }
    this.cache.set(id, { signature, summary });
    return summary;
  }

  /** The folder and summary of a model that exists and opens (for predictions); a damaged one is refused with its reason. */
  async folderOf(id: string): Promise<{ folder: string; summary: ModelSummary }> {
    const summary = await this.summary(id);
    if (summary.damaged) throw new ModelFileError(summary.damaged);
    return { folder: modelFolder(this.dir, id), summary };
  }

  /** Loads and checks the whole model (weights included), and returns what the editor needs. */
  async open(id: string): Promise<OpenedModel> {
    const { folder, summary } = await this.folderOf(id);
    const { spec, metadata } = await loadModel(folder);
    const training = metadata?.training;
    const hyperparams: Partial<Hyperparams> | null = training ? fromTrainConfig(training.config, metadata?.seed) : null;
    const data = readModelData(spec, metadata);
    const reconstruction = savedReconstruction(data, metadata);
    return { summary, spec, hyperparams, history: cleanHistory(training?.history), data, ...(reconstruction ? { reconstruction } : {}) };
  }

  /** Saves a trained network under `name`; an existing name is 'exists' unless `overwrite` (then replaced). */
  save(rawName: string, overwrite: boolean, network: Network, meta: SaveMetadata): Promise<ModelSummary> {
    return this.exclusive(async () => {
      const name = cleanModelName(rawName);
      const existing = (await this.list()).find((s) => sameName(s.name, name));
      if (existing && !overwrite) throw existsError(existing.name);
      const id = existing?.id ?? await this.freshId(slugFor(name));
      await saveModel(modelFolder(this.dir, id), network, { ...meta, name, appVersion: this.appVersion, createdAt: new Date().toISOString() }, this.options);
      return this.summary(id);
    });
  }

  /** Renames a model (rewriting its model.json atomically) and moves its folder to an id matching the new name. */
  rename(id: string, rawName: string, overwrite: boolean): Promise<ModelSummary> {
    return this.exclusive(async () => {
      const name = cleanModelName(rawName);
      const { folder } = await this.folderOf(id);
      const other = (await this.list()).find((s) => s.id !== id && sameName(s.name, name));
      if (other && !overwrite) throw existsError(other.name);
      if (other) await this.remove(other.id);
      await this.rewriteName(folder, name);
      await this.options.step?.('rename:name-written');
      const slug = slugFor(name);
      if (idMatchesSlug(id, slug)) return this.summary(id);
      const newId = await this.freshId(slug);
      await rename(folder, modelFolder(this.dir, newId));
      this.cache.delete(id);
      return this.summary(newId);
    });
  }

  /** Deletes a model, damaged or not (a link is removed, never what it points to). */
  delete(id: string): Promise<void> {
    return this.exclusive(async () => {
      await this.summary(id);
      await this.remove(id);
    });
  }

  /** Copies a model folder where the user chooses; never into an existing non-empty folder, and nothing left on failure. */
  async export(id: string): Promise<{ path: string } | null> {
    const { folder, summary } = await this.folderOf(id);
    const picked = await this.dialogs.pickExportPath(summary.name);
    if (picked === null) return null;
    const target = path.resolve(picked);
    await exportFolder(folder, target, this.options.step);
    return { path: target };
  }

  /** Writes a model as a PyTorch or Keras script where the user chooses (codeExport.ts). */
  async exportCode(id: string, format: 'pytorch' | 'keras'): Promise<{ path: string } | null> {
    const { folder, summary } = await this.folderOf(id);
    const picked = await this.dialogs.pickExportPath(`${summary.name} ${format === 'pytorch' ? 'PyTorch' : 'Keras'}`);
    if (picked === null) return null;
    const target = path.resolve(picked);
    await exportModelCode(folder, format, target, this.appVersion);
    return { path: target };
  }

  /** Asks for a model folder, checks it thoroughly, and saves a copy into the library under a free name. */
  async import(fallbackName?: string): Promise<ModelSummary | null> {
    const picked = await this.dialogs.pickFolder('import-model');
    if (picked === null) return null;
    const { network, spec, metadata } = await loadModel(picked);
    // A model that says what it was trained on must fit it; one that does not is taken for what its input suggests:
    // digits for images (the drawing pad), anything for numbers (Draw & test's plane or fields read any output).
    const task = metadata?.dataset?.task;
    const forDigits = !task && spec.input_shape.length !== 1;
    const issues = analyzeNetwork(spec, task ? analyzeOptionsFor(task) : { numClasses: forDigits ? 10 : null }).issues;
    if (issues.length > 0) throw new ModelFileError(msg(forDigits ? 'library.notDigits' : 'library.notItsData', { reason: new SpecError(issues).detail }));
    let base: string;
    try {
      base = cleanModelName(metadata?.name || path.basename(path.resolve(picked)));
    } catch {
      // Worded by the UI in its language; the catalog's English for a client that sends none.
      base = cleanModelName(fallbackName ?? formatMessage(msg('library.importedModel'), 'en'));
    }
    return this.exclusive(async () => {
      const name = uniqueName(base.slice(0, MAX_NAME_CHARS), (await this.list()).map((s) => s.name));
      const id = await this.freshId(slugFor(name));
      await saveModel(modelFolder(this.dir, id), network, {
        name, appVersion: this.appVersion, createdAt: new Date().toISOString(),
        ...(metadata?.dataset ? { dataset: metadata.dataset } : {}),
        ...(metadata?.seed !== undefined ? { seed: metadata.seed } : {}),
        ...(metadata?.training ? { training: metadata.training } : {}),
        ...(metadata?.codeLayer !== undefined ? { codeLayer: metadata.codeLayer } : {}),
        testAccuracy: metadata?.testAccuracy ?? null,
      }, this.options);
      // A copy the library cannot open is no import: it goes, and the reason is reported.
      const summary = await this.summary(id).catch(async (e: unknown) => {
        await this.remove(id);
        throw e;
      });
      if (summary.damaged) {
        await this.remove(id);
        throw new ModelFileError(summary.damaged);
      }
      return summary;
    });
  }

  private ready(): Promise<void> {
    this.recovered ??= this.recover().then((done) => {
      if (done.length > 0) console.warn(`Layerwise: the model library recovered from an interrupted change: ${done.join('; ')}.`);
    }, (e: unknown) => {
      console.error('Layerwise: recovering the model library failed:', e);
    });
    return this.recovered;
  }

  private async remove(id: string): Promise<void> {
    await discard(modelFolder(this.dir, id), this.options.step);
    this.cache.delete(id);
  }

  private async freshId(slug: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return uniqueId(slug, async (id) => (await lstatOrMissing(modelFolder(this.dir, id))) !== 'missing');
  }

  /** Sets the name in model.json through a synced temporary file renamed over it. */
  private async rewriteName(folder: string, name: string): Promise<void> {
    const jsonPath = path.join(folder, 'model.json');
    const json = JSON.parse((await readRegularFile(jsonPath, 'model.json')).toString('utf8')) as Record<string, unknown>;
    const meta = isObject(json['userDefinedMetadata']) ? json['userDefinedMetadata']['layerwise'] : undefined;
    if (!isObject(meta)) {
      // A foreign model: give it Layerwise metadata by saving it again.
      const { network } = await loadModel(folder);
      await saveModel(folder, network, { name, appVersion: this.appVersion, createdAt: new Date().toISOString() }, this.options);
      return;
    }
    meta['name'] = name;
    const temp = tempOf(jsonPath, newSuffix());
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(JSON.stringify(json));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.options.step?.('rename:json-temp-written');
    await rename(temp, jsonPath);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

function existsError(name: string): HostError {
  return new HostError('exists', msg('library.exists', { name }));
}

/** The epoch metrics of a saved history (today's shape or an older one), keeping only well-formed entries. */
function cleanHistory(raw: unknown): EpochMetrics[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((h: unknown) => {
    const m = readEpochMetrics(h);
    return m ? [m] : [];
  });
}
