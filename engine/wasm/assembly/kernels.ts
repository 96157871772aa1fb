/**
 * Layerwise's WebAssembly SIMD kernels (AssemblyScript). Compiled by `npm run build:wasm`
 * (scripts/build-wasm.mjs) into engine/wasm/kernelsWasm.generated.ts; the scalar TypeScript
 * kernels (engine/core/gemm.ts, engine/core/jsKernels.ts) are the reference they are tested against.
 *
 * Rules that make the module safe to run from several threads on one shared memory and
 * keep results independent of the number of threads:
 *  - no static data and no allocation: every buffer is a pointer (byte address) given by
 *    the caller, so instantiating the module in another thread never writes memory;
 *  - every kernel takes (part, parts) and computes only its share of the output; shares
 *    never overlap and every output element is computed by the same sequence of f32
 *    operations whatever the split, so 1 thread and N threads give bit-identical results.
 *
 * Matrices are row-major f32. Pointers are byte addresses.
 */

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

/**
 * a·b + c for the products' inner loops. The module is built twice: with FMA = 0 as
 * mul + add (baseline SIMD: Node 20), and with FMA = 1 as relaxed-SIMD f32x4.relaxed_madd,
 * a fused multiply-add on CPUs that have one (Electron/Chrome ≥ 114 enable relaxed SIMD).
 * Either way every output element sees the same operations whatever the threads.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (FMA) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

const KC: i32 = 256;
const NC: i32 = 512;
/** Bytes of scratch one thread needs: a 4×8 edge tile, a list of KC steps, a packed B block. */
export const SCRATCH_BYTES: i32 = 256 + KC * 4 + KC * NC * 4;

@inline function packB(src0: usize, sbk: usize, sbj: usize, kc: i32, nc: i32, dst: usize): void {
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
 * C[i0..i1, j0..j1) of the product; A(i,k) at pA + i*sai + k*sak, B(k,j) at pB + k*sbk + j*sbj.
 * Without accumulation, a bias (pBias ≠ 0) starts every row: C = bias + A·B.
 */
function gemmBlock(
  pA: usize, sai: usize, sak: usize, pB: usize, sbk: usize, sbj: usize, pC: usize, ldc: usize,
  K: i32, i0: i32, i1: i32, j0: i32, j1: i32, accumulate: bool, pBias: usize, scratch: usize,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  const tile = scratch;
  const list = scratch + 256;
  const packed = list + KC * 4;
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

/** Splits [0, n) into `parts` shares on multiples of `unit`; returns the start of share `part`. */
@inline function shareStart(n: i32, unit: i32, part: i32, parts: i32): i32 {
  const units = (n + unit - 1) / unit;
  return min(n, <i32>((<i64>units * part) / parts) * unit);
}

/**
 * Chunk `part` of `parts` of the product (disjoint column panels, or row blocks when there
 * are few panels). `scratch` holds one SCRATCH_BYTES area per thread; `slot` is the
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
    const panels = (N + 7) >> 3;
    if (panels >= 2 * parts || M < 8 * parts) {
      j0 = shareStart(N, 8, part, parts);
      j1 = shareStart(N, 8, part + 1, parts);
    } else {
      i0 = shareStart(M, 4, part, parts);
      i1 = shareStart(M, 4, part + 1, parts);
    }
  }
  gemmBlock(pA, sai, sak, pB, sbk, sbj, pC, ldc, K, i0, i1, j0, j1, accumulate != 0, pBias, mine);
}

// ---------------------------------------------------------------------------------------
// Convolution helpers (channels last), split over the samples of the batch.
// ---------------------------------------------------------------------------------------

/** Copies n floats (n small, unaligned). */
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  let t = 0;
  for (; t + 4 <= n; t += 4) v128.store(dst + (<usize>t << 2), v128.load(src + (<usize>t << 2)));
  for (; t < n; t++) store<f32>(dst + (<usize>t << 2), load<f32>(src + (<usize>t << 2)));
}

/** x [batch, inH, inW, C] → cols [batch·outH·outW, kh·kw·C] (out-of-image taps are 0). */
export function im2col(
  px: usize, pCols: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, outH: i32, outW: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  const kwC = kw * C;
  const rowBytes = <usize>(kh * kwC) << 2;
  const imgFloats = <usize>(inH * inW * C);
  const stepBytes = <usize>(sw * C) << 2;
  // Output columns whose whole window row lies inside the image: [oxA, oxB).
  let oxA = 0;
  while (oxA < outW && oxA * sw - padL < 0) oxA++;
  let oxB = outW;
  while (oxB > oxA && (oxB - 1) * sw - padL + kw > inW) oxB--;
  for (let b = b0; b < b1; b++) {
    const xb = px + ((<usize>b * imgFloats) << 2);
    const colsB = pCols + <usize>b * <usize>(outH * outW) * rowBytes;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * sh - padT;
      const rowsOy = colsB + <usize>(oy * outW) * rowBytes;
      for (let ky = 0; ky < kh; ky++) {
        const iy = iy0 + ky;
        const dst0 = rowsOy + (<usize>(ky * kwC) << 2);
        if (iy < 0 || iy >= inH) {
          for (let ox = 0; ox < outW; ox++) memory.fill(dst0 + <usize>ox * rowBytes, 0, <usize>kwC << 2);
          continue;
        }
        const rowBase = xb + (<usize>(iy * inW * C) << 2);
        // Interior: one contiguous copy of kw·C values per output column.
        let d = dst0 + <usize>oxA * rowBytes;
        let src = rowBase + (<usize>((oxA * sw - padL) * C) << 2);
        if (kwC < 4) {
          for (let ox = oxA; ox < oxB; ox++, d += rowBytes, src += stepBytes) {
            for (let t = 0; t < kwC; t++) store<f32>(d + (<usize>t << 2), load<f32>(src + (<usize>t << 2)));
          }
        } else {
          const tail = <usize>(kwC - 4) << 2;
          for (let ox = oxA; ox < oxB; ox++, d += rowBytes, src += stepBytes) {
            let t: usize = 0;
            for (; t < tail; t += 16) v128.store(d + t, v128.load(src + t));
            // The last 4 values (overlapping the previous store when kw·C is not a multiple of 4).
            v128.store(d + tail, v128.load(src + tail));
          }
        }
        // Borders (padding): tap by tap.
        for (let ox = 0; ox < outW; ox++) {
          if (ox == oxA) ox = max(oxB, oxA);
          if (ox >= outW) break;
          const ix0 = ox * sw - padL;
          const dst = dst0 + <usize>ox * rowBytes;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ix0 + kx;
            const dd = dst + (<usize>(kx * C) << 2);
            if (ix < 0 || ix >= inW) memory.fill(dd, 0, <usize>C << 2);
            else copyFloats(dd, rowBase + (<usize>(ix * C) << 2), C);
          }
        }
      }
    }
  }
}

