/**
 * Exporting a saved model: its regular files are copied to a folder the user chose, all
 * or nothing. The copy is written beside the target under a `.tmp-` name and renamed into
 * place only when complete, so a failure (a full disk, a removed USB stick) leaves neither
 * a partial folder nor a parent folder created for it. Links in the model folder are
 * never followed (the model was checked before, and each file is read without following).
 */
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { msg } from '../../engine';
import { ModelSaveError, newSuffix, tempOf, type StepHook, lstatOrMissing, readRegularFile } from '../../engine/node';
import { HostError } from './hostError';

const errCode = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

/** Copies the regular files of `folder` to `target` (absent or an empty folder). */
export function exportFolder(folder: string, target: string, step?: StepHook): Promise<void> {
  return writeExport(target, async (temp) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      // Dirents are not followed: a link or a pipe is not a file here, and is not copied.
      if (!entry.isFile()) continue;
      const bytes = await readRegularFile(path.join(folder, entry.name), entry.name);
      const fh = await open(path.join(temp, entry.name), 'wx');
      try {
        await step?.(`export:writing ${entry.name}`);
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    await step?.('export:copied');
  });
}

/**
 * Fills a fresh folder beside `target` (absent or an empty folder) with `fill`, then renames
 * it into place: the one all-or-nothing protocol of every export (a model's files, its code).
 */
export async function writeExport(target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const info = await lstatOrMissing(target);
  if (info !== 'missing') {
    if (info.isSymbolicLink()) throw new HostError('exists', msg('library.exportIsLink', { folder: target }));
    if (!info.isDirectory()) throw new HostError('exists', msg('library.exportIsFile', { folder: target }));
    if ((await readdir(target)).length > 0) throw new HostError('exists', msg('library.exportNotEmpty', { folder: target }));
  }
  const temp = tempOf(target, newSuffix());
  let createdParent: string | undefined;
  try {
    createdParent = await mkdir(path.dirname(target), { recursive: true });
    await mkdir(temp);
    await fill(temp);
    if (info !== 'missing') await rmdir(target);
    try {
      await rename(temp, target);
    } catch (e) {
      if (info !== 'missing') await mkdir(target).catch(() => {});
      throw e;
    }
  } catch (e) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    if (createdParent) await rm(createdParent, { recursive: true, force: true }).catch(() => {});
    if (e instanceof HostError) throw e;
    if (errCode(e) === 'ENOSPC') throw new ModelSaveError(msg('library.exportDiskFull', { folder: target }), { cause: e });
    if (errCode(e) === 'EACCES' || errCode(e) === 'EPERM' || errCode(e) === 'EROFS') {
      throw new ModelSaveError(msg('library.exportNotAllowed', { folder: path.dirname(target) }), { cause: e });
    }
    throw new ModelSaveError(msg('library.exportFailed', { folder: target, reason: e instanceof Error ? e.message : String(e) }), { cause: e });
  }
}
