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
 * Row i's steps k < kc where A(i,k) is not +0 (the row is contiguous), as (k·32, A(i,k))
 * pairs: the byte offset of step k in a packed panel, and the value. Returns how many.
 */
export function rowNonzeros(a: usize, kc: i32, list: usize): i32 {
  const zero = i32x4.splat(0);
  let n = 0, k = 0;
  for (; k + 4 <= kc; k += 4) {
    const p = a + (<usize>k << 2);
    const m = i32x4.bitmask(i32x4.ne(v128.load(p), zero));
    if (m == 0) continue;
    // Four stores, advancing only past the non-zero ones: no branch on each value.
    store<i32>(list + (<usize>n << 3), k << 5);
    store<i32>(list + (<usize>n << 3), load<i32>(p), 4);
    n += m & 1;
    store<i32>(list + (<usize>n << 3), (k + 1) << 5);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 4), 4);
    n += (m >> 1) & 1;
    store<i32>(list + (<usize>n << 3), (k + 2) << 5);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 8), 4);
    n += (m >> 2) & 1;
    store<i32>(list + (<usize>n << 3), (k + 3) << 5);
    store<i32>(list + (<usize>n << 3), load<i32>(p, 12), 4);
    n += (m >> 3) & 1;
  }
  for (; k < kc; k++) {
    const v = load<i32>(a + (<usize>k << 2));
    store<i32>(list + (<usize>n << 3), k << 5);
    store<i32>(list + (<usize>n << 3), v, 4);
    n += v != 0 ? 1 : 0;
  }
  return n;
}

/**
 * One row × 32 columns (4 packed panels, `P` bytes apart) over the listed steps; with
 * `add`, plus the 32 values at q. Same operations per element as micro4x8List.
 */
@inline export function row1x32(list: usize, n: i32, bp: usize, P: usize, c: usize, add: bool, q: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0), c5 = f32x4.splat(0), c6 = f32x4.splat(0), c7 = f32x4.splat(0);
  const P2 = P + P, P3 = P2 + P;
  for (let t = 0; t < n; t++) {
    const at = list + (<usize>t << 3);
    const b = bp + <usize>load<i32>(at);
    const x = v128.load32_splat(at, 4);
    c0 = madd(x, v128.load(b), c0);
    c1 = madd(x, v128.load(b, 16), c1);
    c2 = madd(x, v128.load(b + P), c2);
    c3 = madd(x, v128.load(b + P, 16), c3);
    c4 = madd(x, v128.load(b + P2), c4);
    c5 = madd(x, v128.load(b + P2, 16), c5);
    c6 = madd(x, v128.load(b + P3), c6);
    c7 = madd(x, v128.load(b + P3, 16), c7);
  }
  if (add) {
    c0 = f32x4.add(c0, v128.load(q)); c1 = f32x4.add(c1, v128.load(q, 16));
    c2 = f32x4.add(c2, v128.load(q, 32)); c3 = f32x4.add(c3, v128.load(q, 48));
    c4 = f32x4.add(c4, v128.load(q, 64)); c5 = f32x4.add(c5, v128.load(q, 80));
    c6 = f32x4.add(c6, v128.load(q, 96)); c7 = f32x4.add(c7, v128.load(q, 112));
  }
  v128.store(c, c0); v128.store(c, c1, 16); v128.store(c, c2, 32); v128.store(c, c3, 48);
  v128.store(c, c4, 64); v128.store(c, c5, 80); v128.store(c, c6, 96); v128.store(c, c7, 112);
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
