import { sigmoid4 } from './activations';
import { shareStart } from './shared';

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

/**
 * Σ (f(v) − t)² over n values, as partial sums: float32 over fixed blocks of 256 values,
 * each block's sum written as a float64 to partials[block], the last n mod 4 values' to
 * partials[blocks] (see sigmoidCrossEntropy; the caller adds them in order).
 */
export function squaredError(pv: usize, pt: usize, n: i32, sigmoid: i32, partials: usize, part: i32, parts: i32, slot: i32): void {
  const useSigmoid = sigmoid != 0;
  const n4 = n & ~3, blocks = (n4 + 255) >> 8;
  const b0 = shareStart(blocks, 1, part, parts), b1 = shareStart(blocks, 1, part + 1, parts);
  for (let b = b0; b < b1; b++) {
    const end = min(n4, (b + 1) << 8);
    let acc = f32x4.splat(0);
    for (let i = b << 8; i < end; i += 4) {
      const o = <usize>i << 2;
      acc = f32x4.add(acc, squaredDiff(v128.load(pv + o), v128.load(pt + o), useSigmoid));
    }
    store<f64>(partials + (<usize>b << 3), <f64>(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3)));
  }
  if (part != parts - 1) return;
  // The last values one at a time, through the same vector code (lane 0).
  let total: f64 = 0;
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    total += <f64>f32x4.extract_lane(squaredDiff(f32x4.splat(load<f32>(pv + o)), f32x4.splat(load<f32>(pt + o)), useSigmoid), 0);
  }
  store<f64>(partials + (<usize>blocks << 3), total);
}
