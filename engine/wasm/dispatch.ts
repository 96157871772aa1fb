/**
 * How the WebAssembly backend (wasmKernels.ts) dispatches: when a kernel is worth
 * splitting over threads, when a sparse or direct form runs instead of the dense one (the
 * thresholds were measured on this project's benchmark machine, see docs/performance.md),
 * and the argument lists of the convolution kernels.
 */
import type { ConvGeometry } from '../layers/im2col';
import type { PoolGeometry } from '../layers/poolGeometry';

/** Work (multiply-adds or touched values) below which a kernel is not worth splitting across threads. */
export const PARALLEL_MIN_MACS = 1 << 18;
export const PARALLEL_MIN_VALUES = 1 << 15;
/**
 * Forward products (NN) at least ROW_SPARSE_MIN_N wide whose output has at most this many
 * values are split by K into a fixed number of slices (assembly/gemm.ts, `gemm`): the
 * slices' partial products cost a few microseconds to add, and each thread then keeps
 * the same rows of the weights across the forward pass, the weight gradient and the
 * update. mlp's first layer (64 × 128) is; mlp-wide's (128 × 512) writes too much.
 */
export const K_SPLIT_MAX_OUTPUT = 1 << 14;
/** Below this K a product is too short to be worth splitting by K. */
export const K_SPLIT_MIN_K = 256;

/**
 * Backward products whose sparse operand (dy) is mostly zero run on its non-zeros only
 * (assembly/gemmSparse.ts). Measured break-even densities: where the dense product's
 * inner dimension is short (≤ 32: a convolution's filters) it is slow and the sparse one
 * wins up to ~80 % non-zeros; on wide dense layers only below ~25 %. Below
 * SPARSE_MIN_MACS counting the non-zeros costs more than it saves.
 */
export const SPARSE_MAX_DENSITY = 0.6;
export const SPARSE_MAX_DENSITY_WIDE = 0.2;
export const SPARSE_MIN_MACS = 1 << 16;
/** The most non-zeros (a fraction) for which a product whose dense inner loop is `inner` long runs sparse. */
export function sparseDensityLimit(inner: number): number {
  return inner <= 32 ? SPARSE_MAX_DENSITY : SPARSE_MAX_DENSITY_WIDE;
}

/** Whether the convolution reads no padding (the direct kernels handle only those). */
export function unpadded(g: ConvGeometry): boolean {
  return g.padTop === 0 && g.padLeft === 0 && (g.outH - 1) * g.strideH + g.kh <= g.inH && (g.outW - 1) * g.strideW + g.kw <= g.inW;
}

export function directArgs(batch: number, g: ConvGeometry): number[] {
  return [batch, g.inH, g.inW, g.channels, g.kh, g.kw, g.strideH, g.strideW, g.outH, g.outW];
}

export function convArgs(from: number, to: number, batch: number, g: ConvGeometry): number[] {
  return [from, to, batch, g.inH, g.inW, g.channels, g.kh, g.kw, g.strideH, g.strideW, g.padTop, g.padLeft, g.outH, g.outW];
}

export function poolArgs(batch: number, g: PoolGeometry): number[] {
  return [batch, g.inH, g.inW, g.channels, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.outH, g.outW];
}

/**
 * The form of a direct weight gradient whose scratch (`room` floats) holds its lists:
 * 'blocked' (4 taps × 8 filters in registers) for short kernel rows (few channels), else
 * 'filters' (filter by filter), or null when neither fits.
 */
export function weightGradForm(g: ConvGeometry, filters: number, room: number): 'blocked' | 'filters' | null {
  const patch = g.kh * g.kw * g.channels, list = 2 * Math.max(512, g.outW);
  if (filters % 8 === 0 && g.kw * g.channels < 16 && (filters + 1) * (patch + 4) + 2 * g.inH + list <= room) return 'blocked';
  return 3 * patch + 4 * g.kh + list <= room ? 'filters' : null;
}
