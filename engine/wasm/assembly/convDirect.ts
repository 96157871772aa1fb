import { packB, SCRATCH_BYTES } from './gemm';
import { madd, nonzeroFilters, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Direct convolution (channels last, no padding), without the im2col matrix: the
// forward pass reads each window straight from the image, and the backward pass works
// from the non-zero entries of dy alone (after ReLU and max pooling most are zero).
// engine/wasm/wasmKernels.ts uses these for 'valid' convolutions and falls back to
// im2col + products for padded ones or a dense dy; the scalar reference is im2col + the
// products (engine/core/kernels.ts). Tap index k = (ky·kw + kx)·C + c, kernel [k, F].
// ---------------------------------------------------------------------------------------

/**
 * y [batch, outH, outW, F] = bias + Σ_k x(window, k) · W[k, :], then max(·, 0) with
 * `relu` (a ReLU after the convolution, fused). Blocks of 4 neighbouring
 * outputs of a row × 8 filters live in registers while the taps are walked, kernel row by
 * kernel row; a kernel row whose pixels are all zero for the 4 windows is skipped (MNIST
 * is mostly background). Split over samples.
 */
export function convForward(
  px: usize, pW: usize, pBias: usize, py: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, relu: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  if (b1 <= b0) return;
  const kwC = kw * C, patch = kh * kwC, panels = (F + 7) >> 3;
  const zero = f32x4.splat(0);
  // Scratch: W packed into panels of 8 filters [panel][k][8], the bias padded to 8 per panel, a 4×8 tile.
  const packed = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  packB(pW, <usize>F << 2, 4, patch, F, packed);
  const biasPad = packed + <usize>panels * <usize>patch * 32;
  for (let j = 0; j < panels * 8; j++) store<f32>(biasPad + (<usize>j << 2), pBias != 0 && j < F ? load<f32>(pBias + (<usize>j << 2)) : 0);
  const tile = biasPad + <usize>panels * 32;
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2;
  const ldy = <usize>F << 2;
  for (let b = b0; b < b1; b++) {
    const xb = px + ((<usize>b * <usize>(inH * inW * C)) << 2);
    for (let oy = 0; oy < outH; oy++) {
      const rowTop = xb + <usize>(oy * sh) * rowBytes;
      let yRow = py + ((<usize>((b * outH + oy) * outW)) * ldy);
      for (let ox = 0; ox < outW; ox += 4, yRow += 4 * ldy) {
        const rows = min(4, outW - ox);
        const a0 = rowTop + <usize>ox * stepBytes;
        const a1 = rows > 1 ? a0 + stepBytes : a0;
        const a2 = rows > 2 ? a0 + 2 * stepBytes : a1;
        const a3 = rows > 3 ? a0 + 3 * stepBytes : a2;
        // Kernel rows with any non-zero pixel under the 4 windows (bit ky); all of them past 32.
        const span = (rows - 1) * sw * C + kwC;
        let live: u32 = 0xffffffff;
        if (kh <= 32) {
          live = 0;
          for (let ky = 0; ky < kh; ky++) {
            const p = a0 + <usize>ky * rowBytes;
            let any = v128.splat<i32>(0);
            let t = 0;
            for (; t + 4 <= span; t += 4) any = v128.or(any, v128.load(p + (<usize>t << 2)));
            let nz = v128.any_true(any);
            for (; t < span; t++) nz = nz || load<i32>(p + (<usize>t << 2)) != 0;
            if (nz) live |= 1 << ky;
          }
        }
        for (let pnl = 0; pnl < panels; pnl++) {
          const bv = biasPad + (<usize>pnl << 5);
          let c00 = v128.load(bv), c01 = v128.load(bv, 16);
          let c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
          let bp = packed + <usize>pnl * <usize>patch * 32;
          for (let ky = 0; ky < kh; ky++) {
            if (ky < 32 && (live & (1 << ky)) == 0) {
              bp += <usize>kwC << 5;
              continue;
            }
            // The 4 windows' pixels at moving pointers (few live registers: nothing reloaded or recomputed).
            const o0 = <usize>ky * rowBytes;
            let p0 = a0 + o0, p1 = a1 + o0, p2 = a2 + o0, p3 = a3 + o0;
            const end = p0 + (<usize>kwC << 2);
            for (; p0 < end; p0 += 4, p1 += 4, p2 += 4, p3 += 4, bp += 32) {
              const w0 = v128.load(bp), w1 = v128.load(bp, 16);
              let x = v128.load32_splat(p0);
              c00 = madd(x, w0, c00);
              c01 = madd(x, w1, c01);
              x = v128.load32_splat(p1);
              c10 = madd(x, w0, c10);
              c11 = madd(x, w1, c11);
              x = v128.load32_splat(p2);
              c20 = madd(x, w0, c20);
              c21 = madd(x, w1, c21);
              x = v128.load32_splat(p3);
              c30 = madd(x, w0, c30);
              c31 = madd(x, w1, c31);
            }
          }
          if (relu != 0) {
            // As the relu kernel: v > 0 ? v : 0 (NaN → 0).
            c00 = v128.and(c00, f32x4.gt(c00, zero)); c01 = v128.and(c01, f32x4.gt(c01, zero));
            c10 = v128.and(c10, f32x4.gt(c10, zero)); c11 = v128.and(c11, f32x4.gt(c11, zero));
            c20 = v128.and(c20, f32x4.gt(c20, zero)); c21 = v128.and(c21, f32x4.gt(c21, zero));
            c30 = v128.and(c30, f32x4.gt(c30, zero)); c31 = v128.and(c31, f32x4.gt(c31, zero));
          }
          const cols = min(8, F - pnl * 8);
          const y0 = yRow + (<usize>pnl << 5);
          if (rows == 4 && cols == 8) {
            v128.store(y0, c00); v128.store(y0, c01, 16);
            v128.store(y0 + ldy, c10); v128.store(y0 + ldy, c11, 16);
            v128.store(y0 + 2 * ldy, c20); v128.store(y0 + 2 * ldy, c21, 16);
            v128.store(y0 + 3 * ldy, c30); v128.store(y0 + 3 * ldy, c31, 16);
          } else {
            v128.store(tile, c00); v128.store(tile, c01, 16);
            v128.store(tile, c10, 32); v128.store(tile, c11, 48);
            v128.store(tile, c20, 64); v128.store(tile, c21, 80);
            v128.store(tile, c30, 96); v128.store(tile, c31, 112);
            for (let r = 0; r < rows; r++) {
              for (let j = 0; j < cols; j++) {
                store<f32>(y0 + <usize>r * ldy + (<usize>j << 2), load<f32>(tile + (<usize>r << 5) + (<usize>j << 2)));
              }
            }
          }
        }
      }
    }
  }
}

/** dst[0..n) += Σ_t g_t · src_t[0..n), src_t = base + the list's byte offset t, the sum formed first. */
@inline function addScaledRows(dst: usize, list: usize, count: i32, base: usize, n: i32): void {
  let j = 0;
  // 24 floats at a time: the list's loop costs little beside 6 vectors (6 sums + 6 loads + g: no spill).
  for (; j + 24 <= n; j += 24) {
    const jo = <usize>j << 2;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0), s4 = f32x4.splat(0), s5 = f32x4.splat(0);
    for (let t = 0; t < count; t++) {
      const at = list + (<usize>t << 3);
      const row = base + <usize>load<i32>(at) + jo;
      const g = f32x4.splat(load<f32>(at, 4));
      s0 = f32x4.add(s0, f32x4.mul(g, v128.load(row)));
      s1 = f32x4.add(s1, f32x4.mul(g, v128.load(row, 16)));
      s2 = f32x4.add(s2, f32x4.mul(g, v128.load(row, 32)));
      s3 = f32x4.add(s3, f32x4.mul(g, v128.load(row, 48)));
      s4 = f32x4.add(s4, f32x4.mul(g, v128.load(row, 64)));
      s5 = f32x4.add(s5, f32x4.mul(g, v128.load(row, 80)));
    }
    const d = dst + jo;
    v128.store(d, f32x4.add(v128.load(d), s0));
    v128.store(d, f32x4.add(v128.load(d, 16), s1), 16);
    v128.store(d, f32x4.add(v128.load(d, 32), s2), 32);
    v128.store(d, f32x4.add(v128.load(d, 48), s3), 48);
    v128.store(d, f32x4.add(v128.load(d, 64), s4), 64);
    v128.store(d, f32x4.add(v128.load(d, 80), s5), 80);
  }
  if (j + 16 <= n) {
    const jo = <usize>j << 2;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    for (let t = 0; t < count; t++) {
      const at = list + (<usize>t << 3);
      const row = base + <usize>load<i32>(at) + jo;
      const g = f32x4.splat(load<f32>(at, 4));
      s0 = f32x4.add(s0, f32x4.mul(g, v128.load(row)));
      s1 = f32x4.add(s1, f32x4.mul(g, v128.load(row, 16)));
      s2 = f32x4.add(s2, f32x4.mul(g, v128.load(row, 32)));
      s3 = f32x4.add(s3, f32x4.mul(g, v128.load(row, 48)));
    }
    const d = dst + jo;
    v128.store(d, f32x4.add(v128.load(d), s0));
    v128.store(d, f32x4.add(v128.load(d, 16), s1), 16);
    v128.store(d, f32x4.add(v128.load(d, 32), s2), 32);
    v128.store(d, f32x4.add(v128.load(d, 48), s3), 48);
    j += 16;
  }
  for (; j + 8 <= n; j += 8) {
    const jo = <usize>j << 2;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    for (let t = 0; t < count; t++) {
      const at = list + (<usize>t << 3);
      const row = base + <usize>load<i32>(at) + jo;
      const g = f32x4.splat(load<f32>(at, 4));
      s0 = f32x4.add(s0, f32x4.mul(g, v128.load(row)));
      s1 = f32x4.add(s1, f32x4.mul(g, v128.load(row, 16)));
    }
    v128.store(dst + jo, f32x4.add(v128.load(dst + jo), s0));
    v128.store(dst + jo, f32x4.add(v128.load(dst + jo, 16), s1), 16);
  }
  for (; j < n; j++) {
    const jo = <usize>j << 2;
    let s: f32 = 0;
    for (let t = 0; t < count; t++) {
      const at = list + (<usize>t << 3);
      s += load<f32>(at, 4) * load<f32>(base + <usize>load<i32>(at) + jo);
    }
    store<f32>(dst + jo, load<f32>(dst + jo) + s);
  }
}

