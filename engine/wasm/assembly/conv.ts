import { addFloats, copyFloats, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Convolution helpers (channels last), split over the samples of the batch.
// ---------------------------------------------------------------------------------------

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
