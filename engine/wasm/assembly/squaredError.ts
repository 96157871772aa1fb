import { sigmoid4 } from './activations';

// ---------------------------------------------------------------------------------------
// A reconstruction's squared error, measured on every training batch (784 values per
// image): Σ (f(v) − t)² with f the identity, or the sigmoid when the network's outputs are
// logits (a sigmoid fused into its loss: the image compared is σ(z)). The scalar reference
// is jsKernels.squaredError (float64, Math.exp).
// ---------------------------------------------------------------------------------------

@inline function squaredDiff(v: v128, t: v128, sigmoid: bool): v128 {
  const d = f32x4.sub(sigmoid ? sigmoid4(v) : v, t);
  return f32x4.mul(d, d);
}

/** Σ (f(v) − t)² over n values. Sums run in float32 over blocks of 256 values, then in float64. */
export function squaredError(pv: usize, pt: usize, n: i32, sigmoid: i32): f64 {
  const useSigmoid = sigmoid != 0;
  let total: f64 = 0;
  let i = 0;
  while (i + 4 <= n) {
    const end = min(n & ~3, i + 256);
    let acc = f32x4.splat(0);
    for (; i < end; i += 4) {
      const o = <usize>i << 2;
      acc = f32x4.add(acc, squaredDiff(v128.load(pv + o), v128.load(pt + o), useSigmoid));
    }
    total += <f64>(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  }
  // The last values one at a time, through the same vector code (lane 0).
  for (; i < n; i++) {
    const o = <usize>i << 2;
    total += <f64>f32x4.extract_lane(squaredDiff(f32x4.splat(load<f32>(pv + o)), f32x4.splat(load<f32>(pt + o)), useSigmoid), 0);
  }
  return total;
}
