import { madd, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Binary cross-entropy from logits (a sigmoid output fused into its loss, as an
// autoencoder's 784 outputs are): one exponential and one log1p per value, in SIMD
// polynomials (Cephes's expf and logf, relative error about 1e-7). The scalar reference is
// jsKernels.sigmoidCrossEntropy (Math.exp, Math.log1p).
// ---------------------------------------------------------------------------------------

/** e^x for x ≤ 0 (clamped at −87, where e^x is about 1.6e-38). Also the sigmoid's (activations.ts). */
@inline export function expNonPositive(x: v128): v128 {
  const xc = f32x4.max(x, f32x4.splat(-87));
  // k = round(x·log2 e), ties to even, by adding 1.5·2^23: the integer lands in the low mantissa
  // bits (|k| ≤ 126), which also give 2^k below without a float-to-int conversion (slow in wasm).
  const m = f32x4.add(f32x4.mul(xc, f32x4.splat(1.44269504088896341)), f32x4.splat(12582912));
  const k = f32x4.sub(m, f32x4.splat(12582912));
  // r = x − k·ln 2, with ln 2 in two parts so that r keeps its low bits.
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(k, f32x4.splat(0.693359375))), f32x4.mul(k, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(1));
  // 2^k through the exponent bits (k ≥ −126: a normal number); m's bits are those of 1.5·2^23 plus k.
  const pow2 = i32x4.shl(i32x4.add(m, i32x4.splat(127 - 0x4B400000)), 23);
  return f32x4.mul(y, pow2);
}

/** log(1 + e) for e in [0, 1], accurate for tiny e too (the polynomial is evaluated at e itself, never at (1 + e) − 1). */
@inline function log1pUnit(e: v128): v128 {
  // Cephes reduces 1 + e to m·2^ex with m in [√½, √2): for 1 + e > √2, m = (1 + e)/2.
  const big = f32x4.gt(e, f32x4.splat(0.41421356237));
  const x = v128.bitselect(f32x4.mul(f32x4.sub(e, f32x4.splat(1)), f32x4.splat(0.5)), e, big);
  const ex = v128.and(f32x4.splat(1), big);
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(7.0376836292e-2);
  p = madd(p, x, f32x4.splat(-1.1514610310e-1));
  p = madd(p, x, f32x4.splat(1.1676998740e-1));
  p = madd(p, x, f32x4.splat(-1.2420140846e-1));
  p = madd(p, x, f32x4.splat(1.4249322787e-1));
  p = madd(p, x, f32x4.splat(-1.6668057665e-1));
  p = madd(p, x, f32x4.splat(2.0000714765e-1));
  p = madd(p, x, f32x4.splat(-2.4999993993e-1));
  p = madd(p, x, f32x4.splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, x), z);
  y = madd(ex, f32x4.splat(-2.12194440e-4), y);
  y = madd(z, f32x4.splat(-0.5), y);
  return madd(ex, f32x4.splat(0.693359375), f32x4.add(x, y));
}

/** Per value: ℓ and σ(z) − t, from z and t (four values at once). */
@inline function bce(z: v128, t: v128, loss: v128, pd: usize, o: usize, g: v128): v128 {
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  const e = expNonPositive(f32x4.neg(f32x4.abs(z)));
  const l = f32x4.add(f32x4.sub(f32x4.max(z, zero), f32x4.mul(z, t)), log1pUnit(e));
  if (pd) {
    const s = f32x4.div(v128.bitselect(one, e, f32x4.ge(z, zero)), f32x4.add(one, e));
    v128.store(pd + o, f32x4.mul(g, f32x4.sub(s, t)));
  }
  return f32x4.add(loss, l);
}

/**
 * Σ ℓ(z, t) over n values, ℓ = max(z, 0) − z·t + log(1 + e^−|z|), and (pd ≠ 0) d = g·(σ(z) − t).
 * Sums run in float32 over fixed blocks of 256 values; each block's sum is written, as a
 * float64, to partials[block], the last n mod 4 values' to partials[blocks] (reduction.ts):
 * shares are whole blocks, so the caller's sum of the partials does not depend on the split.
 */
export function sigmoidCrossEntropy(pz: usize, pt: usize, pd: usize, n: i32, g: f32, partials: usize, part: i32, parts: i32, slot: i32): void {
  const vg = f32x4.splat(g);
  const n4 = n & ~3, blocks = (n4 + 255) >> 8;
  const b0 = shareStart(blocks, 1, part, parts), b1 = shareStart(blocks, 1, part + 1, parts);
  for (let b = b0; b < b1; b++) {
    const end = min(n4, (b + 1) << 8);
    let acc = f32x4.splat(0);
    for (let i = b << 8; i < end; i += 4) {
      const o = <usize>i << 2;
      acc = bce(v128.load(pz + o), v128.load(pt + o), acc, pd, o, vg);
    }
    store<f64>(partials + (<usize>b << 3), <f64>(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3)));
  }
  if (part != parts - 1) return;
  // The last values one at a time, through the same vector code (lane 0), so every value sees the same arithmetic.
  let total: f64 = 0;
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const z = f32x4.splat(load<f32>(pz + o)), t = f32x4.splat(load<f32>(pt + o));
    const e = expNonPositive(f32x4.neg(f32x4.abs(z)));
    const zero = f32x4.splat(0), one = f32x4.splat(1);
    total += <f64>f32x4.extract_lane(f32x4.add(f32x4.sub(f32x4.max(z, zero), f32x4.mul(z, t)), log1pUnit(e)), 0);
    if (pd) {
      const s = f32x4.div(v128.bitselect(one, e, f32x4.ge(z, zero)), f32x4.add(one, e));
      store<f32>(pd + o, f32x4.extract_lane(f32x4.mul(vg, f32x4.sub(s, t)), 0));
    }
  }
  store<f64>(partials + (<usize>blocks << 3), total);
}
