import { describe, expect, it } from 'vitest';
import { parseCssColor, withAlpha } from './colors';
import { decodePixels, pixelsToRgba } from './pixels';

/** A 28×28 image with a one-pixel frame (255) and a diagonal (128) from top-left to bottom-right. */
function pattern(): Uint8Array {
  const img = new Uint8Array(784);
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      if (r === 0 || c === 0 || r === 27 || c === 27) img[r * 28 + c] = 255;
      else if (r === c) img[r * 28 + c] = 128;
    }
  }
  return img;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe('pixel decoding', () => {
  it('decodes a known 28×28 pattern from base64, row by row', () => {
    const bytes = decodePixels(toBase64(pattern()));
    expect(bytes).toHaveLength(784);
    expect(bytes[0]).toBe(255); // top-left corner
    expect(bytes[27]).toBe(255); // top-right corner
    expect(bytes[1 * 28 + 1]).toBe(128); // diagonal
    expect(bytes[14 * 28 + 14]).toBe(128);
    expect(bytes[14 * 28 + 13]).toBe(0); // beside the diagonal
    expect(bytes[27 * 28 + 5]).toBe(255); // bottom row
    expect(Array.from(bytes)).toEqual(Array.from(pattern()));
  });

  it('refuses images of the wrong size or that are not base64', () => {
    expect(() => decodePixels(btoa('abc'))).toThrow(/784 pixels/);
    expect(() => decodePixels('***')).toThrow(/base64/);
  });

  it('turns grey values into ink opacity in the given colour', () => {
    const rgba = pixelsToRgba(new Uint8Array([0, 128, 255]), [10, 20, 30]);
    expect(Array.from(rgba)).toEqual([10, 20, 30, 0, 10, 20, 30, 128, 10, 20, 30, 255]);
  });
});

describe('theme colours', () => {
  it('reads computed and hex colours', () => {
    expect(parseCssColor('rgb(23, 32, 51)')).toEqual([23, 32, 51]);
    expect(parseCssColor('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3]);
    expect(parseCssColor(' #4f46e5 ')).toEqual([79, 70, 229]);
    expect(parseCssColor('#fff')).toEqual([255, 255, 255]);
    expect(parseCssColor('color(srgb 1 0 0)')).toBeNull();
    expect(withAlpha('#000000', 0.25)).toBe('rgba(0, 0, 0, 0.25)');
  });
});
