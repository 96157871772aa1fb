/**
 * Element-wise activation functions (and softmax, which works per row).
 *
 * Every backward uses only the activation's *output* y, so a layer keeps one buffer:
 *   relu'      = [y > 0]
 *   leakyRelu' = y > 0 ? 1 : alpha          (alpha ≥ 0 keeps the sign of x in y)
 *   tanh'      = 1 − y²
 *   sigmoid'   = y (1 − y)
 *   softmax:   dx_i = y_i (dy_i − Σ_j dy_j y_j)
 */
import type { Kernels } from '../core/kernels';

export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * An activation owns its math (the loops here are the reference); given the kernels a layer
 * runs on, relu, tanh and sigmoid run as their kernel instead, the same math in SIMD.
 */
export interface ActivationFn {
  readonly name: ActivationName | 'leaky_relu';
  /** y = f(x) for `n` values in rows of `width` (width matters only for softmax). */
  forward(x: Float32Array, y: Float32Array, n: number, width: number, kernels?: Kernels): void;
  /** dx = f'(x) · dy, computed from y. */
  backward(y: Float32Array, dy: Float32Array, dx: Float32Array, n: number, width: number, kernels?: Kernels): void;
}

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATIONS as readonly string[]).includes(name);
}

const linear: ActivationFn = {
  name: 'linear',
  forward(x, y, n) {
    y.set(x.subarray(0, n));
  },
  backward(_y, dy, dx, n) {
    dx.set(dy.subarray(0, n));
  },
};

const relu: ActivationFn = {
  name: 'relu',
  forward(x, y, n, _width, kernels) {
    if (kernels) return kernels.relu(x, y, n);
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      y[i] = v > 0 ? v : 0;
    }
  },
  backward(y, dy, dx, n, _width, kernels) {
    if (kernels) return kernels.reluBackward(y, dy, dx, n);
    for (let i = 0; i < n; i++) dx[i] = y[i]! > 0 ? dy[i]! : 0;
  },
};

export function leakyRelu(alpha: number): ActivationFn {
  return {
    name: 'leaky_relu',
    forward(x, y, n) {
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        y[i] = v > 0 ? v : alpha * v;
      }
    },
    backward(y, dy, dx, n) {
      for (let i = 0; i < n; i++) dx[i] = y[i]! > 0 ? dy[i]! : alpha * dy[i]!;
    },
  };
}

/** From this |x| on, tanh rounds to ±1 in float32 (the rational form below is fitted up to it). */
const TANH_CLAMP = 7.90531110763549805;

/**
 * tanh to float32 accuracy (within 3 ulp of Math.tanh): Eigen's 13/6 rational fit, two to
 * three times faster than Math.tanh in V8 — it is most of the cost of a 200×200 plane
 * picture of a tanh network (640,000 values for 2-8-8-2), drawn 15 times a second while it trains.
 */
export function tanhF32(v: number): number {
  if (v >= TANH_CLAMP) return 1;
  if (v <= -TANH_CLAMP) return -1;
  if (v < 0.0004 && v > -0.0004) return v;
  const x2 = v * v;
  const p = v * (4.89352455891786e-3 + x2 * (6.37261928875436e-4 + x2 * (1.48572235717979e-5
    + x2 * (5.12229709037114e-8 + x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16))))));
  const q = 4.89352518554385e-3 + x2 * (2.268434632439e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6));
  return p / q;
}

/** y = tanhF32(x) over n values: the reference of `Kernels.tanh`. */
export function tanhForward(x: Float32Array, y: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] = tanhF32(x[i]!);
}

/** y = σ(x) over n values, split by sign so exp never overflows: the reference of `Kernels.sigmoid`. */
export function sigmoidForward(x: Float32Array, y: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
    else {
      const e = Math.exp(v);
      y[i] = e / (1 + e);
    }
  }
}

const tanh: ActivationFn = {
  name: 'tanh',
  forward(x, y, n, _width, kernels) {
    if (kernels) kernels.tanh(x, y, n);
    else tanhForward(x, y, n);
  },
  backward(y, dy, dx, n) {
    for (let i = 0; i < n; i++) {
      const t = y[i]!;
      dx[i] = dy[i]! * (1 - t * t);
    }
  },
};

const sigmoid: ActivationFn = {
  name: 'sigmoid',
  forward(x, y, n, _width, kernels) {
    if (kernels) kernels.sigmoid(x, y, n);
    else sigmoidForward(x, y, n);
  },
  backward(y, dy, dx, n) {
    for (let i = 0; i < n; i++) {
      const s = y[i]!;
      dx[i] = dy[i]! * s * (1 - s);
    }
  },
};

const softmax: ActivationFn = {
  name: 'softmax',
  forward(x, y, n, width) {
    softmaxRows(x, y, n / width, width);
  },
  backward(y, dy, dx, n, width) {
    for (let r = 0; r < n; r += width) {
      let dot = 0;
      for (let j = 0; j < width; j++) dot += dy[r + j]! * y[r + j]!;
      for (let j = 0; j < width; j++) dx[r + j] = y[r + j]! * (dy[r + j]! - dot);
    }
  },
};

/** probs[r] = softmax(logits[r]) for each of `rows` rows, shifted by the row max for stability. */
export function softmaxRows(logits: Float32Array, probs: Float32Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let max = -Infinity;
    for (let j = 0; j < width; j++) if (logits[o + j]! > max) max = logits[o + j]!;
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const e = Math.exp(logits[o + j]! - max);
      probs[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < width; j++) probs[o + j]! *= inv;
  }
}

const BY_NAME: Record<ActivationName, ActivationFn> = { linear, relu, tanh, sigmoid, softmax };

export function activationFn(name: ActivationName): ActivationFn {
  return BY_NAME[name];
}