/** Adds n floats of src into dst. */
@inline function addFloats(dst: usize, src: usize, n: i32): void {
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

/** The adjoint of im2col: dx [batch, inH, inW, C] = Σ over every tap that read each pixel. */
export function col2im(
  pdCols: usize, pdx: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, outH: i32, outW: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  const kwC = kw * C;
  const rowBytes = <usize>(kh * kwC) << 2;
  const imgFloats = <usize>(inH * inW * C);
  if (b1 > b0) memory.fill(pdx + ((<usize>b0 * imgFloats) << 2), 0, (<usize>(b1 - b0) * imgFloats) << 2);
  for (let b = b0; b < b1; b++) {
    const xb = pdx + ((<usize>b * imgFloats) << 2);
    let r = pdCols + <usize>b * <usize>(outH * outW) * rowBytes;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * sh - padT;
      for (let ox = 0; ox < outW; ox++, r += rowBytes) {
        const ix0 = ox * sw - padL;
        for (let ky = 0; ky < kh; ky++) {
          const iy = iy0 + ky;
          if (iy < 0 || iy >= inH) continue;
          const rowBase = xb + (<usize>(iy * inW * C) << 2);
          const src = r + (<usize>(ky * kwC) << 2);
          if (ix0 >= 0 && ix0 + kw <= inW) {
            addFloats(rowBase + (<usize>(ix0 * C) << 2), src, kwC);
            continue;
          }
          for (let kx = 0; kx < kw; kx++) {
            const ix = ix0 + kx;
            if (ix < 0 || ix >= inW) continue;
            addFloats(rowBase + (<usize>(ix * C) << 2), src + (<usize>(kx * C) << 2), C);
          }
        }
      }
    }
  }
}

/**
 * Max pooling, channels last, split over samples. For every output: the max over its
 * window (first maximum wins, -Infinity start, as the reference) and the flat input
 * index of the winner (into x, counting from sample 0).
 */
