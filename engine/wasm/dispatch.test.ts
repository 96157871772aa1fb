import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../layers/im2col';
import { poolArgs, weightGradForm } from './dispatch';

const geometry = (inH: number, inW: number, channels: number, k: number): ConvGeometry => ({
  inH, inW, channels, kh: k, kw: k, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, outH: inH - k + 1, outW: inW - k + 1,
});

describe('dispatch of the direct convolution kernels', () => {
  it('chooses the blocked weight gradient for short kernel rows and 8·n filters, else filter by filter, else none', () => {
    const room = 100_000;
    expect(weightGradForm(geometry(28, 28, 1, 5), 8, room)).toBe('blocked');
    expect(weightGradForm(geometry(28, 28, 1, 5), 12, room)).toBe('filters');   // filters not a multiple of 8
    expect(weightGradForm(geometry(12, 12, 8, 5), 16, room)).toBe('filters');   // kernel rows of 40 floats
    // Lists that do not fit the scratch: a narrower form, then none.
    const g = geometry(28, 28, 1, 5), list = 2 * 512;
    expect(weightGradForm(g, 8, 9 * 29 + 2 * 28 + list - 1)).toBe('filters');
    expect(weightGradForm(g, 8, 3 * 25 + 4 * 5 + list - 1)).toBeNull();
    expect(weightGradForm(geometry(3, 3000, 1, 3), 8, 2 * 2998 + 3 * 9 + 12)).toBe('filters');  // a wide row needs a longer list
  });

  it('passes a pooling geometry in the kernels\' argument order', () => {
    const g = { inH: 5, inW: 7, channels: 4, ph: 2, pw: 3, sh: 2, sw: 1, padTop: 1, padLeft: 0, outH: 3, outW: 5 };
    expect(poolArgs(6, g)).toEqual([6, 5, 7, 4, 2, 3, 2, 1, 1, 0, 3, 5]);
  });
});
