/**
 * Reading IDX files from disk, plain or gzip-compressed (datasets are usually
 * downloaded as `.gz`). Every failure — missing file, permissions, corrupt gzip,
 * bad contents — surfaces as an `IdxError` naming the file, so the app can show the
 * message as is.
 */
import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { ImageSet } from '../data/imageSet';
import { IdxError, imageSetFrom, parseImages, parseLabels } from '../data/idx';

const gunzipAsync = promisify(gunzip);

/**
 * Cap on decompressed size. Full MNIST images are 47 MB, so this is generous for any
 * image dataset, yet a gzip bomb (a few KB expanding to many GB) stops here.
 */
export const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

export interface ReadIdxOptions {
  /** Decompressed size limit in bytes (default `MAX_DECOMPRESSED_BYTES`). */
  maxBytes?: number;
}

/**
 * Reads a file's bytes, gunzipping when it is gzip data (detected by its magic bytes,
 * or by a `.gz` name). Returns a plain Uint8Array (not a Buffer) so callers and tests
 * see the same type as in the browser.
 */
export async function readIdxFile(path: string, opts: ReadIdxOptions = {}): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? MAX_DECOMPRESSED_BYTES;
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw new IdxError(describeFsError(err), path);
  }
  const gzipMagic = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  // Browsers often gunzip a download but keep its `.gz` name; such a file starts like
  // an IDX file (two zero bytes) and is read as plain rather than rejected.
  const namedGz = /\.gz$/i.test(path) && !(raw.length >= 2 && raw[0] === 0 && raw[1] === 0);
  if (!gzipMagic && !namedGz) return asPlain(raw);

  let out: Buffer;
  try {
    out = await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IdxError(
        `decompresses to more than ${formatMiB(maxBytes)} — too large for a dataset file (is it really IDX data?)`,
        path,
      );
    }
    const detail = err instanceof Error ? err.message : String(err);
    const what = gzipMagic ? 'corrupt or truncated gzip data' : 'named .gz but is not gzip-compressed';
    throw new IdxError(`${what} (${detail})`, path);
  }
  return asPlain(out);
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

function asPlain(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'file not found';
    case 'EACCES':
    case 'EPERM': return 'permission denied: the file cannot be read';
    case 'EISDIR': return 'is a folder, not a file';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files; close some programs and try again';
    default: return `cannot read the file (${err instanceof Error ? err.message : String(err)})`;
  }
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}
