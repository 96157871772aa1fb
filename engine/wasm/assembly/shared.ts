/**
 * Helpers shared by the kernels (inlined where used): the split of work into shares,
 * the multiply-add of the two module variants, short vector copies and sums.
 */

/**
 * a·b + c for the products' inner loops. The module is built twice: with FMA = 0 as
 * mul + add (baseline SIMD: Node 20), and with FMA = 1 as relaxed-SIMD f32x4.relaxed_madd,
 * a fused multiply-add on CPUs that have one (Electron/Chrome ≥ 114 enable relaxed SIMD).
 * Either way every output element sees the same operations whatever the threads.
 */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (FMA) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Splits [0, n) into `parts` shares on multiples of `unit`; returns the start of share `part`. */
@inline export function shareStart(n: i32, unit: i32, part: i32, parts: i32): i32 {
  const units = (n + unit - 1) / unit;
  return min(n, <i32>((<i64>units * part) / parts) * unit);
}

/** Copies n floats (n small, unaligned). */
@inline export function copyFloats(dst: usize, src: usize, n: i32): void {
  let t = 0;
  for (; t + 4 <= n; t += 4) v128.store(dst + (<usize>t << 2), v128.load(src + (<usize>t << 2)));
  for (; t < n; t++) store<f32>(dst + (<usize>t << 2), load<f32>(src + (<usize>t << 2)));
}

/** Adds n floats of src into dst. */
@inline export function addFloats(dst: usize, src: usize, n: i32): void {
  let t = 0;
  for (; t + 4 <= n; t += 4) {
    const o = <usize>t << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; t < n; t++) {
    const o = <usize>t << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

/**
 * Writes to `list` the (filter · scale, value) pairs of the non-zero values among dy[f0..f1)
 * of one output position, without branching on the data; returns how many.
 */
@inline export function nonzeroFilters(dyRow: usize, f0: i32, f1: i32, scale: i32, list: usize): i32 {
  let count = 0;
  for (let f = f0; f < f1; f++) {
    const g = load<f32>(dyRow + (<usize>f << 2));
    const at = list + (<usize>count << 3);
    store<i32>(at, f * scale);
    store<f32>(at, g, 4);
    count += g != 0 ? 1 : 0;
  }
  return count;
}

/** dst[0..n) += b · src[0..n). */
@inline export function axpy(dst: usize, b: f32, src: usize, n: i32): void {
  const vb = f32x4.splat(b);
  let t = 0;
  for (; t + 16 <= n; t += 16) {
    const o = <usize>t << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(vb, v128.load(src + o))));
    v128.store(dst + o, f32x4.add(v128.load(dst + o, 16), f32x4.mul(vb, v128.load(src + o, 16))), 16);
    v128.store(dst + o, f32x4.add(v128.load(dst + o, 32), f32x4.mul(vb, v128.load(src + o, 32))), 32);
    v128.store(dst + o, f32x4.add(v128.load(dst + o, 48), f32x4.mul(vb, v128.load(src + o, 48))), 48);
  }
  for (; t + 4 <= n; t += 4) {
    const o = <usize>t << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(vb, v128.load(src + o))));
  }
  for (; t < n; t++) {
    const o = <usize>t << 2;
    store<f32>(dst + o, load<f32>(dst + o) + b * load<f32>(src + o));
  }
}

/** masks[iy] = the bits ix of image row iy with a non-zero pixel (any channel); inW ≤ 64. */
export function pixelMasks(xb: usize, inH: i32, inW: i32, C: i32, masks: usize): void {
  let p = xb;
  const zero = f32x4.splat(0);
  for (let iy = 0; iy < inH; iy++) {
    let m: u64 = 0;
    let ix = 0;
    if (C == 1) {
      for (; ix + 4 <= inW; ix += 4, p += 16) m |= <u64>i32x4.bitmask(f32x4.ne(v128.load(p), zero)) << <u64>ix;
    } else if ((C & 3) == 0) {
      for (; ix < inW; ix++) {
        let any = v128.splat<i32>(0);
        for (let c = 0; c < C; c += 4, p += 16) any = v128.or(any, f32x4.ne(v128.load(p), zero));
        m |= <u64>(v128.any_true(any) ? 1 : 0) << <u64>ix;
      }
    }
    for (; ix < inW; ix++) {
      let nz: u64 = 0;
      for (let c = 0; c < C; c++, p += 4) nz |= load<f32>(p) != 0 ? 1 : 0;
      m |= nz << <u64>ix;
    }
    store<u64>(masks + (<usize>iy << 3), m);
  }
}