export function maxPool(
  px: usize, py: usize, pArg: usize, batch: i32, inH: i32, inW: i32, C: i32, ph: i32, pw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, outH: i32, outW: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  const inSize = inH * inW * C;
  const lanes = i32x4(0, 1, 2, 3);
  for (let b = b0; b < b1; b++) {
    const xb = b * inSize;
    let o = b * outH * outW * C;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(oy * sh - padT, 0), y1 = min(oy * sh - padT + ph, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(ox * sw - padL, 0), x1 = min(ox * sw - padL + pw, inW);
        const first = xb + (y0 * inW + x0) * C;
        let c = 0;
        for (; c + 4 <= C; c += 4, o += 4) {
          let best = f32x4.splat(-Infinity);
          let at = i32x4.add(i32x4.splat(first + c), lanes);
          for (let iy = y0; iy < y1; iy++) {
            let i = xb + (iy * inW + x0) * C + c;
            for (let ix = x0; ix < x1; ix++, i += C) {
              const v = v128.load(px + (<usize>i << 2));
              const m = f32x4.gt(v, best);
              best = v128.bitselect(v, best, m);
              at = v128.bitselect(i32x4.add(i32x4.splat(i), lanes), at, m);
            }
          }
          v128.store(py + (<usize>o << 2), best);
          v128.store(pArg + (<usize>o << 2), at);
        }
        for (; c < C; c++, o++) {
          let best: f32 = -Infinity;
          let at = first + c;
          for (let iy = y0; iy < y1; iy++) {
            let i = xb + (iy * inW + x0) * C + c;
            for (let ix = x0; ix < x1; ix++, i += C) {
              const v = load<f32>(px + (<usize>i << 2));
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          store<f32>(py + (<usize>o << 2), best);
          store<i32>(pArg + (<usize>o << 2), at);
        }
      }
    }
  }
}

/** dx = 0, then dx[arg[o]] += dy[o]; split over samples (a sample's winners lie in its own input). */
export function maxPoolBackward(
  pdy: usize, pArg: usize, pdx: usize, batch: i32, inSize: i32, outSize: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  if (b1 <= b0) return;
  memory.fill(pdx + (<usize>(b0 * inSize) << 2), 0, <usize>((b1 - b0) * inSize) << 2);
  const o1 = b1 * outSize;
  for (let o = b0 * outSize; o < o1; o++) {
    const at = pdx + (<usize>load<i32>(pArg + (<usize>o << 2)) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(pdy + (<usize>o << 2)));
  }
}

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

// ---------------------------------------------------------------------------------------
// Optimizer updates and input conversion, split on multiples of 4 values.
// ---------------------------------------------------------------------------------------

/** Plain SGD: w −= lr · g. */
export function sgd(pw: usize, pg: usize, lr: f32, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vlr = f32x4.splat(lr);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), f32x4.mul(vlr, v128.load(pg + o))));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(pw + o, load<f32>(pw + o) - lr * load<f32>(pg + o));
  }
}

/** SGD with momentum μ: v ← μ·v + g; w −= lr·v (Nesterov: w −= lr·(g + μ·v)). */
export function momentum(
  pw: usize, pg: usize, pv: usize, lr: f32, mu: f32, nesterov: i32, n: i32, part: i32, parts: i32,
): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(pg + o);
    const v = f32x4.add(f32x4.mul(vmu, v128.load(pv + o)), g);
    v128.store(pv + o, v);
    const d = nesterov ? f32x4.add(g, f32x4.mul(vmu, v)) : v;
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), f32x4.mul(vlr, d)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(pg + o);
    const v = mu * load<f32>(pv + o) + g;
    store<f32>(pv + o, v);
    store<f32>(pw + o, load<f32>(pw + o) - lr * (nesterov ? g + mu * v : v));
  }
}

/** Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², w −= step · m / (√v + ε). */
export function adam(
  pw: usize, pg: usize, pm: usize, pv: usize, step: f32, b1: f32, b2: f32, eps: f32, n: i32, part: i32, parts: i32,
): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(1 - b1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(1 - b2);
  const vstep = f32x4.splat(step), veps = f32x4.splat(eps);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(pg + o);
    const m = f32x4.add(f32x4.mul(vb1, v128.load(pm + o)), f32x4.mul(vc1, g));
    const v = f32x4.add(f32x4.mul(vb2, v128.load(pv + o)), f32x4.mul(f32x4.mul(vc2, g), g));
    v128.store(pm + o, m);
    v128.store(pv + o, v);
    const d = f32x4.div(f32x4.mul(vstep, m), f32x4.add(f32x4.sqrt(v), veps));
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), d));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(pg + o);
    const m = b1 * load<f32>(pm + o) + (1 - b1) * g;
    const v = b2 * load<f32>(pv + o) + (1 - b2) * g * g;
    store<f32>(pm + o, m);
    store<f32>(pv + o, v);
    store<f32>(pw + o, load<f32>(pw + o) - (step * m) / (sqrt<f32>(v) + eps));
  }
}

/** out[i] = bytes[i] / divisor (pixels to floats, correctly rounded like the reference). */
export function bytesToFloats(pb: usize, pout: usize, divisor: f32, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 16, part, parts), i1 = shareStart(n, 16, part + 1, parts);
  const vd = f32x4.splat(divisor);
  let i = i0;
  for (; i + 16 <= i1; i += 16) {
    const b = v128.load(pb + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(b), hi = i16x8.extend_high_i8x16_u(b);
    const o = pout + (<usize>i << 2);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)), vd));
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), vd), 16);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), vd), 32);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)), vd), 48);
  }
  for (; i < i1; i++) store<f32>(pout + (<usize>i << 2), <f32>load<u8>(pb + <usize>i) / divisor);
}
