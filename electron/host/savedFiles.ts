/**
 * Saving a file made in the page — a lab report, a CSV, a PNG — where the user chooses in
 * a native save dialog (the page never sends a path). The file is written whole beside the
 * target under a `.tmp-` name, synced, then renamed over it: a failure (a full disk, a
 * removed USB stick) leaves the old file or none, never half of the new one.
 */
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { msg } from '../../engine';
import { newSuffix, tempOf, type StepHook } from '../../engine/node';
import type { SavedFileKind } from '../ipc/runs';
import { HostError } from './hostError';
import type { HostDialogs } from './types';

const errCode = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

export interface SaveFileRequest {
  name: string;
  kind: SavedFileKind;
  text?: string | undefined;
  base64?: string | undefined;
}

/** Asks where, then writes; null when the user cancels. */
export async function saveFile(dialogs: HostDialogs, req: SaveFileRequest, step?: StepHook): Promise<{ path: string } | null> {
  const file = await dialogs.pickSavePath(req.name, req.kind);
  if (file === null) return null;
  const bytes = req.text !== undefined ? Buffer.from(req.text, 'utf8') : Buffer.from(req.base64 ?? '', 'base64');
  await writeWhole(file, bytes, step);
  return { path: file };
}

/** Writes `bytes` to `file` all or nothing (a link at `file` is replaced, never followed). */
export async function writeWhole(file: string, bytes: Uint8Array, step?: StepHook): Promise<void> {
  const temp = tempOf(file, newSuffix());
  try {
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(bytes);
      await step?.('save:temp-written');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    const shown = path.basename(file);
    if (errCode(e) === 'ENOSPC') throw new HostError('io', msg('runs.saveDiskFull', { file: shown }));
    throw new HostError('io', msg('runs.saveFailed', { file: shown, reason: e instanceof Error ? e.message : String(e) }));
  }
}
