import { shareStart } from './shared';
import { expNonPositive } from './sigmoidCrossEntropy';

// ---------------------------------------------------------------------------------------
// The tanh and sigmoid activations, four values at once: the fast form of the math in
// engine/layers/activations.ts (tanhF32, and the sigmoid split by sign), which stays the
// reference: tanh bit-identical to it, the sigmoid within 2 ulp (its exponential is a
// float32 polynomial). Split on multiples of 4 values; the last values of a share go one at a time
// through the same vector code (lane 0), so a value's result never depends on the split.
// ---------------------------------------------------------------------------------------

/** tanhF32's clamp: from this |x| on, tanh rounds to ±1 in float32. */
const TANH_CLAMP: f64 = 7.90531110763549805;

/**
 * tanhF32 (Eigen's 13/6 rational fit) on two float64 lanes, the very operations it does in
 * JavaScript, in the same order and without fused multiply-adds: rounded to float32, the
 * result is bit-identical to the scalar one. (In float32 the fit strays up to 6 ulp from it.)
 */
@inline function tanh2(x: v128): v128 {
  const x2 = f64x2.mul(x, x);
  let p = f64x2.splat(-2.76076847742355e-16);
  p = f64x2.add(f64x2.splat(2.00018790482477e-13), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(-8.60467152213735e-11), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(5.12229709037114e-8), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(1.48572235717979e-5), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(6.37261928875436e-4), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(4.89352455891786e-3), f64x2.mul(x2, p));
  p = f64x2.mul(x, p);
  let q = f64x2.splat(1.19825839466702e-6);
  q = f64x2.add(f64x2.splat(1.18534705686654e-4), f64x2.mul(x2, q));
  q = f64x2.add(f64x2.splat(2.268434632439e-3), f64x2.mul(x2, q));
  q = f64x2.add(f64x2.splat(4.89352518554385e-3), f64x2.mul(x2, q));
  const ax = f64x2.abs(x);
  // ±1 from the clamp on (±Infinity too: p/q would be ∞/∞ there); x itself near 0 (−0 stays −0); NaN stays NaN.
  const sign1 = v128.or(v128.and(x, i64x2.splat(0x8000000000000000)), f64x2.splat(1));
  const r = v128.bitselect(x, f64x2.div(p, q), f64x2.lt(ax, f64x2.splat(0.0004)));
  return v128.bitselect(sign1, r, f64x2.ge(ax, f64x2.splat(TANH_CLAMP)));
}

/** tanh of four float32 values, as tanhF32 (two float64 halves). */
@inline export function tanh4(x: v128): v128 {
  const lo = tanh2(f64x2.promote_low_f32x4(x));
  const hi = tanh2(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3)));
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/**
 * σ(z) = z ≥ 0 ? 1/(1 + e) : e/(1 + e), e = e^−|z|, so that nothing overflows. Below
 * z = −87 (where expNonPositive clamps and e^z leaves float32's normal range) σ(z) is e^z
 * to float32 precision: (e^(z/2))², which rounds to the right subnormal, then to 0.
 */
@inline export function sigmoid4(z: v128): v128 {
  const one = f32x4.splat(1);
  const e = expNonPositive(f32x4.neg(f32x4.abs(z)));
  const s = f32x4.div(v128.bitselect(one, e, f32x4.ge(z, f32x4.splat(0))), f32x4.add(one, e));
  const tiny = f32x4.lt(z, f32x4.splat(-87));
  if (!v128.any_true(tiny)) return s;
  const h = expNonPositive(f32x4.mul(z, f32x4.splat(0.5)));
  return v128.bitselect(f32x4.mul(h, h), s, tiny);
}

/** y = tanh(x) over n values. */
export function tanh(px: usize, py: usize, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    v128.store(py + o, tanh4(v128.load(px + o)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(py + o, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(px + o))), 0));
  }
}

/** y = σ(x) over n values. */
export function sigmoid(px: usize, py: usize, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    v128.store(py + o, sigmoid4(v128.load(px + o)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(py + o, f32x4.extract_lane(sigmoid4(f32x4.splat(load<f32>(px + o))), 0));
  }
}
