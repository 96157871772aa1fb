import { blockRowNonzeros, micro4x8, micro4x8List, microEdge, nonzeroSteps, row1x16, row1x8, rowNonzeros } from './gemmMicro';
import { addFloats, shareStart } from './shared';

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
 * row-by-row form beats the 4×8 block, measured on mlp-wide's products (2026-12-07, one
 * thread): at 58 % non-zero (ReLU outputs) the rows take 0.74 ms against 0.89 for the
 * block (forward) and 0.78 against 1.0 (weight gradient), break-even near 70 %; with FMA
 * the block's arithmetic is cheaper, break-even near 60 %. Whether the block of 4 rows is
 * all zero at a step no longer matters: ReLU outputs are sparse row by row, not together.
 */
const ROW_DENSITY: f32 = FMA ? 0.6 : 0.7;

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
 * C[i0..i1, j0..j1) of the product; A(i,k) at pA + i*sai + k*sak, B(k,j) at pB + k*sbk + j*sbj.
 * Without accumulation, a bias (pBias ≠ 0) starts every row: C = bias + A·B.
 */
function gemmBlock(
  pA: usize, sai: usize, sak: usize, pB: usize, sbk: usize, sbj: usize, pC: usize, ldc: usize,
  K: i32, i0: i32, i1: i32, j0: i32, j1: i32, accumulate: bool, pBias: usize, scratch: usize, rowSparse: bool, lookForZeros: bool,
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
      // B's rows are contiguous in the NN and TN forms: the row-by-row form reads them
      // where they are, and B is packed only when a block of rows needs the 4×8 form.
      const bBlock = pB + <usize>k0 * sbk + <usize>jc * sbj;
      const direct = sbj == 4;
      let packedReady = false, edgeReady = false;
      const aK = pA + <usize>k0 * sak;
      // Row blocks outside, column panels inside: the 4 rows of A stay in L1 while the
      // packed panels of B (at most KC × NC floats) stream from L2.
      for (let i = i0; i < i1; i += 4) {
        const rows = min(4, i1 - i);
        const aI = aK + <usize>i * sai;
        const cRow = pC + <usize>i * ldc;
        // Sparse rows of A (images, ReLU outputs, or their transpose in a weight gradient):
        // each row over its own non-zeros, 16 columns at a time. As many multiply-adds per
        // step as the 4×8 block, but only this row's steps.
        const rowsAdjacent = sai == 4 && rows == 4;
        if (rowSparse && lookForZeros && (sak == 4 || rowsAdjacent)) {
          const stride = direct ? <i32>sbk : 32;
          let total = 0;
          if (sak == 4) {
            for (let r = 0; r < rows; r++) {
              const n = rowNonzeros(aI + <usize>r * sai, kc, rowLists + <usize>r * KC * 8, stride);
              store<i32>(tile + (<usize>r << 2), n);
              total += n;
            }
          } else total = blockRowNonzeros(aI, sak, kc, stride, rowLists, KC * 8, tile);
          if (<f32>total <= <f32>(rows * kc) * ROW_DENSITY) {
            const P = direct ? 32 : <usize>kc << 5;
            let j = 0;
            if (!direct && !packedReady) {
              packB(bBlock, sbk, sbj, kc, nc, packed);
              packedReady = true;
            }
            for (; j + 16 <= nc; j += 16) {
              const bp = direct ? bBlock + (<usize>j << 2) : packed + <usize>j * <usize>kc * 4;
              for (let r = 0; r < rows; r++) {
                const c = cRow + <usize>r * ldc + (<usize>(jc + j) << 2);
                const q = fromBias ? pBias + (<usize>(jc + j) << 2) : c;
                row1x16(rowLists + <usize>r * KC * 8, load<i32>(tile + (<usize>r << 2)), bp, P, c, add, q);
              }
            }
            // The last columns (fewer than 16) from packed panels: only those panels are
            // packed (unless all of B already is), and the lists redone with their stride.
            const jEdge = j;
            let edge = packed + <usize>j * <usize>kc * 4;
            if (j < nc && direct) {
              if (!packedReady) {
                if (!edgeReady) {
                  packB(bBlock + (<usize>j << 2), sbk, sbj, kc, nc - j, packed);
                  edgeReady = true;
                }
                edge = packed;
              }
              if (sak == 4) {
                for (let r = 0; r < rows; r++) rowNonzeros(aI + <usize>r * sai, kc, rowLists + <usize>r * KC * 8, 32);
              } else blockRowNonzeros(aI, sak, kc, 32, rowLists, KC * 8, tile);
            }
            for (; j < nc; j += 8) {
              const bp = edge + <usize>(j - jEdge) * <usize>kc * 4;
              for (let r = 0; r < rows; r++) {
                const c = cRow + <usize>r * ldc + (<usize>(jc + j) << 2);
                const q = fromBias ? pBias + (<usize>(jc + j) << 2) : c;
                row1x8(rowLists + <usize>r * KC * 8, load<i32>(tile + (<usize>r << 2)), bp, c, add, q, min(8, nc - j), tile + 64);
              }
            }
            continue;
          }
        }
        // Skip the steps where this block of A is all zero, when that saves a quarter or more.
        // Finding them costs about one load per step and block (a quarter with A[M,K]), so
        // with A[K,M] and a single column panel it is not worth looking.
        const nnz = lookForZeros && (sak == 4 || nc > 8) ? nonzeroSteps(aI, sai, sak, rows, kc, list) : kc;
        const sparse = nnz * 4 <= kc * 3;
        if (!packedReady) {
          packB(bBlock, sbk, sbj, kc, nc, packed);
          packedReady = true;
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
 * Whether A's first 4 rows are over 90 % non-zero: then A is taken to be dense (a loss's
 * gradient, tanh outputs) and the product does not look for zeros, neither rows' nor
 * steps' (two passes over A per block of rows, a tenth of a dense product's time). Read
 * from the first rows of the whole product, so every chunk decides the same.
 */
function denseStart(pA: usize, sai: usize, sak: usize, M: i32, K: i32): bool {
  const rows = min(4, M);
  let nz = 0;
  for (let r = 0; r < rows; r++) {
    let p = pA + <usize>r * sai;
    for (let k = 0; k < K; k++, p += sak) nz += load<i32>(p) != 0 ? 1 : 0;
  }
  return <f32>nz > <f32>(rows * K) * 0.9;
}

/**
 * How many slices of K a product split by K (pPartials ≠ 0 in `gemm`) is cut into, always
 * (whatever the threads), so that its sums are the same on any number of threads.
 */
export const K_PARTS: i32 = 4;
/** The longest K a product split by K takes: each slice is then one block of KC steps. */
export const K_SPLIT_MAX: i32 = K_PARTS * KC;

/**
 * Chunk `part` of `parts` of the product (disjoint column panels, or row blocks). `scratch` holds one SCRATCH_BYTES area per thread; `slot` is the
 * calling thread's.
 *
 * With pPartials ≠ 0 (form 0 only, K ≤ K_SPLIT_MAX), the product is split by K instead:
 * slice q of K_PARTS (shareStart(K, 4, q, K_PARTS)) is A's columns and B's rows in that
 * slice, summed into C for q = 0 (with the bias, or onto C when accumulating) and into
 * the partial product q − 1 at pPartials ([K_PARTS − 1][M, N]) for the others;
 * `addPartials` then adds them to C in order. Each chunk reads only its slice of B (a
 * weight matrix's rows) and scans only its slice of A: the weight gradient (TN, split by
 * rows) and the optimizer (split in as many shares) touch the same rows in the same
 * chunks, so a thread that keeps its chunks (threadTeam.ts) keeps those rows in its cache.
 */
export function gemm(
  form: i32, pA: usize, pB: usize, pC: usize, M: i32, K: i32, N: i32, accumulate: i32, pBias: usize, pPartials: usize,
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
  // Decided on the whole product, not on this chunk, so every split computes the same way.
  const lookForZeros = !denseStart(pA, sai, sak, M, K), rowSparse = N >= ROW_SPARSE_MIN_N;
  if (pPartials != 0 && form == 0 && K <= K_SPLIT_MAX) {
    const q1 = shareStart(K_PARTS, 1, part + 1, parts);
    for (let q = shareStart(K_PARTS, 1, part, parts); q < q1; q++) {
      const k0 = shareStart(K, 4, q, K_PARTS), k1 = shareStart(K, 4, q + 1, K_PARTS);
      const out = q == 0 ? pC : pPartials + <usize>(q - 1) * <usize>M * ldc;
      gemmBlock(pA + (<usize>k0 << 2), sai, sak, pB + <usize>k0 * sbk, sbk, sbj, out, ldc, k1 - k0, 0, M, 0, N,
        q == 0 && accumulate != 0, q == 0 ? pBias : 0, mine, rowSparse, lookForZeros);
    }
    return;
  }
  let i0 = 0, i1 = M, j0 = 0, j1 = N;
  if (parts > 1) {
    // Every chunk reads all of A when split by columns, all of B (and packs it) when split
    // by rows: split the way that repeats the smaller one, given enough of either to share.
    // In the NT form, packing B gathers it column by column: split by columns whenever
    // there are panels enough for every chunk, so that B is gathered once, not once a chunk.
    const panels = (N + 7) >> 3;
    const byRows = M >= 8 * parts && (M > N || panels < (form == 2 ? parts : 2 * parts));
    if (!byRows) {
      j0 = shareStart(N, 8, part, parts);
      j1 = shareStart(N, 8, part + 1, parts);
    } else {
      i0 = shareStart(M, 4, part, parts);
      i1 = shareStart(M, 4, part + 1, parts);
    }
  }
  gemmBlock(pA, sai, sak, pB, sbk, sbj, pC, ldc, K, i0, i1, j0, j1, accumulate != 0, pBias, mine, rowSparse, lookForZeros);
}

/** C[0, n) += partial 0, then partial 1, … (`count` partials of n floats from pPartials): a K-split product's last step. */
export function addPartials(pC: usize, pPartials: usize, count: i32, n: i32): void {
  const bytes = <usize>n << 2;
  for (let t = 0; t < count; t++) addFloats(pC, pPartials + <usize>t * bytes, n);
}
