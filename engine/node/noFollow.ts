import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import { ModelFileError } from '../io/layersModel';
import { msg } from '../messages';

/**
 * Reading a model's files without ever following a link: a saved model is a folder of
 * regular files, and anything else in its place (a symbolic link that may point out of
 * the models folder, a FIFO that would block a read forever, a device) is refused by
 * name before it is opened. The open itself refuses links too (O_NOFOLLOW) and never
 * waits on a FIFO swapped in meanwhile (O_NONBLOCK); Windows has neither flag, and there
 * the lstat check stands alone.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const errCode = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

/** What a path is without following it: 'missing', or its lstat. */
export async function lstatOrMissing(p: string): Promise<Stats | 'missing'> {
  return lstat(p).catch((e: unknown) => {
    if (errCode(e) === 'ENOENT' || errCode(e) === 'ENOTDIR') return 'missing' as const;
    throw new ModelFileError(msg('modelFile.unreadable', { file: path.basename(p), reason: (e as Error).message }));
  });
}

/** Refuses anything at `p` that is not a regular file (named `shown` in the message). */
export function requireRegularFile(info: Stats, shown: string): void {
  if (info.isSymbolicLink()) throw new ModelFileError(msg('modelFile.isLink', { file: shown }));
  if (!info.isFile()) throw new ModelFileError(msg('modelFile.notAFile', { file: shown }));
}

/** Refuses a model folder that is a link or not a folder. */
export function requireFolder(info: Stats, shown: string): void {
  if (info.isSymbolicLink()) throw new ModelFileError(msg('modelFile.folderIsLink', { folder: shown }));
  if (!info.isDirectory()) throw new ModelFileError(msg('modelFile.notAFolder', { folder: shown }));
}

/** The bytes of the regular file `p`, refusing links and special files even if swapped in after a check. */
export async function readRegularFile(p: string, shown: string): Promise<Buffer> {
  const fh = await open(p, READ_FLAGS).catch((e: unknown) => {
    if (errCode(e) === 'ELOOP' || errCode(e) === 'EMLINK') throw new ModelFileError(msg('modelFile.isLink', { file: shown }));
    throw new ModelFileError(msg('modelFile.unreadable', { file: shown, reason: (e as Error).message }));
  });
  try {
    requireRegularFile(await fh.stat(), shown);
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}
