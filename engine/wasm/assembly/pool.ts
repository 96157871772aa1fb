import { shareStart } from './shared';

// Max pooling, channels last, split over the samples of the batch.

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

/**
 * dx = 0, then dx[arg[o]] += dy[o]; split over samples (a sample's winners lie in its own
 * input). With px ≠ 0 (the pooling's input, a ReLU's output) only where x[arg[o]] > 0:
 * the ReLU's backward, fused.
 */
export function maxPoolBackward(
  pdy: usize, pArg: usize, pdx: usize, px: usize, batch: i32, inSize: i32, outSize: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  if (b1 <= b0) return;
  memory.fill(pdx + (<usize>(b0 * inSize) << 2), 0, <usize>((b1 - b0) * inSize) << 2);
  const o1 = b1 * outSize;
  for (let o = b0 * outSize; o < o1; o++) {
    const i = <usize>load<i32>(pArg + (<usize>o << 2)) << 2;
    const g = load<f32>(pdy + (<usize>o << 2));
    const at = pdx + i;
    store<f32>(at, load<f32>(at) + (px == 0 || load<f32>(px + i) > 0 ? g : 0));
  }
}
