import { madd } from './shared';

// The inner kernels of the products (engine/wasm/assembly/gemm.ts): register blocks of C
// computed over a packed panel of B, all steps or only listed ones.

/**
 * 4×8 block: rows a + r*sai (r < 4), k step sak; packed B panel bp; C block at c (row
 * stride ldc). With `add`, row r of the result is the sum plus the 8 values at q + r*qs
 * (C itself: q = c, qs = ldc; a bias: qs = 0).
 */
@inline export function micro4x8(
  a: usize, sai: usize, sak: usize, bp: usize, kc: i32, c: usize, ldc: usize, add: bool, q: usize, qs: usize,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const a1 = a + sai, a2 = a1 + sai, a3 = a2 + sai;
  let o: usize = 0, b = bp;
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a + o);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1 + o);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2 + o);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3 + o);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    o += sak;
    b += 32;
  }
  if (add) {
    const s1 = q + qs, s2 = s1 + qs, s3 = s2 + qs;
    c00 = f32x4.add(c00, v128.load(q)); c01 = f32x4.add(c01, v128.load(q, 16));
    c10 = f32x4.add(c10, v128.load(s1)); c11 = f32x4.add(c11, v128.load(s1, 16));
    c20 = f32x4.add(c20, v128.load(s2)); c21 = f32x4.add(c21, v128.load(s2, 16));
    c30 = f32x4.add(c30, v128.load(s3)); c31 = f32x4.add(c31, v128.load(s3, 16));
  }
  const r1 = c + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(r1, c10); v128.store(r1, c11, 16);
  v128.store(r2, c20); v128.store(r2, c21, 16);
  v128.store(r3, c30); v128.store(r3, c31, 16);
}

/**
 * Edge block: `rows` ≤ 4 valid rows and `cols` ≤ 8 valid columns. The same arithmetic as
 * micro4x8 (missing rows repeat the last valid one and are not stored), written to C
 * element by element.
 */
export function microEdge(
  a: usize, sai: usize, sak: usize, bp: usize, kc: i32, c: usize, ldc: usize, add: bool, q: usize, qs: usize,
  rows: i32, cols: i32, tile: usize, list: usize, listLen: i32,
): void {
  const a1 = rows > 1 ? a + sai : a;
  const a2 = rows > 2 ? a + 2 * sai : a1;
  const a3 = rows > 3 ? a + 3 * sai : a2;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let o: usize = 0, b = bp;
  const steps = list != 0 ? listLen : kc;
  for (let t = 0; t < steps; t++) {
    if (list != 0) {
      const k = <usize>load<i32>(list + (<usize>t << 2));
      o = k * sak;
      b = bp + (k << 5);
    }
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a + o);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1 + o);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2 + o);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3 + o);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    o += sak;
    b += 32;
  }
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  for (let r = 0; r < rows; r++) {
    const t = tile + (<usize>r << 5), cr = c + <usize>r * ldc, qr = q + <usize>r * qs;
    for (let j = 0; j < cols; j++) {
      const off = <usize>j << 2;
      const v = load<f32>(t + off);
      store<f32>(cr + off, add ? v + load<f32>(qr + off) : v);
    }
  }
}

/** micro4x8 over the steps k listed in `list` only (the others have A = 0 in all 4 rows). */
@inline export function micro4x8List(
  a: usize, sai: usize, sak: usize, bp: usize, list: usize, n: i32, c: usize, ldc: usize, add: bool, q: usize, qs: usize,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const a1 = a + sai, a2 = a1 + sai, a3 = a2 + sai;
  for (let t = 0; t < n; t++) {
    const k = <usize>load<i32>(list + (<usize>t << 2));
    const o = k * sak, b = bp + (k << 5);
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a + o);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1 + o);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2 + o);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3 + o);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
  }
  if (add) {
    const s1 = q + qs, s2 = s1 + qs, s3 = s2 + qs;
    c00 = f32x4.add(c00, v128.load(q)); c01 = f32x4.add(c01, v128.load(q, 16));
    c10 = f32x4.add(c10, v128.load(s1)); c11 = f32x4.add(c11, v128.load(s1, 16));
    c20 = f32x4.add(c20, v128.load(s2)); c21 = f32x4.add(c21, v128.load(s2, 16));
    c30 = f32x4.add(c30, v128.load(s3)); c31 = f32x4.add(c31, v128.load(s3, 16));
  }
  const r1 = c + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(r1, c10); v128.store(r1, c11, 16);
  v128.store(r2, c20); v128.store(r2, c21, 16);
  v128.store(r3, c30); v128.store(r3, c31, 16);
}

