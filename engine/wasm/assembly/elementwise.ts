import { copyFloats, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Element-wise kernels, split on multiples of 4 values.
// ---------------------------------------------------------------------------------------

/** y = max(x, 0) as the reference: v > 0 ? v : 0 (NaN → 0). */
export function relu(px: usize, py: usize, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(px + o);
    v128.store(py + o, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; i < i1; i++) {
    const v = load<f32>(px + (<usize>i << 2));
    store<f32>(py + (<usize>i << 2), v > 0 ? v : 0);
  }
}

/** dx = y > 0 ? dy : 0. */
export function reluBackward(py: usize, pdy: usize, pdx: usize, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    v128.store(pdx + o, v128.and(v128.load(pdy + o), f32x4.gt(v128.load(py + o), zero)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(pdx + o, load<f32>(py + o) > 0 ? load<f32>(pdy + o) : 0);
  }
}

/** y[r, :] = bias for r < rows (split over rows). */
export function biasRows(pb: usize, py: usize, rows: i32, n: i32, part: i32, parts: i32): void {
  const r0 = shareStart(rows, 1, part, parts), r1 = shareStart(rows, 1, part + 1, parts);
  const bytes = <usize>n << 2;
  for (let r = r0; r < r1; r++) copyFloats(py + <usize>r * bytes, pb, n);
}

/** db[j] += Σ_r dy[r, j], in row order (split over column groups of 4). */
export function biasGrad(pdy: usize, pdb: usize, rows: i32, n: i32, part: i32, parts: i32): void {
  const j0 = shareStart(n, 4, part, parts), j1 = shareStart(n, 4, part + 1, parts);
  const ld = <usize>n << 2;
  let j = j0;
  // Each column's sum is a chain of dependent adds (rows in order): two chains at a time.
  for (; j + 8 <= j1; j += 8) {
    const o = <usize>j << 2;
    let s0 = v128.load(pdb + o), s1 = v128.load(pdb + o, 16);
    let p = pdy + o;
    for (let r = 0; r < rows; r++, p += ld) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
    }
    v128.store(pdb + o, s0);
    v128.store(pdb + o, s1, 16);
  }
  for (; j + 4 <= j1; j += 4) {
    const o = <usize>j << 2;
    let s = v128.load(pdb + o);
    let p = pdy + o;
    for (let r = 0; r < rows; r++, p += ld) s = f32x4.add(s, v128.load(p));
    v128.store(pdb + o, s);
  }
  for (; j < j1; j++) {
    const o = <usize>j << 2;
    let s = load<f32>(pdb + o);
    let p = pdy + o;
    for (let r = 0; r < rows; r++, p += ld) s += load<f32>(p);
    store<f32>(pdb + o, s);
  }
}

/** 16 bytes at src → 16 floats at dst, each byte / divisor. */
@inline function sixteenBytesToFloats(src: usize, dst: usize, vd: v128): void {
  const b = v128.load(src);
  const lo = i16x8.extend_low_i8x16_u(b), hi = i16x8.extend_high_i8x16_u(b);
  v128.store(dst, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)), vd));
  v128.store(dst, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), vd), 16);
  v128.store(dst, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), vd), 32);
  v128.store(dst, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)), vd), 48);
}

/** out[i] = bytes[i] / divisor (pixels to floats, correctly rounded like the reference). */
export function bytesToFloats(pb: usize, pout: usize, divisor: f32, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 16, part, parts), i1 = shareStart(n, 16, part + 1, parts);
  const vd = f32x4.splat(divisor);
  let i = i0;
  for (; i + 16 <= i1; i += 16) sixteenBytesToFloats(pb + <usize>i, pout + (<usize>i << 2), vd);
  for (; i < i1; i++) store<f32>(pout + (<usize>i << 2), <f32>load<u8>(pb + <usize>i) / divisor);
}

/**
 * A batch of byte images gathered and scaled in one pass: out[b, :] = bytes[idx[b]·px + j] / divisor
 * (as bytesToFloats), from a set kept in this memory (engine/wasm/pinnedInputs.ts). Split over samples.
 */
export function gatherBytes(pData: usize, pIdx: usize, batch: i32, px: i32, pout: usize, divisor: f32, part: i32, parts: i32): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  const vd = f32x4.splat(divisor);
  // The rows are scattered over the whole set, mostly out of this core's caches: read one
  // byte of every cache line of the chunk's rows first, so that their misses overlap,
  // instead of coming one row at a time behind the conversion's divisions.
  let touched = 0;
  for (let b = b0; b < b1; b++) {
    const src = pData + <usize>load<i32>(pIdx + (<usize>b << 2)) * <usize>px;
    for (let i = 0; i < px; i += 64) touched += load<u8>(src + <usize>i);
    if (px > 0) touched += load<u8>(src + <usize>(px - 1)); // rows start anywhere in a line
  }
  if (touched < 0) unreachable(); // never: keeps the reads
  for (let b = b0; b < b1; b++) {
    const src = pData + <usize>load<i32>(pIdx + (<usize>b << 2)) * <usize>px;
    const dst = pout + ((<usize>b * <usize>px) << 2);
    let i = 0;
    for (; i + 16 <= px; i += 16) sixteenBytesToFloats(src + <usize>i, dst + (<usize>i << 2), vd);
    for (; i < px; i++) store<f32>(dst + (<usize>i << 2), <f32>load<u8>(src + <usize>i) / divisor);
  }
}
