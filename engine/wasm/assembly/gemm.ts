import { madd, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// GEMM: C[M,N] (+)= op(A) · op(B), three forms without materialised transposes:
//   form 0 (NN): A[M,K],  B[K,N]
//   form 1 (TN): A[K,M],  B[K,N]     (weight gradients: xᵀ · dy)
//   form 2 (NT): A[M,K],  B[N,K]     (input gradients: dy · Wᵀ)
// B is packed per (KC × NC) block into panels of 8 columns, [panel][k][8], zero-padded;
// a 4×8 register block of C is then computed with f32x4 mul+add. For every element the
// sum over k runs in order within each KC block, starting from 0, and the block's sum is
// added to C (or stored, for the first block without accumulation).
// ---------------------------------------------------------------------------------------

const KC: i32 = 256;
const NC: i32 = 512;
/**
 * Bytes of scratch one thread needs: a 4×8 edge tile, a list of KC steps, four rows'
 * lists of (step, value) pairs, a packed B block.
 */
export const SCRATCH_BYTES: i32 = 256 + KC * 4 + 4 * KC * 8 + KC * NC * 4;
/** Products at least this wide may run row by row over each row's non-zeros (rowSparse below). */
export const ROW_SPARSE_MIN_N: i32 = 64;
/**
 * Most non-zeros per row (as a fraction, on average over the block's rows) for which the
 * row-by-row form beats the 4×8 block (measured on this machine's class of CPU: with
 * FMA the block's arithmetic is cheaper, so the row form pays off on sparser rows only).
 */
const ROW_DENSITY: f32 = FMA ? 0.35 : 0.5;

@inline export function packB(src0: usize, sbk: usize, sbj: usize, kc: i32, nc: i32, dst: usize): void {
  let d = dst;
  for (let j = 0; j < nc; j += 8) {
    const w = min(8, nc - j);
    const colBase = src0 + <usize>j * sbj;
    if (w == 8 && sbj == 4) {
      let s = colBase;
      for (let k = 0; k < kc; k++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
        s += sbk;
      }
    } else if (w == 8) {
      // B(k, j) at colBase + k*sbk + t*sbj: eight row streams, gathered per k.
      const r0 = colBase, r1 = r0 + sbj, r2 = r1 + sbj, r3 = r2 + sbj;
      const r4 = r3 + sbj, r5 = r4 + sbj, r6 = r5 + sbj, r7 = r6 + sbj;
      let o: usize = 0;
      for (let k = 0; k < kc; k++) {
        store<f32>(d, load<f32>(r0 + o));
        store<f32>(d, load<f32>(r1 + o), 4);
        store<f32>(d, load<f32>(r2 + o), 8);
        store<f32>(d, load<f32>(r3 + o), 12);
        store<f32>(d, load<f32>(r4 + o), 16);
        store<f32>(d, load<f32>(r5 + o), 20);
        store<f32>(d, load<f32>(r6 + o), 24);
        store<f32>(d, load<f32>(r7 + o), 28);
        d += 32;
        o += sbk;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const s = colBase + <usize>k * sbk;
        for (let t = 0; t < 8; t++) {
          store<f32>(d + (<usize>t << 2), t < w ? load<f32>(s + <usize>t * sbj) : <f32>0);
        }
        d += 32;
      }
    }
  }
}

/**
 * 4×8 block: rows a + r*sai (r < 4), k step sak; packed B panel bp; C block at c (row
 * stride ldc). With `add`, row r of the result is the sum plus the 8 values at q + r*qs
 * (C itself: q = c, qs = ldc; a bias: qs = 0).
 */
@inline function micro4x8(
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
function microEdge(
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
@inline function micro4x8List(
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
function nonzeroSteps(a: usize, sai: usize, sak: usize, rows: i32, kc: i32, list: usize): i32 {
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
function rowNonzeros(a: usize, kc: i32, list: usize): i32 {
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
@inline function row1x32(list: usize, n: i32, bp: usize, P: usize, c: usize, add: bool, q: usize): void {
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
function row1x8(list: usize, n: i32, bp: usize, c: usize, add: bool, q: usize, cols: i32, tile: usize): void {
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

/**
 * C[i0..i1, j0..j1) of the product; A(i,k) at pA + i*sai + k*sak, B(k,j) at pB + k*sbk + j*sbj.
 * Without accumulation, a bias (pBias ≠ 0) starts every row: C = bias + A·B.
 */
function gemmBlock(
  pA: usize, sai: usize, sak: usize, pB: usize, sbk: usize, sbj: usize, pC: usize, ldc: usize,
  K: i32, i0: i32, i1: i32, j0: i32, j1: i32, accumulate: bool, pBias: usize, scratch: usize, rowSparse: bool,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  const tile = scratch;
  const list = scratch + 256;
  const rowLists = list + KC * 4;
  const packed = rowLists + 4 * KC * 8;
  const withBias = !accumulate && pBias != 0;
  if (K <= 0) {
    if (!accumulate) {
      for (let i = i0; i < i1; i++) {
        const row = pC + <usize>i * ldc + (<usize>j0 << 2), bytes = <usize>(j1 - j0) << 2;
        if (withBias) memory.copy(row, pBias + (<usize>j0 << 2), bytes);
        else memory.fill(row, 0, bytes);
      }
    }
    return;
  }
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      // The first block adds the bias (or nothing); later ones add what C holds.
      const fromBias = k0 == 0 && withBias;
      const add = accumulate || k0 > 0 || fromBias;
      const qs: usize = fromBias ? 0 : ldc;
      packB(pB + <usize>k0 * sbk + <usize>jc * sbj, sbk, sbj, kc, nc, packed);
      const aK = pA + <usize>k0 * sak;
      // Row blocks outside, column panels inside: the 4 rows of A stay in L1 while the
      // packed panels of B (at most KC × NC floats) stream from L2.
      for (let i = i0; i < i1; i += 4) {
        const rows = min(4, i1 - i);
        const aI = aK + <usize>i * sai;
        const cRow = pC + <usize>i * ldc;
        // Skip the steps where this block of A is all zero, when that saves a quarter or more.
        // Finding them costs about one load per step and block (a quarter with A[M,K]), so
        // with A[K,M] and a single column panel it is not worth looking.
        const nnz = sak == 4 || nc > 8 ? nonzeroSteps(aI, sai, sak, rows, kc, list) : kc;
        const sparse = nnz * 4 <= kc * 3;
        // Sparse rows of A[M,K] (images): each row over its own non-zeros, 32 columns at a
        // time. As many multiply-adds per step as the 4×8 block, but only this row's steps.
        if (rowSparse && sparse && sak == 4) {
          let total = 0;
          for (let r = 0; r < rows; r++) {
            const n = rowNonzeros(aI + <usize>r * sai, kc, rowLists + <usize>r * KC * 8);
            store<i32>(tile + (<usize>r << 2), n);
            total += n;
          }
          if (<f32>total <= <f32>(rows * kc) * ROW_DENSITY) {
            const P = <usize>kc << 5;
            let j = 0;
            for (; j + 32 <= nc; j += 32) {
              const bp = packed + <usize>j * <usize>kc * 4;
              for (let r = 0; r < rows; r++) {
                const c = cRow + <usize>r * ldc + (<usize>(jc + j) << 2);
                const q = fromBias ? pBias + (<usize>(jc + j) << 2) : c;
                row1x32(rowLists + <usize>r * KC * 8, load<i32>(tile + (<usize>r << 2)), bp, P, c, add, q);
              }
            }
            for (; j < nc; j += 8) {
              const bp = packed + <usize>j * <usize>kc * 4;
              for (let r = 0; r < rows; r++) {
                const c = cRow + <usize>r * ldc + (<usize>(jc + j) << 2);
                const q = fromBias ? pBias + (<usize>(jc + j) << 2) : c;
                row1x8(rowLists + <usize>r * KC * 8, load<i32>(tile + (<usize>r << 2)), bp, c, add, q, min(8, nc - j), tile + 64);
              }
            }
            continue;
          }
        }
        for (let j = 0; j < nc; j += 8) {
          const cols = min(8, nc - j);
          const bp = packed + <usize>j * <usize>kc * 4;
          const c = cRow + (<usize>(jc + j) << 2);
          const q = fromBias ? pBias + (<usize>(jc + j) << 2) : c;
          if (rows == 4 && cols == 8) {
            if (sparse) micro4x8List(aI, sai, sak, bp, list, nnz, c, ldc, add, q, qs);
            else micro4x8(aI, sai, sak, bp, kc, c, ldc, add, q, qs);
          } else {
            microEdge(aI, sai, sak, bp, kc, c, ldc, add, q, qs, rows, cols, tile, sparse ? list : 0, nnz);
          }
        }
      }
    }
  }
}



/**
 * Chunk `part` of `parts` of the product (disjoint column panels, or row blocks). `scratch` holds one SCRATCH_BYTES area per thread; `slot` is the
 * calling thread's.
 */
export function gemm(
  form: i32, pA: usize, pB: usize, pC: usize, M: i32, K: i32, N: i32, accumulate: i32, pBias: usize,
  scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  let sai: usize, sak: usize, sbk: usize, sbj: usize;
  if (form == 1) {
    sai = 4; sak = <usize>M << 2;
  } else {
    sai = <usize>K << 2; sak = 4;
  }
  if (form == 2) {
    sbk = 4; sbj = <usize>K << 2;
  } else {
    sbk = <usize>N << 2; sbj = 4;
  }
  const ldc = <usize>N << 2;
  const mine = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  let i0 = 0, i1 = M, j0 = 0, j1 = N;
  if (parts > 1) {
    // Every chunk reads all of A when split by columns, all of B (and packs it) when split
    // by rows: split the way that repeats the smaller one, given enough of either to share.
    const panels = (N + 7) >> 3;
    const byRows = M >= 8 * parts && (M > N || panels < 2 * parts);
    if (!byRows) {
      j0 = shareStart(N, 8, part, parts);
      j1 = shareStart(N, 8, part + 1, parts);
    } else {
      i0 = shareStart(M, 4, part, parts);
      i1 = shareStart(M, 4, part + 1, parts);
    }
  }
  // Decided on the whole product, not on this chunk, so every split computes the same way.
  gemmBlock(pA, sai, sak, pB, sbk, sbj, pC, ldc, K, i0, i1, j0, j1, accumulate != 0, pBias, mine, N >= ROW_SPARSE_MIN_N);
}
