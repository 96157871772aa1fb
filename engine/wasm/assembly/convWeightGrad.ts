import { SCRATCH_BYTES } from './gemm';
import { axpy, madd, nonzeroFilters, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// The weight gradient of an unpadded convolution, dW [k, F] += Σ over output positions of
// x(window, k) · dy[position, :], read straight from the image (no im2col matrix), in
// two shapes chosen by engine/wasm/wasmKernels.ts:
//  - blocked: 4 taps × 8 filters in registers while the positions are walked, skipping
//    positions whose 8 dy values are all zero. For short kernel rows (few channels, such
//    as a first layer on grey images), where the per-entry form below is all overhead.
//  - per entry: for every non-zero dy, the window's rows are added, scaled, into the
//    filter's gradient. For long kernel rows and a mostly-zero dy.
// Either way each element of dW is summed over the positions in order by exactly one
// share, so results do not depend on the number of threads.
// ---------------------------------------------------------------------------------------

/** The blocked form; needs F a multiple of 8. Shares are (4 taps, 8 filters) blocks. */
export function convWeightGradBlocked(
  px: usize, pdy: usize, pdW: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const kwC = kw * C, patch = kh * kwC, panels = F >> 3, tapBlocks = (patch + 3) >> 2;
  const units = tapBlocks * panels;
  const u0 = shareStart(units, 1, part, parts), u1 = shareStart(units, 1, part + 1, parts);
  if (u1 <= u0) return;
  // Byte offset of every tap within a window (the last block repeats the last tap).
  const offsets = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  for (let i = 0; i < tapBlocks * 4; i++) {
    const t = min(i, patch - 1);
    const ky = t / kwC, rest = t % kwC;
    store<i32>(offsets + (<usize>i << 2), (ky * inW * C + rest) << 2);
  }
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2, ldy = <usize>F << 2;
  const imgBytes = <usize>(inH * inW * C) << 2;
  for (let u = u0; u < u1; u++) {
    const tb = u / panels, pnl = u % panels;
    const ob = offsets + (<usize>tb << 4);
    const r0 = <usize>load<i32>(ob), r1 = <usize>load<i32>(ob, 4), r2 = <usize>load<i32>(ob, 8), r3 = <usize>load<i32>(ob, 12);
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    let dyp = pdy + (<usize>pnl << 5);
    for (let b = 0; b < batch; b++) {
      const xb = px + <usize>b * imgBytes;
      for (let oy = 0; oy < outH; oy++) {
        let win = xb + <usize>(oy * sh) * rowBytes;
        for (let ox = 0; ox < outW; ox++, win += stepBytes, dyp += ldy) {
          const d0 = v128.load(dyp), d1 = v128.load(dyp, 16);
          if (!v128.any_true(v128.or(d0, d1))) continue;
          let x = v128.load32_splat(win + r0);
          c00 = madd(x, d0, c00);
          c01 = madd(x, d1, c01);
          x = v128.load32_splat(win + r1);
          c10 = madd(x, d0, c10);
          c11 = madd(x, d1, c11);
          x = v128.load32_splat(win + r2);
          c20 = madd(x, d0, c20);
          c21 = madd(x, d1, c21);
          x = v128.load32_splat(win + r3);
          c30 = madd(x, d0, c30);
          c31 = madd(x, d1, c31);
        }
      }
    }
    const rows = min(4, patch - tb * 4);
    const d = pdW + <usize>(tb * 4) * ldy + (<usize>pnl << 5);
    v128.store(d, f32x4.add(v128.load(d), c00));
    v128.store(d, f32x4.add(v128.load(d, 16), c01), 16);
    if (rows > 1) {
      v128.store(d + ldy, f32x4.add(v128.load(d + ldy), c10));
      v128.store(d + ldy, f32x4.add(v128.load(d + ldy, 16), c11), 16);
    }
    if (rows > 2) {
      v128.store(d + 2 * ldy, f32x4.add(v128.load(d + 2 * ldy), c20));
      v128.store(d + 2 * ldy, f32x4.add(v128.load(d + 2 * ldy, 16), c21), 16);
    }
    if (rows > 3) {
      v128.store(d + 3 * ldy, f32x4.add(v128.load(d + 3 * ldy), c30));
      v128.store(d + 3 * ldy, f32x4.add(v128.load(d + 3 * ldy, 16), c31), 16);
    }
  }
}

/**
 * The per-entry form: dW [k, F] += Σ over positions of x(window, k) · dy[position, f],
 * from the non-zero dy only. Split over filters; each share sums Wᵀ rows for its filters in the thread's
 * scratch, positions in order, then adds them to dW. Needs (its filters) · kh·kw·C floats.
 */
export function convWeightGradSparse(
  px: usize, pdy: usize, pdW: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const f0 = shareStart(F, 1, part, parts), f1 = shareStart(F, 1, part + 1, parts);
  if (f1 <= f0) return;
  const kwC = kw * C, patch = kh * kwC;
  const acc = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  const patchBytes = <usize>patch << 2;
  memory.fill(acc, 0, <usize>(f1 - f0) * patchBytes);
  const list = acc + <usize>(f1 - f0) * patchBytes;
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2;
  const kwBytes = <usize>kwC << 2;
  let dyRow = pdy;
  for (let b = 0; b < batch; b++) {
    const xb = px + ((<usize>b * <usize>(inH * inW * C)) << 2);
    for (let oy = 0; oy < outH; oy++) {
      let win = xb + <usize>(oy * sh) * rowBytes;
      for (let ox = 0; ox < outW; ox++, win += stepBytes, dyRow += <usize>F << 2) {
        const count = nonzeroFilters(dyRow, f0, f1, list);
        for (let t = 0; t < count; t++) {
          const at = list + (<usize>t << 3);
          const dst = acc + <usize>(load<i32>(at) - f0) * patchBytes;
          const g = load<f32>(at, 4);
          for (let ky = 0; ky < kh; ky++) axpy(dst + <usize>ky * kwBytes, g, win + <usize>ky * rowBytes, kwC);
        }
      }
    }
  }
  for (let f = f0; f < f1; f++) {
    const src = acc + <usize>(f - f0) * patchBytes;
    let d = pdW + (<usize>f << 2);
    for (let k = 0; k < patch; k++, d += <usize>F << 2) store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>k << 2)));
  }
}

