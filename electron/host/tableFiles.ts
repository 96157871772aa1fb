/**
 * Table files (CSV) the host read for the app: picked in a native dialog (read here: no
 * link, no pipe or device, size-capped) or, in web mode, sent as text by the page. Each is
 * kept under a random token that later requests name it by; the renderer never sends a
 * path. A few are kept (each may be tens of megabytes); the oldest are forgotten first.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CsvFile } from '../ipc/contract';
import { MAX_CSV_BYTES, readTextFile } from '../../engine/node';
import { msg } from '../../engine';
import { HostError } from './hostError';
import type { HostDialogs } from './types';

/** Most table files kept at once. */
export const MAX_TABLE_FILES = 6;

export class TableFiles {
  private readonly files = new Map<string, { name: string; text: string }>();

  constructor(private readonly dialogs: HostDialogs) {}

  /** Asks for a table file and reads it; null when the user cancels. */
  async pick(): Promise<CsvFile | null> {
    const file = await this.dialogs.pickTableFile();
    if (file === null) return null;
    const text = await readTextFile(file, { followLinks: false });
    return this.keep(path.basename(file), text);
  }

  /** A table's text sent by the page (web mode). */
  upload(name: string, text: string): CsvFile {
    const shown = path.basename(name.replace(/\\/g, '/')) || 'table.csv';
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_CSV_BYTES) {
      throw new HostError('bad-file', msg('table.tooBig', { file: shown, megabytes: Math.ceil(bytes / 2 ** 20), max: MAX_CSV_BYTES / 2 ** 20 }));
    }
    return this.keep(shown, text);
  }

  /** Asks where to save a table and writes it; null when the user cancels. */
  async save(name: string, text: string): Promise<{ path: string } | null> {
    const file = await this.dialogs.pickTableSavePath(name);
    if (file === null) return null;
    await writeFile(file, text, 'utf8').catch((e: unknown) => {
      throw new HostError('io', msg('table.unwritable', { file: path.basename(file), reason: (e as Error).message }));
    });
    return { path: file };
  }

  /** The file behind a token; 'not-found' for one this host did not hand out (or forgot). */
  get(token: string): { name: string; text: string } {
    const file = this.files.get(token);
    if (!file) throw new HostError('not-found', msg('table.fileForgotten'));
    return file;
  }

  private keep(name: string, text: string): CsvFile {
    const token = randomBytes(16).toString('hex');
    this.files.set(token, { name, text });
    if (this.files.size > MAX_TABLE_FILES) this.files.delete(this.files.keys().next().value!);
    return { token, name, text };
  }
}
