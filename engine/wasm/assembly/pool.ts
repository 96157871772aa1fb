import { shareStart } from './shared';

// Max pooling, channels last, split over the samples of the batch. The common case —
// 2×2 windows, stride 2, no padding, channels a multiple of 4 — has its own loops (the
// window's four pixels unrolled, no per-window bounds) with the same comparisons in the
// same order as the general ones, so the same maxima and winners.

/** Whether the pooling is 2×2, stride 2, unpadded, with every window inside the input and C % 4 == 0. */
@inline function isPool2x2(inH: i32, inW: i32, C: i32, ph: i32, pw: i32, sh: i32, sw: i32, padT: i32, padL: i32, outH: i32, outW: i32): bool {
  return ph == 2 && pw == 2 && sh == 2 && sw == 2 && padT == 0 && padL == 0 && 2 * outH <= inH && 2 * outW <= inW && (C & 3) == 0;
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
  if (isPool2x2(inH, inW, C, ph, pw, sh, sw, padT, padL, outH, outW)) {
    maxPool2x2(px, py, pArg, b0, b1, inH, inW, C, outH, outW);
    return;
  }
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

/** maxPool's 2×2 stride-2 case for samples [b0, b1): the window's pixels in the general loops' order. */
function maxPool2x2(px: usize, py: usize, pArg: usize, b0: i32, b1: i32, inH: i32, inW: i32, C: i32, outH: i32, outW: i32): void {
  const right = C, below = inW * C, diagonal = below + C;
  const lanes = i32x4(0, 1, 2, 3);
  const dRight = i32x4.splat(right), dBelow = i32x4.splat(below), dDiagonal = i32x4.splat(diagonal);
  const rightBytes = <usize>right << 2, belowBytes = <usize>below << 2, diagonalBytes = <usize>diagonal << 2;
  let o = <usize>(b0 * outH * outW * C) << 2;
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < outH; oy++) {
      let first = (b * inH + 2 * oy) * inW * C;
      for (let ox = 0; ox < outW; ox++, first += 2 * C) {
        for (let c = 0; c < C; c += 4, o += 16) {
          const i = first + c;
          const p = px + (<usize>i << 2);
          const at0 = i32x4.add(i32x4.splat(i), lanes);
          const v0 = v128.load(p), v1 = v128.load(p + rightBytes), v2 = v128.load(p + belowBytes), v3 = v128.load(p + diagonalBytes);
          // pmax(best, v) = best < v ? v : best: the general loop's v > best ? v : best, in one instruction.
          let best = f32x4.pmax(f32x4.splat(-Infinity), v0);
          let at = at0;
          let m = f32x4.gt(v1, best);
          best = f32x4.pmax(best, v1);
          at = v128.bitselect(i32x4.add(at0, dRight), at, m);
          m = f32x4.gt(v2, best);
          best = f32x4.pmax(best, v2);
          at = v128.bitselect(i32x4.add(at0, dBelow), at, m);
          m = f32x4.gt(v3, best);
          best = f32x4.pmax(best, v3);
          at = v128.bitselect(i32x4.add(at0, dDiagonal), at, m);
          v128.store(py + o, best);
          v128.store(pArg + o, at);
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
  pdy: usize, pArg: usize, pdx: usize, px: usize, batch: i32, inH: i32, inW: i32, C: i32, ph: i32, pw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, outH: i32, outW: i32, part: i32, parts: i32,
): void {
  const b0 = shareStart(batch, 1, part, parts), b1 = shareStart(batch, 1, part + 1, parts);
  if (b1 <= b0) return;
  if (isPool2x2(inH, inW, C, ph, pw, sh, sw, padT, padL, outH, outW)) {
    maxPoolBackward2x2(pdy, pArg, pdx, px, b0, b1, inH, inW, C, outH, outW);
    return;
  }
  const inSize = inH * inW * C, outSize = outH * outW * C;
  memory.fill(pdx + (<usize>(b0 * inSize) << 2), 0, <usize>((b1 - b0) * inSize) << 2);
  const o1 = b1 * outSize;
  for (let o = b0 * outSize; o < o1; o++) {
    const i = <usize>load<i32>(pArg + (<usize>o << 2)) << 2;
    const g = load<f32>(pdy + (<usize>o << 2));
    const at = pdx + i;
    store<f32>(at, load<f32>(at) + (px == 0 || load<f32>(px + i) > 0 ? g : 0));
  }
}

/**
 * maxPoolBackward's 2×2 stride-2 case for samples [b0, b1): the windows do not overlap, so
 * every pixel of a window is written once, 0 + (winner [and x > 0] ? dy : 0) as the
 * general loop's sum, and the rows and columns no window covers are set to 0.
 */
function maxPoolBackward2x2(
  pdy: usize, pArg: usize, pdx: usize, px: usize, b0: i32, b1: i32, inH: i32, inW: i32, C: i32, outH: i32, outW: i32,
): void {
  const right = C, below = inW * C, diagonal = below + C;
  const lanes = i32x4(0, 1, 2, 3), zero = f32x4.splat(0);
  const dRight = i32x4.splat(right), dBelow = i32x4.splat(below), dDiagonal = i32x4.splat(diagonal);
  const rightBytes = <usize>right << 2, belowBytes = <usize>below << 2, diagonalBytes = <usize>diagonal << 2;
  const fused = px != 0;
  const rowBytes = <usize>(inW * C) << 2, coveredBytes = <usize>(2 * outW * C) << 2;
  let o = <usize>(b0 * outH * outW * C) << 2;
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const top = (b * inH + 2 * oy) * inW * C;
      let first = top;
      for (let ox = 0; ox < outW; ox++, first += 2 * C) {
        for (let c = 0; c < C; c += 4, o += 16) {
          const i = first + c;
          const at0 = i32x4.add(i32x4.splat(i), lanes);
          // 0 + dy (as the general loop's sum: -0 becomes +0), then masked: +0 where not the winner.
          const g = f32x4.add(zero, v128.load(pdy + o)), arg = v128.load(pArg + o);
          const q = pdx + (<usize>i << 2);
          let m0 = i32x4.eq(arg, at0), m1 = i32x4.eq(arg, i32x4.add(at0, dRight));
          let m2 = i32x4.eq(arg, i32x4.add(at0, dBelow)), m3 = i32x4.eq(arg, i32x4.add(at0, dDiagonal));
          if (fused) {
            const p = px + (<usize>i << 2);
            m0 = v128.and(m0, f32x4.gt(v128.load(p), zero));
            m1 = v128.and(m1, f32x4.gt(v128.load(p + rightBytes), zero));
            m2 = v128.and(m2, f32x4.gt(v128.load(p + belowBytes), zero));
            m3 = v128.and(m3, f32x4.gt(v128.load(p + diagonalBytes), zero));
          }
          v128.store(q, v128.and(g, m0));
          v128.store(q + rightBytes, v128.and(g, m1));
          v128.store(q + belowBytes, v128.and(g, m2));
          v128.store(q + diagonalBytes, v128.and(g, m3));
        }
      }
      // A last column no window covers (odd width).
      if (coveredBytes < rowBytes) {
        const rest = rowBytes - coveredBytes, at = pdx + (<usize>top << 2) + coveredBytes;
        memory.fill(at, 0, rest);
        memory.fill(at + rowBytes, 0, rest);
      }
    }
    // A last row no window covers (odd height).
    const coveredRows = 2 * outH;
    if (coveredRows < inH) memory.fill(pdx + <usize>((b * inH + coveredRows) * inW * C) * 4, 0, <usize>(inH - coveredRows) * rowBytes);
  }
}