/**
 * Zero skipping: writes to `list` the steps k < kc at which at least one of the block's
 * `rows` rows of A is not +0 (bit pattern 0), and returns how many there are. Inputs and
 * ReLU outputs are largely zero (MNIST's background, inactive units): a step where the 4
 * rows are all zero adds only zeros, so leaving it out changes nothing but, at most, the
 * sign of an exact zero. The choice depends on A alone, so every thread makes the same one.
 */
export function nonzeroSteps(a: usize, sai: usize, sak: usize, rows: i32, kc: i32, list: usize): i32 {
  const a1 = rows > 1 ? a + sai : a;
  const a2 = rows > 2 ? a + 2 * sai : a1;
  const a3 = rows > 3 ? a + 3 * sai : a2;
  const zero = i32x4.splat(0);
  let n = 0;
  if (sak == 4) {
    // Rows run along k (A[M,K]): four steps at a time.
    let k = 0;
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2;
      const v = v128.or(v128.or(v128.load(a + o), v128.load(a1 + o)), v128.or(v128.load(a2 + o), v128.load(a3 + o)));
      const m = i32x4.bitmask(i32x4.ne(v, zero));
      const at = list + (<usize>n << 2);
      store<i32>(at, k);
      n += m & 1;
      store<i32>(list + (<usize>n << 2), k + 1);
      n += (m >> 1) & 1;
      store<i32>(list + (<usize>n << 2), k + 2);
      n += (m >> 2) & 1;
      store<i32>(list + (<usize>n << 2), k + 3);
      n += (m >> 3) & 1;
    }
    for (; k < kc; k++) {
      const o = <usize>k << 2;
      store<i32>(list + (<usize>n << 2), k);
      n += (load<i32>(a + o) | load<i32>(a1 + o) | load<i32>(a2 + o) | load<i32>(a3 + o)) != 0 ? 1 : 0;
    }
  } else if (sai == 4 && rows == 4) {
    // A[K,M]: the block's four values at a step are adjacent.
    let o: usize = 0;
    for (let k = 0; k < kc; k++, o += sak) {
      store<i32>(list + (<usize>n << 2), k);
      n += v128.any_true(v128.load(a + o)) ? 1 : 0;
    }
  } else {
    let o: usize = 0;
    for (let k = 0; k < kc; k++, o += sak) {
      store<i32>(list + (<usize>n << 2), k);
      n += (load<i32>(a + o) | load<i32>(a1 + o) | load<i32>(a2 + o) | load<i32>(a3 + o)) != 0 ? 1 : 0;
    }
  }
  return n;
}

/**
 * Row i's steps k < kc where A(i,k) is not +0 (the row is contiguous), as (k·stride, A(i,k))
 * pairs: the byte offset of step k in B (32 in a packed panel, a row of B otherwise), and
 * the value. Returns how many.
 */
export function rowNonzeros(a: usize, kc: i32, list: usize, stride: i32): i32 {
  const zero = i32x4.splat(0);
  let n = 0, k = 0;
  for (; k + 4 <= kc; k += 4) {
    const p = a + (<usize>k << 2);
    const m = i32x4.bitmask(i32x4.ne(v128.load(p), zero));
    if (m == 0) continue;
    // Four stores, advancing only past the non-zero ones: no branch on each value.
    const at = k * stride;
    store<i32>(list + (<usize>n << 3), at);
    store<i32>(list + (<usize>n << 3), load<i32>(p), 4);
    n += m & 1;
    store<i32>(list + (<usize>n << 3), at + stride);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 4), 4);
    n += (m >> 1) & 1;
    store<i32>(list + (<usize>n << 3), at + 2 * stride);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 8), 4);
    n += (m >> 2) & 1;
    store<i32>(list + (<usize>n << 3), at + 3 * stride);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 12), 4);
    n += (m >> 3) & 1;
  }
  for (; k < kc; k++) {
    const v = load<i32>(a + (<usize>k << 2));
    store<i32>(list + (<usize>n << 3), k * stride);
    store<i32>(list + (<usize>n << 3), v, 4);
    n += v != 0 ? 1 : 0;
  }
  return n;
}

/**
 * rowNonzeros for four rows at once when A is [K,M] (the rows' values at a step are
 * adjacent: weight gradients, xᵀ·dy): row r's list at lists + r·listBytes, its length
 * stored at counts + 4r. Returns the total.
 */
