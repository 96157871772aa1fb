/**
 * Keras's "same" padding in PyTorch. Keras pads the smaller half before (top, left) and the
 * rest after; PyTorch's `padding=` argument pads both sides alike, so an odd total needs an
 * explicit pad module in front of the convolution or pooling. Pads are in nn.ZeroPad2d's order: (left, right, top, bottom).
 */
import type { Padding } from '../layers/padding';
import { windowAxis } from '../layers/padding';

export type Pads = readonly [left: number, right: number, top: number, bottom: number];

/** The pads a window of `kernel` with `strides` adds to an [H, W, C] input, or null when it adds none. */
export function samePads(input: readonly number[], kernel: readonly [number, number], strides: readonly [number, number], padding: Padding): Pads | null {
  if (padding === 'valid') return null;
  const axis = (i: 0 | 1) => {
    const { out, padBefore } = windowAxis(input[i]!, kernel[i], strides[i], 'same');
    const total = Math.max((out - 1) * strides[i] + kernel[i] - input[i]!, 0);
    return [padBefore, total - padBefore] as const;
  };
  const [top, bottom] = axis(0), [left, right] = axis(1);
  return left + right + top + bottom === 0 ? null : [left, right, top, bottom];
}

/** Whether the pads are the same on both sides of each axis (PyTorch's own `padding=(h, w)` then does). */
export function symmetric(p: Pads): boolean {
  return p[0] === p[1] && p[2] === p[3];
}
