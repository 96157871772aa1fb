/**
 * The run history on disk: one file per run in `runsDir` (`<id>.json`, see
 * engine/runs/runRecord.ts), shared by the desktop app and the web mode (the same host).
 *
 * Each write goes to `<id>.json.tmp-S` (synced), then is renamed over the file, so a
 * crash leaves the old record or the new one, never half of one; leftover temporaries are
 * removed (engine/node/modelRecovery.ts) before the first operation. Changes are
 * serialized, and a listing waits for them, so a run just recorded is in the next list.
 *
 * A record that does not read — damaged, from a newer Layerwise, a link, a FIFO, a
 * huge file — is listed with the reason, can be deleted (a link itself, never what it
 * points to), and is never read past its checks nor deleted by anything else. The size
 * cap drops the oldest unstarred readable runs first; the one just written stays.
 */
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { LocalizedError, msg, parseRunRecord, RUN_ID, serializeRunRecord, type Message, type RunRecord } from '../../engine';
import { discard, lstatOrMissing, newSuffix, recoverFolder, tempOf, type StepHook } from '../../engine/node';
import type { OpenedRun, RunSummary } from '../ipc/contract';
import { HostError } from './hostError';
import { checkRunRecord, damagedRun, openRun, summarizeRun } from './runSummary';

/** Largest run file read: a record the host writes stays far below (its curves are bounded). */
export const MAX_RUN_FILE_BYTES = 4 * 1024 * 1024;

export interface RunHistoryLimits {
  /** Most bytes the readable records may take together (default 50 MB). */
  maxBytes?: number;
  /** Most runs kept (default 500). */
  maxRuns?: number;
}

export interface RunHistoryOptions extends RunHistoryLimits {
  /** Called at each step of a write; tests stop (as a kill) or fail (as a full disk) it there. */
  step?: StepHook;
}

const notFound = () => new HostError('not-found', msg('runs.notFound'));
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;
const fileOf = (id: string) => `${id}.json`;

interface Entry {
  id: string;
  size: number;
  summary: RunSummary;
  record: RunRecord | null;
}

export class RunHistory {
  private queue: Promise<unknown> = Promise.resolve();
  private recovered: Promise<void> | null = null;
  private readonly cache = new Map<string, { signature: string; entry: Entry }>();
  private readonly maxBytes: number;
  private readonly maxRuns: number;

  constructor(readonly dir: string, private readonly options: RunHistoryOptions = {}) {
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.maxRuns = options.maxRuns ?? 500;
  }

  /** Every run, newest first; unreadable ones carry `damaged`. */
  list(): Promise<RunSummary[]> {
    return this.exclusive(async () => (await this.entries()).map((e) => e.summary));
  }

  /** One run in full; a damaged one is refused with its reason. */
  get(id: string): Promise<OpenedRun> {
    return this.exclusive(async () => openRun(await this.readable(id)));
  }

  /** Keeps a run that just ended, then drops the oldest unstarred runs past the cap. */
  add(record: RunRecord): Promise<void> {
    return this.exclusive(async () => {
      await mkdir(this.dir, { recursive: true });
      await this.write(record);
      await this.enforceCap(record.id);
    });
  }

  rename(id: string, name: string | null): Promise<RunSummary> {
    return this.change(id, (r) => ({ ...r, name }));
  }

  /** The student's notes for the lab report; '' takes them away. */
  annotate(id: string, notes: string): Promise<RunSummary> {
    return this.change(id, ({ notes: _old, ...r }) => (notes.trim() === '' ? r : { ...r, notes }));
  }

  star(id: string, starred: boolean): Promise<RunSummary> {
    return this.change(id, (r) => ({ ...r, starred }));
  }

  /**
   * Notes the saved model made from a run; a model saved over (the same id) is no longer
   * the one any other run made, so their notes go.
   */
  linkModel(id: string, modelId: string): Promise<RunSummary> {
    return this.exclusive(async () => {
      await this.relink(modelId, null, id);
      const next = { ...(await this.readable(id)), modelId };
      await this.write(next);
      return summarizeRun(next);
    });
  }

  /** A saved model renamed (its id follows its name) or deleted (null): the runs that made it follow. */
  modelMoved(oldId: string, newId: string | null): Promise<void> {
    return this.exclusive(() => this.relink(oldId, newId, null));
  }

  private async relink(oldId: string, newId: string | null, except: string | null): Promise<void> {
    for (const e of await this.entries()) {
      if (e.record?.modelId === oldId && e.id !== except) await this.write({ ...e.record, modelId: newId });
    }
  }

  /** Deletes a run, readable or not (a link is removed, never what it points to). */
  delete(id: string): Promise<void> {
    return this.exclusive(async () => {
      if (!RUN_ID.test(id) || (await lstatOrMissing(this.pathOf(id))) === 'missing') throw notFound();
      await discard(this.pathOf(id), this.options.step);
      this.cache.delete(id);
    });
  }

