/**
 * An activation f and its derivative f′ sampled at given inputs, computed by the layer's own
 * forward and backward (dy = 1 gives dx = f′(x)), so the explorers plot the very functions the
 * engine trains with. Softmax works on a row: it is sampled on the row (x, 0) of two logits, whose
 * first probability is σ(x) and whose diagonal derivative ∂p₀/∂x₀ is p₀(1 − p₀).
 */
import { activationFn, type ActivationName } from './activations';

export interface ActivationCurve {
  readonly x: Float32Array;
  /** f(x) (softmax: the first probability of the row (x, 0)). */
  readonly y: Float32Array;
  /** f′(x) (softmax: ∂p₀/∂x₀). */
  readonly dy: Float32Array;
}

export function activationCurve(name: ActivationName, xs: ArrayLike<number>): ActivationCurve {
  const fn = activationFn(name);
  const n = xs.length;
  const x = Float32Array.from(xs);
  const y = new Float32Array(n), dy = new Float32Array(n);
  if (name === 'softmax') {
    const row = new Float32Array(2), p = new Float32Array(2), grad = new Float32Array(2);
    const one = Float32Array.of(1, 0);
    for (let i = 0; i < n; i++) {
      row[0] = x[i]!;
      fn.forward(row, p, 2, 2);
      fn.backward(p, one, grad, 2, 2);
      y[i] = p[0]!;
      dy[i] = grad[0]!;
    }
    return { x, y, dy };
  }
  fn.forward(x, y, n, n);
  fn.backward(y, new Float32Array(n).fill(1), dy, n, n);
  return { x, y, dy };
}

/** `count` evenly spaced values from `from` to `to` (both included). */
export function linspace(from: number, to: number, count: number): number[] {
  if (count < 2) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}
