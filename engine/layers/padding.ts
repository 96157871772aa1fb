/** Output geometry of a sliding window (convolution or pooling) along one axis, as in Keras/TensorFlow. */
export type Padding = 'valid' | 'same';

export interface WindowAxis {
  /** Output length; ≤ 0 means the window does not fit (only with 'valid'). */
  readonly out: number;
  /** Implicit zero rows/columns before the first input element ('same' only). */
  readonly padBefore: number;
}

/**
 * valid: out = ⌊(in − k) / s⌋ + 1, no padding.
 * same:  out = ⌈in / s⌉, total padding max((out − 1)·s + k − in, 0), the smaller half before.
 */
export function windowAxis(input: number, kernel: number, stride: number, padding: Padding): WindowAxis {
  if (padding === 'valid') {
    return { out: input >= kernel ? Math.floor((input - kernel) / stride) + 1 : 0, padBefore: 0 };
  }
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + kernel - input, 0);
  return { out, padBefore: Math.floor(total / 2) };
}
