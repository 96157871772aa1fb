/**
 * Reader and writer for IDX files, the format MNIST and Fashion-MNIST ship in:
 *
 *   bytes 0–1  zero
 *   byte  2    data type (0x08 = unsigned byte, the only one supported here)
 *   byte  3    number of dimensions n
 *   then n big-endian uint32 sizes, then the values, row-major.
 *
 * Pure TypeScript on Uint8Array so the same code runs in Node, Electron's renderer
 * and a worker. Every problem is reported as an `IdxError` whose message names the
 * file and says what is wrong in words a user can act on (these reach the UI when
 * someone points the app at a folder of their own files). Parsing never allocates
 * from header sizes, so a hostile header cannot make it exhaust memory.
 */
import { LocalizedError, msg, type Message, type MessageKey } from '../messages';
import type { ImageSet } from './imageSet';

/** A problem with the contents (or, from the Node side, the reading) of a dataset file. */
export class IdxError extends LocalizedError {
  /** Name or path of the offending file, when known. */
  readonly file?: string;

  /** With a file, a catalog message is wrapped in `data.inFile` ("{file}: {problem}"). */
  constructor(message: string | Message, file?: string) {
    super(file === undefined ? message
      : typeof message === 'string' ? `${file}: ${message}` : { key: 'data.inFile', params: { file, problem: message } });
    this.name = 'IdxError';
    if (file !== undefined) this.file = file;
  }
}

/** A parsed IDX file. `data` is a view into the input bytes (no copy), row-major over `dims`. */
export interface IdxArray {
  type: 'uint8';
  dims: number[];
  data: Uint8Array;
}

/** A parsed images file: `images` is `[count, rows, cols]` bytes, a view into the input. */
export interface ParsedImages {
  images: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/**
 * Largest number of values accepted. Far above any image dataset that fits in a desktop
 * app's memory, and low enough that lengths stay exact small integers everywhere.
 */
export const MAX_IDX_VALUES = 2 ** 31;

const MAX_DIMS = 4;

const OTHER_TYPES: Readonly<Record<number, MessageKey>> = {
  0x09: 'data.type.int8',
  0x0b: 'data.type.int16',
  0x0c: 'data.type.int32',
  0x0d: 'data.type.float32',
  0x0e: 'data.type.float64',
};

/** What a caller expects, for messages that can say "images" instead of "values". */
type Kind = { what: 'images'; dims: 3 } | { what: 'labels'; dims: 1 } | { what: 'any' };

/** Parses any unsigned-byte IDX file of 1 to 4 dimensions. */
export function parseIdx(bytes: Uint8Array, fileName?: string): IdxArray {
  return parse(bytes, fileName, { what: 'any' });
}

/** Parses an images file (3 dimensions: count, rows, cols). */
export function parseImages(bytes: Uint8Array, fileName?: string): ParsedImages {
  const { dims, data } = parse(bytes, fileName, { what: 'images', dims: 3 });
  const [count, rows, cols] = dims as [number, number, number];
  if (rows < 1 || cols < 1) {
    throw new IdxError(msg('data.imageSizeZero', { rows: String(rows), cols: String(cols) }), fileName);
  }
  return { images: data, count, rows, cols };
}

/** Parses a labels file (1 dimension) and checks every label is a class in `[0, numClasses)`. */
export function parseLabels(bytes: Uint8Array, fileName?: string, numClasses = 10): Uint8Array {
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
    throw new RangeError(`numClasses must be an integer from 1 to 256, got ${numClasses}`);
  }
  const { data } = parse(bytes, fileName, { what: 'labels', dims: 1 });
  for (let i = 0; i < data.length; i++) {
    const label = data[i]!;
    if (label >= numClasses) {
      throw new IdxError(msg('data.labelOutOfRange', { max: numClasses - 1, classes: numClasses, label, index: String(i) }), fileName);
    }
  }
  return data;
}

/**
 * Pairs parsed images with their labels. `names` only feeds the error message, which
 * reads e.g. "train-images has 60000 images but train-labels has 59999 labels".
 */
export function imageSetFrom(
  images: ParsedImages, labels: Uint8Array, names?: { images?: string; labels?: string },
): ImageSet {
  if (images.count !== labels.length) {
    throw new IdxError(msg('data.countMismatch', {
      images: names?.images ?? msg('data.theImagesFile'), imageCount: String(images.count),
      labels: names?.labels ?? msg('data.theLabelsFile'), labelCount: String(labels.length),
    }));
  }
  return { images: images.images, labels, count: images.count, rows: images.rows, cols: images.cols };
}

