import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMessage, formatSentence } from '../messages';
import { expectWorded } from '../testing/messages';
import {
  IdxError, MAX_IDX_VALUES, encodeIdx, imageSetFrom, parseIdx, parseImages, parseLabels,
} from './idx';

/** `count` images of rows×cols whose pixels are a recognisable pattern. */
function imagesFile(count: number, rows: number, cols: number): Uint8Array {
  const px = Uint8Array.from({ length: count * rows * cols }, (_, i) => (i * 7) & 255);
  return encodeIdx([count, rows, cols], px);
}

function labelsFile(labels: number[]): Uint8Array {
  return encodeIdx([labels.length], Uint8Array.from(labels));
}

/** Calls `f` and returns the IdxError it throws, failing if it throws nothing or something else. */
function idxError(f: () => unknown): IdxError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(IdxError);
    return err as IdxError;
  }
  throw new Error('expected an IdxError, nothing was thrown');
}

function withHeader(bytes: number[]): Uint8Array {
  return Uint8Array.from(bytes);
}

describe('encodeIdx / parseIdx round trip', () => {
  it('restores dims and data for 1 to 4 dimensions', () => {
    for (const dims of [[5], [2, 3], [4, 2, 3], [2, 1, 3, 2], [0, 28, 28]]) {
      const n = dims.reduce((a, b) => a * b, 1);
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
      const parsed = parseIdx(encodeIdx(dims, data));
      expect(parsed).toEqual({ type: 'uint8', dims, data });
    }
  });

  it('writes the standard header', () => {
    const bytes = imagesFile(2, 3, 4);
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
    expect(bytes.length).toBe(16 + 24);
  });

  it('returns views into the input, not copies, even at an offset', () => {
    const file = imagesFile(3, 2, 2);
    const padded = new Uint8Array(file.length + 5);
    padded.set(file, 5);
    const view = padded.subarray(5);
    const { images, count, rows, cols } = parseImages(view, 'x');
    expect([count, rows, cols]).toEqual([3, 2, 2]);
    expect(images.buffer).toBe(padded.buffer);
    expect(images.byteOffset).toBe(5 + 16);
  });

  it('parses images and labels into an ImageSet', () => {
    const set = imageSetFrom(parseImages(imagesFile(3, 2, 2)), parseLabels(labelsFile([7, 0, 9])));
    expect(set.count).toBe(3);
    expect([set.rows, set.cols]).toEqual([2, 2]);
    expect(Array.from(set.labels)).toEqual([7, 0, 9]);
    expect(set.images.length).toBe(12);
  });

  it('rejects inconsistent arguments to encodeIdx', () => {
    expect(() => encodeIdx([2, 2], new Uint8Array(3))).toThrow(RangeError);
    expect(() => encodeIdx([], new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeIdx([1, 1, 1, 1, 1], new Uint8Array(1))).toThrow(RangeError);
  });
});

describe('corrupt files', () => {
  it('empty file', () => {
    const e = idxError(() => parseIdx(new Uint8Array(0), 'a.idx'));
    expect(e.message).toMatch(/^a\.idx: .*empty/);
    expect(e.file).toBe('a.idx');
  });

  it('fewer than 4 bytes', () => {
    expect(idxError(() => parseIdx(withHeader([0, 0, 8]))).message).toMatch(/truncated: only 3 bytes/);
  });

  it('wrong magic, with a gzip hint', () => {
    const e = idxError(() => parseImages(withHeader([0x1f, 0x8b, 8, 8, 0, 0, 0, 0]), 'train-images-idx3-ubyte'));
    expect(e.message).toBe(
      'train-images-idx3-ubyte: not an IDX file (magic number 0x1f8b0808; expected 0x00000803 for images). '
      + 'Is it still gzip-compressed?',
    );
  });

  it('wrong magic, HTML page', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html>Not Found</html>');
    expect(idxError(() => parseLabels(html)).message).toMatch(/expected 0x00000801 for labels.*HTML/);
  });

  it('unsupported data types are named', () => {
    const e = idxError(() => parseIdx(withHeader([0, 0, 0x0d, 1, 0, 0, 0, 0])));
    expect(e.message).toMatch(/32-bit floats \(type 0x0d\) are not supported; only unsigned bytes/);
    expect(idxError(() => parseIdx(withHeader([0, 0, 0x05, 1, 0, 0, 0, 0]))).message)
      .toMatch(/unknown data type 0x05/);
  });

  it('zero or too many dimensions', () => {
    expect(idxError(() => parseIdx(withHeader([0, 0, 8, 0]))).message).toMatch(/declares 0 dimensions; 1 to 4/);
    expect(idxError(() => parseIdx(withHeader([0, 0, 8, 5, ...new Array(20).fill(0)]))).message)
      .toMatch(/declares 5 dimensions/);
  });

  it('wrong number of dimensions for images and labels', () => {
    expect(idxError(() => parseImages(labelsFile([1, 2]), 'x')).message)
      .toMatch(/^x: 3 dimensions expected for images, found 1 \(this looks like a labels file\)/);
    expect(idxError(() => parseLabels(imagesFile(1, 1, 1))).message)
      .toMatch(/1 dimension expected for labels, found 3/);
  });

  it('images with no rows or columns', () => {
    expect(idxError(() => parseImages(encodeIdx([3, 0, 5], new Uint8Array(0)))).message)
      .toMatch(/images of 0×5 pixels/);
  });

  it('truncated header', () => {
    const e = idxError(() => parseIdx(withHeader([0, 0, 8, 3, 0, 0, 0, 1, 0, 0])));
    expect(e.message).toMatch(/truncated header: 3 dimensions need 16 header bytes but the file has only 10/);
  });

  it('truncated data', () => {
    const file = new Uint8Array(16 + 1234);
    file.set([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect(idxError(() => parseImages(file, 'train-images-idx3-ubyte')).message).toBe(
      'train-images-idx3-ubyte: truncated: header says 60000 images of 28×28 (47,040,000 bytes of pixels) '
      + 'but the file holds 1,234 bytes after its header',
    );
  });

  it('trailing bytes', () => {
    const file = labelsFile([1, 2, 3]);
    const longer = new Uint8Array(file.length + 2);
    longer.set(file);
    expect(idxError(() => parseLabels(longer)).message).toMatch(/2 unexpected trailing bytes: header says 3 labels/);
  });

  it('huge dimension', () => {
    const e = idxError(() => parseIdx(withHeader([0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff])));
    expect(e.message).toMatch(/dimension 0 is 4294967295 — too large \(at most 2,147,483,648\)/);
  });

  it('dimensions whose product overflows', () => {
    const e = idxError(() => parseIdx(withHeader([0, 0, 8, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0])));
    expect(e.message).toMatch(/65536×65536×65536 make .* values — too large/);
    expect(MAX_IDX_VALUES).toBe(2 ** 31);
  });

  it('label out of range', () => {
    const labels = new Array(20).fill(3);
    labels[17] = 200;
    expect(idxError(() => parseLabels(labelsFile(labels), 'l')).message)
      .toBe('l: labels must be 0–9 (10 classes), found 200 at index 17');
    expect(Array.from(parseLabels(labelsFile([200]), 'l', 256))).toEqual([200]);
    expect(idxError(() => parseLabels(labelsFile([2]), 'l', 2)).message).toMatch(/labels must be 0–1/);
  });

  it('images and labels of different counts', () => {
    const e = idxError(() => imageSetFrom(
      parseImages(imagesFile(4, 2, 2)), parseLabels(labelsFile([1, 2, 3])),
      { images: 'train-images', labels: 'train-labels' },
    ));
    expect(e.message).toBe('train-images has 4 images but train-labels has 3 labels');
  });
});

describe('fuzz: any input gives a consistent result or an IdxError', () => {
  /** Runs every parser; each either returns something self-consistent or throws IdxError. */
  function checkAll(bytes: Uint8Array): void {
    const attempt = (f: () => void): void => {
      try {
        f();
      } catch (err) {
        if (!(err instanceof IdxError)) throw err;
        expect(err.message.length).toBeGreaterThan(0);
      }
    };
    attempt(() => {
      const { dims, data } = parseIdx(bytes);
      expect(dims.length).toBeGreaterThanOrEqual(1);
      expect(dims.length).toBeLessThanOrEqual(4);
      expect(data.length).toBe(dims.reduce((a, b) => a * b, 1));
      expect(bytes.length).toBe(4 + 4 * dims.length + data.length);
    });
    attempt(() => {
      const { images, count, rows, cols } = parseImages(bytes);
      expect(rows).toBeGreaterThanOrEqual(1);
      expect(cols).toBeGreaterThanOrEqual(1);
      expect(images.length).toBe(count * rows * cols);
    });
    attempt(() => {
      const labels = parseLabels(bytes);
      expect(labels.every((l) => l < 10)).toBe(true);
      expect(bytes.length).toBe(8 + labels.length);
    });
  }

  /** A small valid file: images, labels, or another shape. */
  const validFile = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .map(([n, r, c]) => imagesFile(n, r, c)),
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }).map(labelsFile),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 })
      .map((dims) => encodeIdx(dims, new Uint8Array(dims.reduce((a, b) => a * b, 1)))),
  );

  type Mutation = { kind: 'set'; at: number; value: number } | { kind: 'cut'; at: number } | { kind: 'append'; extra: number[] };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    // Biased to the header, where the interesting checks live.
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: 24 }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: 24 }), value: fc.constantFrom(0, 1, 3, 8, 0xff) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: 100 }) }),
    fc.record({ kind: fc.constant('append' as const), extra: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }) }),
  );

  function mutate(file: Uint8Array, mutations: Mutation[]): Uint8Array {
    let out = file.slice();
    for (const m of mutations) {
      if (m.kind === 'set') {
        if (m.at < out.length) out[m.at] = m.value;
      } else if (m.kind === 'cut') {
        out = out.slice(0, m.at);
      } else {
        const longer = new Uint8Array(out.length + m.extra.length);
        longer.set(out);
        longer.set(m.extra, out.length);
        out = longer;
      }
    }
    return out;
  }

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => checkAll(bytes)), { numRuns: 2000 });
  });

  it('random bytes behind a plausible magic number', () => {
    const arb = fc.tuple(fc.nat({ max: 6 }), fc.uint8Array({ maxLength: 64 }))
      .map(([ndims, rest]) => Uint8Array.from([0, 0, 8, ndims, ...rest]));
    fc.assert(fc.property(arb, (bytes) => checkAll(bytes)), { numRuns: 2000 });
  });

  it('mutations and truncations of valid files', () => {
    fc.assert(fc.property(validFile, fc.array(mutation, { maxLength: 4 }), (file, ms) => {
      checkAll(mutate(file, ms));
    }), { numRuns: 2000 });
  });

  it('stays fast on headers that claim huge sizes', () => {
    const start = performance.now();
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 16 }), (dims, body) => {
      const header = new Uint8Array(4 + 4 * dims.length);
      header[2] = 8;
      header[3] = dims.length;
      const view = new DataView(header.buffer);
      dims.forEach((d, i) => view.setUint32(4 + 4 * i, d * 2 + (d & 1)));
      checkAll(Uint8Array.from([...header, ...body]));
    }), { numRuns: 2000 });
    // Generous bound: it only fails if a parser walks or allocates by the claimed size.
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('messages', () => {
  it('word every problem with a file in both languages, the file name kept as it is', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html>');
    const cases: [string, () => unknown][] = [
      ['empty', () => parseIdx(new Uint8Array(0), 'a.idx')],
      ['one byte', () => parseIdx(withHeader([0]), 'a.idx')],
      ['short', () => parseIdx(withHeader([0, 0, 8]), 'a.idx')],
      ['html', () => parseLabels(html, 'l.idx')],
      ['gzip', () => parseLabels(withHeader([0x1f, 0x8b, 8, 1]), 'l.idx')],
      ['floats', () => parseIdx(withHeader([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'f.idx')],
      ['unknown type', () => parseIdx(withHeader([0, 0, 0x05, 1]), 'f.idx')],
      ['dims', () => parseIdx(withHeader([0, 0, 8, 0]), 'f.idx')],
      ['images as labels', () => parseImages(labelsFile([1, 2]), 'x')],
      ['labels as images', () => parseLabels(imagesFile(1, 2, 2), 'x')],
      ['zero rows', () => parseImages(encodeIdx([1, 0, 5], new Uint8Array(0)), 'x')],
      ['short header', () => parseIdx(withHeader([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), 'x')],
      ['truncated', () => parseLabels(labelsFile([1, 2, 3]).subarray(0, 10), 'x')],
      ['trailing', () => parseLabels(Uint8Array.from([...labelsFile([1, 2, 3]), 0, 0]), 'x')],
      ['too large', () => parseIdx(withHeader([0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff]), 'x')],
      ['label range', () => parseLabels(labelsFile([2]), 'l', 2)],
      ['count mismatch', () => imageSetFrom(parseImages(imagesFile(2, 2, 2)), parseLabels(labelsFile([1])))],
    ];
    for (const [label, f] of cases) {
      const e = idxError(f);
      expectWorded(e.detail, label);
      expect(e.message, label).toBe(formatMessage(e.detail!));
    }
    const named = idxError(() => parseLabels(labelsFile([1, 2, 3]).subarray(0, 10), 'train-labels-idx1-ubyte'));
    expect(formatMessage(named.detail!, 'fr')).toMatch(/^train-labels-idx1-ubyte : fichier tronqué : l’en-tête annonce 3 étiquettes \(3 octets\)/);
    expect(formatSentence(named.detail!, 'fr')).toMatch(/^train-labels-idx1-ubyte/);
  });
});
