/**
 * im2col / col2im for channels-last images. A convolution becomes one matrix product:
 *   cols `[batch·outH·outW, kh·kw·C]` · kernel `[kh·kw·C, filters]` = out `[batch·outH·outW, filters]`,
 * where column index (ky·kw + kx)·C + c matches the Keras kernel layout `[kh, kw, C, filters]`.
 */
export interface ConvGeometry {
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly kh: number;
  readonly kw: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
}

/** x `[batch, inH, inW, C]` → cols `[batch·outH·outW, kh·kw·C]` (out-of-image taps are 0). */
export function im2col(x: Float32Array, batch: number, g: ConvGeometry, cols: Float32Array): void {
  const { inH, inW, channels: C, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  const rowLen = kh * kw * C;
  const kwC = kw * C;
  let r = 0;
  for (let b = 0; b < batch; b++) {
    const xb = b * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++, r += rowLen) {
        const ix0 = ox * strideW - padLeft;
        for (let ky = 0; ky < kh; ky++) {
          const iy = iy0 + ky;
          const dst = r + ky * kwC;
          if (iy < 0 || iy >= inH) {
            cols.fill(0, dst, dst + kwC);
            continue;
          }
          const rowBase = xb + iy * inW * C;
          if (ix0 >= 0 && ix0 + kw <= inW) {
            // Whole kernel row inside the image: one contiguous copy.
            const src = rowBase + ix0 * C;
            for (let t = 0; t < kwC; t++) cols[dst + t] = x[src + t]!;
            continue;
          }
          for (let kx = 0; kx < kw; kx++) {
            const ix = ix0 + kx;
            const d = dst + kx * C;
            if (ix < 0 || ix >= inW) {
              for (let c = 0; c < C; c++) cols[d + c] = 0;
            } else {
              const src = rowBase + ix * C;
              for (let c = 0; c < C; c++) cols[d + c] = x[src + c]!;
            }
          }
        }
      }
    }
  }
}

/** The adjoint of im2col: dx `[batch, inH, inW, C]` = Σ over every tap that read each pixel. */
export function col2im(dCols: Float32Array, batch: number, g: ConvGeometry, dx: Float32Array): void {
  const { inH, inW, channels: C, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  const rowLen = kh * kw * C;
  dx.fill(0, 0, batch * inH * inW * C);
  let r = 0;
  for (let b = 0; b < batch; b++) {
    const xb = b * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++, r += rowLen) {
        const ix0 = ox * strideW - padLeft;
        for (let ky = 0; ky < kh; ky++) {
          const iy = iy0 + ky;
          if (iy < 0 || iy >= inH) continue;
          const rowBase = xb + iy * inW * C;
          const src = r + ky * kw * C;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ix0 + kx;
            if (ix < 0 || ix >= inW) continue;
            const d = rowBase + ix * C;
            const s = src + kx * C;
            for (let c = 0; c < C; c++) dx[d + c] += dCols[s + c]!;
          }
        }
      }
    }
  }
}