/**
 * dx [batch, inH, inW, C] = Σ over positions and filters of dy · W[:, f] placed on the
 * window (the adjoint of the forward), from the non-zero dy only; overwrites dx. Split
 * over samples; each thread first copies Wᵀ [F, k] into its scratch.
 */
export function convInputGrad(
  pdy: usize, pW: usize, pdx: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  if (b1 <= b0) return;
  const kwC = kw * C, patch = kh * kwC;
  const wt = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  const patchBytes = <usize>patch << 2;
  for (let f = 0; f < F; f++) {
    for (let k = 0; k < patch; k++) {
      store<f32>(wt + <usize>f * patchBytes + (<usize>k << 2), load<f32>(pW + ((<usize>k * <usize>F + <usize>f) << 2)));
    }
  }
  const list = wt + <usize>F * patchBytes;
  const imgBytes = <usize>(inH * inW * C) << 2;
  memory.fill(pdx + <usize>b0 * imgBytes, 0, <usize>(b1 - b0) * imgBytes);
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2;
  const kwBytes = <usize>kwC << 2;
  for (let b = b0; b < b1; b++) {
    const xb = pdx + <usize>b * imgBytes;
    let dyRow = pdy + ((<usize>b * <usize>(outH * outW * F)) << 2);
    for (let oy = 0; oy < outH; oy++) {
      let win = xb + <usize>(oy * sh) * rowBytes;
      for (let ox = 0; ox < outW; ox++, win += stepBytes, dyRow += <usize>F << 2) {
        const count = nonzeroFilters(dyRow, 0, F, <i32>patchBytes, list);
        if (count == 0) continue;
        for (let ky = 0; ky < kh; ky++) {
          addScaledRows(win + <usize>ky * rowBytes, list, count, wt + <usize>ky * kwBytes, kwC);
        }
      }
    }
  }
}