/** Writes an unsigned-byte IDX file; `data.length` must equal the product of `dims`. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  if (dims.length < 1 || dims.length > MAX_DIMS) {
    throw new RangeError(`IDX needs 1 to ${MAX_DIMS} dimensions, got ${dims.length}`);
  }
  let total = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new RangeError(`IDX dimension ${d} is not a 32-bit unsigned integer`);
    }
    total *= d;
  }
  if (total !== data.length) {
    throw new RangeError(`dimensions ${dims.join('×')} hold ${total} values but data has ${data.length}`);
  }
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, header);
  return out;
}

function parse(bytes: Uint8Array, file: string | undefined, kind: Kind): IdxArray {
  const fail = (message: Message): never => {
    throw new IdxError(message, file);
  };
  const expectedMagic = kind.what === 'any' ? '0x000008NN' : `0x0000080${kind.dims}`;
  const forKind = kind.what === 'any' ? '' : msg(kind.what === 'images' ? 'data.forImages' : 'data.forLabels');

  if (bytes.length === 0) fail(msg('data.empty'));
  if (bytes.length < 4) fail(bytes.length === 1 ? msg('data.tooShortOne') : msg('data.tooShort', { count: bytes.length }));
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(msg('data.notIdx', { magic: hex32(bytes), expected: expectedMagic, forKind, hint: hint(bytes) }));
  }
  const type = bytes[2]!;
  if (type !== 0x08) {
    const other = OTHER_TYPES[type];
    fail(other === undefined
      ? msg('data.unknownType', { type: hex2(type), magic: hex32(bytes) })
      : msg('data.unsupportedType', { what: msg(other), type: hex2(type) }));
  }
  const ndims = bytes[3]!;
  if (kind.what !== 'any' && ndims !== kind.dims) {
    const looksLike = ndims === 1 ? msg('data.looksLikeLabels') : ndims === 3 ? msg('data.looksLikeImages') : '';
    fail(msg(kind.what === 'images' ? 'data.wrongDimsImages' : 'data.wrongDimsLabels', { found: ndims, looksLike }));
  }
  if (ndims < 1 || ndims > MAX_DIMS) fail(msg('data.dimsRange', { count: ndims, max: MAX_DIMS }));
  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    fail(msg(ndims === 1 ? 'data.truncatedHeaderOne' : 'data.truncatedHeader', { count: ndims, header, bytes: bytes.length }));
  }

  const dims: number[] = [];
  let total = 1;
  for (let i = 0; i < ndims; i++) {
    const o = 4 + 4 * i;
    const d = ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
    if (d > MAX_IDX_VALUES) fail(msg('data.dimTooLarge', { index: String(i), size: String(d), max: MAX_IDX_VALUES }));
    dims.push(d);
    total *= d; // each factor ≤ 2^31 and at most 4 of them: stays far below float overflow
  }
  if (total > MAX_IDX_VALUES) {
    fail(msg('data.totalTooLarge', { dims: dims.join('×'), total, max: MAX_IDX_VALUES }));
  }

  const available = bytes.length - header;
  if (available !== total) {
    const claim = describe(kind, dims, total);
    if (available < total) fail(msg('data.truncated', { claim, bytes: available }));
    fail(msg('data.trailing', { extra: available - total, claim, bytes: available }));
  }
  return { type: 'uint8', dims, data: bytes.subarray(header) };
}

/** "60000 images of 28×28 (47,040,000 bytes of pixels)" and the like. */
function describe(kind: Kind, dims: number[], total: number): Message {
  const bytes = total === 1 ? msg('data.bytesOne') : msg('data.bytes', { count: total });
  if (kind.what === 'images') return msg('data.claim.images', { count: String(dims[0]), size: `${dims[1]}×${dims[2]}`, bytes });
  if (kind.what === 'labels') return msg('data.claim.labels', { count: String(dims[0]), bytes });
  return msg('data.claim.values', { dims: dims.join('×'), bytes });
}

/** Guesses what a non-IDX file actually is, for the commonest mistakes. */
function hint(bytes: Uint8Array): Message | '' {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return msg('data.hint.gzip');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return msg('data.hint.zip');
  const start = String.fromCharCode(...bytes.subarray(0, 32)).trimStart().toLowerCase();
  if (start.startsWith('version https://git-lfs')) return msg('data.hint.lfs');
  if (start.startsWith('<')) return msg('data.hint.html');
  return '';
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** The first four bytes as a big-endian hex number, as the IDX spec writes magic numbers. */
function hex32(bytes: Uint8Array): string {
  return `0x${Array.from(bytes.subarray(0, 4), hex2).join('')}`;
}