  private change(id: string, edit: (r: RunRecord) => RunRecord): Promise<RunSummary> {
    return this.exclusive(async () => {
      const next = edit(await this.readable(id));
      await this.write(next);
      return summarizeRun(next);
    });
  }

  private async readable(id: string): Promise<RunRecord> {
    const entry = await this.entry(id);
    if (entry === null) throw notFound();
    if (!entry.record) throw new LocalizedError(msg('runs.damagedCannot', { reason: entry.summary.damaged! }));
    return entry.record;
  }

  /** Every entry named like a run, newest first. */
  private async entries(): Promise<Entry[]> {
    const names = await readdir(this.dir).catch((e: unknown) => {
      if (errno(e) === 'ENOENT') return [] as string[];
      throw e;
    });
    const ids = names.filter((n) => n.endsWith('.json') && RUN_ID.test(n.slice(0, -5))).map((n) => n.slice(0, -5));
    const out: Entry[] = [];
    // One at a time: each read is bounded, but many at once need not be.
    for (const id of ids) {
      const e = await this.entry(id);
      if (e) out.push(e);
    }
    // By start, to the millisecond (two runs may start within one second of the id's stamp).
    return out.sort((a, b) => b.summary.startedAt.localeCompare(a.summary.startedAt) || b.id.localeCompare(a.id));
  }

  /** One entry, checked as reading it would (cached while its file is unchanged); null when it is gone. */
  private async entry(id: string): Promise<Entry | null> {
    const file = this.pathOf(id);
    const info = await lstatOrMissing(file).catch(() => 'missing' as const);
    if (info === 'missing') return null;
    const signature = `${info.ino}:${info.size}:${info.mtimeMs}:${info.mode}`;
    const cached = this.cache.get(id);
    if (cached?.signature === signature) return cached.entry;
    let entry: Entry;
    try {
      const record = parseRunRecord(await readRunFile(file, fileOf(id)), fileOf(id));
      if (record.id !== id) throw new LocalizedError(msg('runs.badField', { file: fileOf(id), field: 'id' }));
      checkRunRecord(record, fileOf(id));
      entry = { id, size: info.size, summary: summarizeRun(record), record };
    } catch (e) {
      if (!(e instanceof LocalizedError)) throw e;
      entry = { id, size: 0, summary: damagedRun(id, e.detail ?? msg('runs.unreadable', { file: fileOf(id), reason: e.message })), record: null };
    }
    this.cache.set(id, { signature, entry });
    return entry;
  }

  private async write(record: RunRecord): Promise<void> {
    const file = this.pathOf(record.id);
    const temp = tempOf(file, newSuffix());
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(serializeRunRecord(record));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.options.step?.('run:temp-written');
    await rename(temp, file);
    this.cache.delete(record.id);
  }

  /** Past the cap, the oldest unstarred readable runs go first; starred, damaged and `keep` never. */
  private async enforceCap(keep: string): Promise<void> {
    const readable = (await this.entries()).filter((e) => e.record !== null);
    let bytes = readable.reduce((sum, e) => sum + e.size, 0);
    let runs = readable.length;
    for (const e of [...readable].reverse()) {
      if (bytes <= this.maxBytes && runs <= this.maxRuns) break;
      if (e.record!.starred || e.id === keep) continue;
      await discard(this.pathOf(e.id), this.options.step);
      this.cache.delete(e.id);
      bytes -= e.size;
      runs -= 1;
    }
  }

  private pathOf(id: string): string {
    return path.join(this.dir, fileOf(id));
  }

  private ready(): Promise<void> {
    this.recovered ??= recoverFolder(this.dir).then((done) => {
      if (done.length > 0) console.warn(`Layerwise: the run history recovered from an interrupted change: ${done.join('; ')}.`);
    }, (e: unknown) => {
      console.error('Layerwise: recovering the run history failed:', e);
    });
    return this.recovered;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = () => this.ready().then(fn);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }
}

/** A run file's text: a regular file of bounded size, never a link or a FIFO (even one swapped in after the check). */
async function readRunFile(p: string, shown: string): Promise<string> {
  const refuse = (m: Message) => new LocalizedError(m);
  const fh = await open(p, READ_FLAGS).catch((e: unknown) => {
    if (errno(e) === 'ELOOP' || errno(e) === 'EMLINK') throw refuse(msg('runs.isLink', { file: shown }));
    throw refuse(msg('runs.unreadable', { file: shown, reason: (e as Error).message }));
  });
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw refuse(msg('runs.notAFile', { file: shown }));
    if (info.size > MAX_RUN_FILE_BYTES) throw refuse(msg('runs.tooLarge', { file: shown, size: info.size, max: MAX_RUN_FILE_BYTES }));
    return (await fh.readFile()).toString('utf8');
  } finally {
    await fh.close();
  }
}
