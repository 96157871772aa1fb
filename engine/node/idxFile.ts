/**
 * Reading IDX files from disk, plain or gzip-compressed (datasets are usually
 * downloaded as `.gz`). Every failure — missing file, permissions, corrupt gzip,
 * bad contents — surfaces as an `IdxError` naming the file, with a catalog message.
 *
 * Hostile or mistaken files must neither hang nor exhaust memory:
 * - Only regular files are read. The file is opened non-blocking (so a FIFO cannot
 *   block an I/O thread waiting for a writer) and its type is checked on the open
 *   descriptor (so nothing swapped in after a check slips through). A symbolic link is
 *   followed, and its target must be a regular file: links are how one download is
 *   shared between folders, and a link to /dev/zero, a FIFO or a folder is refused
 *   like the thing itself.
 * - No read goes past what the header declares (nor past the size the file had when
 *   opened), and gunzip output stops at the declared size (and at `maxBytes`: a gzip
 *   bomb stops there before its header is even complete).
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { ImageSet } from '../data/imageSet';
import { IdxError, imageSetFrom, MAX_IDX_VALUES, parseImages, parseLabels } from '../data/idx';
import { msg, type Message } from '../messages';

/**
 * Cap on a file's data, decompressed. Full MNIST images are 47 MB, so this is generous
 * for any image dataset, yet a gzip bomb (a few KB expanding to many GB) stops here.
 */
export const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

/** Enough for any header the parser reads to report its problem (magic, type, 4 dimensions). */
const HEADER_PROBE = 64;

export interface ReadIdxOptions {
  /** Data size limit in bytes, after decompression (default `MAX_DECOMPRESSED_BYTES`). */
  maxBytes?: number;
}

/**
 * Reads a file's bytes, gunzipping when it is gzip data (detected by its magic bytes,
 * or by a `.gz` name). Returns a plain Uint8Array (not a Buffer) so callers and tests
 * see the same type as in the browser.
 */
export async function readIdxFile(path: string, opts: ReadIdxOptions = {}): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? MAX_DECOMPRESSED_BYTES;
  const fail = (problem: Message): never => {
    throw new IdxError(problem, path);
  };
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever (undefined on Windows, which has no FIFOs in the file system).
    fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return fail(describeFsError(err));
  }
  try {
    const stats = await fh.stat();
    if (!stats.isFile()) fail(notRegular(stats));
    const size = stats.size;
    const start = await readAt(fh, 0, Math.min(size, HEADER_PROBE));
    const gzipMagic = start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;
    // Browsers often gunzip a download but keep its `.gz` name; such a file starts like
    // an IDX file (two zero bytes) and is read as plain rather than rejected.
    const namedGz = /\.gz$/i.test(path) && !(start.length >= 2 && start[0] === 0 && start[1] === 0);
    if (!gzipMagic && !namedGz) {
      const declared = declaredIdxBytes(start);
      // An unreadable header: what was read is enough for the parser to say what is wrong.
      if (declared === null) return start;
      if (declared > maxBytes) fail(msg('data.declaresTooMuch', { mib: mib(declared), max: mib(maxBytes) }));
      if (size > declared) fail(msg('data.longerThanHeader', { size, declared }));
      // Shorter than declared: read it all (less than declared), the parser reports the truncation.
      return size <= start.length ? start : await readAt(fh, 0, size);
    }
    if (size > maxBytes) fail(msg('data.gzTooLarge', { max: mib(maxBytes) }));
    const raw = await readAt(fh, 0, size);
    return await gunzipCapped(raw, maxBytes, gzipMagic, fail);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Reads an images file and a labels file into one `ImageSet`, checking they agree. */
export async function loadImageSetFromFiles(
  imagesPath: string, labelsPath: string, numClasses = 10,
): Promise<ImageSet> {
  const [imageBytes, labelBytes] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  const images = parseImages(imageBytes, imagesPath);
  const labels = parseLabels(labelBytes, labelsPath, numClasses);
  return imageSetFrom(images, labels, { images: imagesPath, labels: labelsPath });
}

/**
 * The total size (header and values) an IDX header declares, or null when the bytes do
 * not start a valid unsigned-byte IDX header (the parser then says why).
 */
export function declaredIdxBytes(bytes: Uint8Array): number | null {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08) return null;
  const ndims = bytes[3]!;
  const header = 4 + 4 * ndims;
  if (ndims < 1 || ndims > 4 || bytes.length < header) return null;
  let total = 1;
  for (let i = 0; i < ndims; i++) {
    const o = 4 + 4 * i;
    total *= ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
  }
  return total > MAX_IDX_VALUES ? null : header + total;
}

/** Reads up to `length` bytes from `position`; fewer if the file shrank meanwhile. */
async function readAt(fh: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(out, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? out : out.subarray(0, got);
}

/**
 * Gunzips, stopping as soon as the output passes `maxBytes` or, once the IDX header is
 * out, the size it declares: nothing beyond that is ever held in memory.
 */
function gunzipCapped(raw: Uint8Array, maxBytes: number, gzipMagic: boolean, fail: (m: Message) => never): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const z = createGunzip();
    const chunks: Buffer[] = [];
    let total = 0;
    let declared: number | null = null;
    let head = new Uint8Array(0);
    const refuse = (m: Message) => {
      z.destroy();
      try {
        fail(m);
      } catch (e) {
        reject(e);
      }
    };
    z.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (declared === null && head.length < HEADER_PROBE) {
        head = Buffer.concat([head, chunk.subarray(0, HEADER_PROBE - head.length)]);
        declared = declaredIdxBytes(head);
      }
      if (total > maxBytes) refuse(msg('data.gzBomb', { max: mib(maxBytes) }));
      else if (declared !== null && total > declared) refuse(msg('data.gzLongerThanHeader', { declared }));
    });
    z.on('error', (err) => {
      const reason = err instanceof Error ? err.message : String(err);
      refuse(gzipMagic ? msg('data.gzCorrupt', { reason }) : msg('data.gzNotGzip', { reason }));
    });
    z.on('end', () => {
      const out = Buffer.concat(chunks, total);
      resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    });
    z.end(raw);
  });
}

function notRegular(s: Stats): Message {
  if (s.isDirectory()) return msg('data.isFolder');
  if (s.isFIFO()) return msg('data.isPipe');
  if (s.isCharacterDevice() || s.isBlockDevice()) return msg('data.isDevice');
  return msg('data.notRegularFile');
}

function describeFsError(err: unknown): Message {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return msg('data.fileNotFound');
    case 'EACCES':
    case 'EPERM': return msg('data.permissionDenied');
    case 'EISDIR': return msg('data.isFolder');
    case 'ELOOP': return msg('data.linkLoop');
    case 'EMFILE':
    case 'ENFILE': return msg('data.tooManyOpenFiles');
    default: return msg('data.cannotRead', { reason: err instanceof Error ? err.message : String(err) });
  }
}

/** Mebibytes, one decimal at most (the catalog writes the number per language). */
function mib(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
