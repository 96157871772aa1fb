import type { Rng } from '../core/rng';

/** Uniform values in [low, high). */
export function randomArray(n: number, rng: Rng, low = -1, high = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(low, high);
  return a;
}

/**
 * Distinct values at least `gap` apart in random order, none within gap/2 of zero —
 * inputs for which max pooling and ReLU-like kinks are not crossed by a finite-difference step.
 */
export function separatedArray(n: number, rng: Rng, gap = 0.05): Float32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (order[i]! - n / 2 + 0.5) * gap;
  return a;
}