export function blockRowNonzeros(a: usize, sak: usize, kc: i32, stride: i32, lists: usize, listBytes: usize, counts: usize): i32 {
  const zero = i32x4.splat(0);
  let n0 = 0, n1 = 0, n2 = 0, n3 = 0;
  const l1 = lists + listBytes, l2 = l1 + listBytes, l3 = l2 + listBytes;
  let o: usize = 0;
  for (let k = 0; k < kc; k++, o += sak) {
    const v = v128.load(a + o);
    const m = i32x4.bitmask(i32x4.ne(v, zero));
    if (m == 0) continue;
    const at = k * stride;
    store<i32>(lists + (<usize>n0 << 3), at);
    store<i32>(lists + (<usize>n0 << 3), i32x4.extract_lane(v, 0), 4);
    n0 += m & 1;
    store<i32>(l1 + (<usize>n1 << 3), at);
    store<i32>(l1 + (<usize>n1 << 3), i32x4.extract_lane(v, 1), 4);
    n1 += (m >> 1) & 1;
    store<i32>(l2 + (<usize>n2 << 3), at);
    store<i32>(l2 + (<usize>n2 << 3), i32x4.extract_lane(v, 2), 4);
    n2 += (m >> 2) & 1;
    store<i32>(l3 + (<usize>n3 << 3), at);
    store<i32>(l3 + (<usize>n3 << 3), i32x4.extract_lane(v, 3), 4);
    n3 += (m >> 3) & 1;
  }
  store<i32>(counts, n0);
  store<i32>(counts, n1, 4);
  store<i32>(counts, n2, 8);
  store<i32>(counts, n3, 12);
  return n0 + n1 + n2 + n3;
}

/**
 * One row × 16 columns (2 packed panels `P` bytes apart, or with P = 32 a row of B itself)
 * over the listed steps; with `add`, plus the 16 values at q. Same operations per element
 * as micro4x8List. Sixteen columns, not 32: V8 keeps every value of the loop in its 15
 * vector registers only up to about 4 accumulators with their 4 loads; at 8 it spilled
 * one accumulator to the stack, and the store-to-load round trip on every step made the
 * loop twice as slow.
 */
@inline export function row1x16(list: usize, n: i32, bp: usize, P: usize, c: usize, add: bool, q: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const b1 = bp + P;
  // Two steps per turn (the loop's own instructions are a fifth of its work otherwise);
  // each accumulator still adds its terms in list order.
  const end2 = list + (<usize>(n & ~1) << 3);
  let at = list;
  for (; at < end2; at += 16) {
    const o = <usize>load<i32>(at), p = <usize>load<i32>(at, 8);
    const x = v128.load32_splat(at, 4), y = v128.load32_splat(at, 12);
    c0 = madd(x, v128.load(bp + o), c0);
    c1 = madd(x, v128.load(bp + o, 16), c1);
    c2 = madd(x, v128.load(b1 + o), c2);
    c3 = madd(x, v128.load(b1 + o, 16), c3);
    c0 = madd(y, v128.load(bp + p), c0);
    c1 = madd(y, v128.load(bp + p, 16), c1);
    c2 = madd(y, v128.load(b1 + p), c2);
    c3 = madd(y, v128.load(b1 + p, 16), c3);
  }
  if (n & 1) {
    const o = <usize>load<i32>(at);
    const x = v128.load32_splat(at, 4);
    c0 = madd(x, v128.load(bp + o), c0);
    c1 = madd(x, v128.load(bp + o, 16), c1);
    c2 = madd(x, v128.load(b1 + o), c2);
    c3 = madd(x, v128.load(b1 + o, 16), c3);
  }
  if (add) {
    c0 = f32x4.add(c0, v128.load(q)); c1 = f32x4.add(c1, v128.load(q, 16));
    c2 = f32x4.add(c2, v128.load(q, 32)); c3 = f32x4.add(c3, v128.load(q, 48));
  }
  v128.store(c, c0); v128.store(c, c1, 16); v128.store(c, c2, 32); v128.store(c, c3, 48);
}

/** One row × one panel (`cols` ≤ 8 valid columns) over the listed steps, as row1x32. */
export function row1x8(list: usize, n: i32, bp: usize, c: usize, add: bool, q: usize, cols: i32, tile: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let t = 0; t < n; t++) {
    const at = list + (<usize>t << 3);
    const b = bp + <usize>load<i32>(at);
    const x = v128.load32_splat(at, 4);
    c0 = madd(x, v128.load(b), c0);
    c1 = madd(x, v128.load(b, 16), c1);
  }
  if (cols == 8) {
    if (add) {
      c0 = f32x4.add(c0, v128.load(q));
      c1 = f32x4.add(c1, v128.load(q, 16));
    }
    v128.store(c, c0);
    v128.store(c, c1, 16);
    return;
  }
  v128.store(tile, c0);
  v128.store(tile, c1, 16);
  for (let j = 0; j < cols; j++) {
    const off = <usize>j << 2;
    const v = load<f32>(tile + off);
    store<f32>(c + off, add ? v + load<f32>(q + off) : v);
  }
}
