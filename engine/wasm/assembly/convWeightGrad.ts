import { SCRATCH_BYTES } from './gemm';
import { madd, pixelMasks, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// The weight gradient of an unpadded convolution, dW [k, F] += Σ over output positions of
// x(window, k) · dy[position, :], read straight from the image (no im2col matrix), in
// two shapes chosen by engine/wasm/wasmKernels.ts:
//  - blocked: 4 taps × 8 filters in registers while the positions are walked, skipping
//    positions whose 8 dy values or whose window are all zero. For short kernel rows (few
//    channels, such as a first layer on grey images).
//  - per filter: a filter's positions with a non-zero dy are listed, then walked with 24
//    of its taps in registers at a time. For long kernel rows and a mostly-zero dy.
// Either way each element of dW is summed over the positions in order by exactly one
// share, so results do not depend on the number of threads.
// ---------------------------------------------------------------------------------------

/** Entries (window, dy row) the blocked form lists before it walks them (a block stays in L1). */
const LIST_ENTRIES: i32 = 512;

/**
 * The blocked form; needs F a multiple of 8. Shares are units of (4 taps, 8 filters). The
 * positions are taken in blocks: a block's positions whose 8 dy values of the panel are
 * not all zero are listed once, without branching on the data (the branch mispredicted
 * on a dy that is half zero), then every unit of the share walks the list with its sums in
 * registers, kept in the scratch between blocks: each sum still runs over the positions in order.
 */
export function convWeightGradBlocked(
  px: usize, pdy: usize, pdW: usize, pdb: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const kwC = kw * C, patch = kh * kwC, panels = F >> 3, tapBlocks = (patch + 3) >> 2;
  // Units panel by panel, so that a share lists the positions of few panels.
  const units = tapBlocks * panels;
  const u0 = shareStart(units, 1, part, parts), u1 = shareStart(units, 1, part + 1, parts);
  if (u1 <= u0) return;
  // Scratch: the byte offset of every tap within a window (the last block repeats the last
  // tap), the share's sums (8 vectors a unit), the pixel masks, the list of (window, dy row)
  // addresses (engine/wasm/wasmKernels.ts checks that they fit).
  const offsets = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  for (let i = 0; i < tapBlocks * 4; i++) {
    const t = min(i, patch - 1);
    const ky = t / kwC, rest = t % kwC;
    store<i32>(offsets + (<usize>i << 2), (ky * inW * C + rest) << 2);
  }
  const sums = offsets + (<usize>tapBlocks << 4);
  memory.fill(sums, 0, <usize>(u1 - u0) << 7);
  // With images at most 64 pixels wide, positions whose window is all zero (MNIST's
  // background) are not listed either: a bit mask of the non-zero pixels per image row.
  const masked = inW <= 64;
  const masks = sums + (<usize>(u1 - u0) << 7);
  const windowBits: u64 = kw >= 64 ? ~(<u64>0) : (<u64>1 << <u64>kw) - 1;
  const list = masks + (masked ? <usize>inH << 3 : 0);
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2, ldy = <usize>F << 2;
  const imgBytes = <usize>(inH * inW * C) << 2;
  for (let pnl = u0 / tapBlocks; pnl <= (u1 - 1) / tapBlocks; pnl++) {
    const v0 = max(u0, pnl * tapBlocks), v1 = min(u1, (pnl + 1) * tapBlocks);
    let dyp = pdy + (<usize>pnl << 5);
    let count = 0;
    // db (pdb ≠ 0) += Σ over all positions of the panel's dy, as biasGrad sums it: by the
    // share with the panel's first unit, while it reads dy.
    const bias = pdb != 0 && v0 == pnl * tapBlocks;
    const db = pdb + (<usize>pnl << 5);
    let s0 = bias ? v128.load(db) : v128.splat<i32>(0), s1 = bias ? v128.load(db, 16) : v128.splat<i32>(0);
    for (let b = 0; b < batch; b++) {
      const xb = px + <usize>b * imgBytes;
      if (masked) pixelMasks(xb, inH, inW, C, masks);
      for (let oy = 0; oy < outH; oy++) {
        // Room for the row (the list holds max(LIST_ENTRIES, outW) entries).
        if (count > 0 && count + outW > LIST_ENTRIES) {
          walkUnits(list, count, offsets, sums, u0, v0, v1, tapBlocks, patch);
          count = 0;
        }
        let win = xb + <usize>(oy * sh) * rowBytes;
        // Bit ix: a pixel of column ix is non-zero in one of the window's rows.
        let columns: u64 = ~(<u64>0);
        if (masked) {
          columns = 0;
          for (let ky = 0; ky < kh; ky++) columns |= load<u64>(masks + (<usize>(oy * sh + ky) << 3));
        }
        for (let ox = 0; ox < outW; ox++, win += stepBytes, dyp += ldy, columns >>= <u64>sw) {
          const at = list + (<usize>count << 3);
          store<u32>(at, <u32>win);
          store<u32>(at, <u32>dyp, 4);
          const live = (columns & windowBits) != 0;
          const d0 = v128.load(dyp), d1 = v128.load(dyp, 16);
          count += live && v128.any_true(v128.or(d0, d1)) ? 1 : 0;
          s0 = f32x4.add(s0, d0);
          s1 = f32x4.add(s1, d1);
        }
      }
    }
    walkUnits(list, count, offsets, sums, u0, v0, v1, tapBlocks, patch);
    if (bias) {
      v128.store(db, s0);
      v128.store(db, s1, 16);
    }
  }
  for (let u = u0; u < u1; u++) {
    const pnl = u / tapBlocks, tb = u % tapBlocks;
    const s = sums + (<usize>(u - u0) << 7);
    const rows = min(4, patch - tb * 4);
    const d = pdW + <usize>(tb * 4) * ldy + (<usize>pnl << 5);
    for (let r = 0; r < rows; r++) {
      const dr = d + <usize>r * ldy, sr = s + (<usize>r << 5);
      v128.store(dr, f32x4.add(v128.load(dr), v128.load(sr)));
      v128.store(dr, f32x4.add(v128.load(dr, 16), v128.load(sr, 16)), 16);
    }
  }
}

/** Units [v0, v1) of the share starting at u0 walk `count` listed positions. */
function walkUnits(
  list: usize, count: i32, offsets: usize, sums: usize, u0: i32, v0: i32, v1: i32, tapBlocks: i32, patch: i32,
): void {
  for (let u = v0; u < v1; u++) {
    const tb = u % tapBlocks;
    const s = sums + (<usize>(u - u0) << 7);
    const taps = min(4, patch - tb * 4);
    const ob = offsets + (<usize>tb << 4);
    if (taps == 4) {
      const r0 = <usize>load<i32>(ob), r1 = <usize>load<i32>(ob, 4), r2 = <usize>load<i32>(ob, 8), r3 = <usize>load<i32>(ob, 12);
      let c00 = v128.load(s), c01 = v128.load(s, 16), c10 = v128.load(s, 32), c11 = v128.load(s, 48);
      let c20 = v128.load(s, 64), c21 = v128.load(s, 80), c30 = v128.load(s, 96), c31 = v128.load(s, 112);
      const end = list + (<usize>count << 3);
      for (let at = list; at < end; at += 8) {
        const win = <usize>load<u32>(at), dyp = <usize>load<u32>(at, 4);
        const d0 = v128.load(dyp), d1 = v128.load(dyp, 16);
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
      v128.store(s, c00); v128.store(s, c01, 16); v128.store(s, c10, 32); v128.store(s, c11, 48);
      v128.store(s, c20, 64); v128.store(s, c21, 80); v128.store(s, c30, 96); v128.store(s, c31, 112);
    } else {
      // The last, short block: its taps one at a time (rather than repeats of the last).
      for (let r = 0; r < taps; r++) {
        const off = <usize>load<i32>(ob + (<usize>r << 2));
        const sr = s + (<usize>r << 5);
        let c0 = v128.load(sr), c1 = v128.load(sr, 16);
        const end = list + (<usize>count << 3);
        for (let at = list; at < end; at += 8) {
          const win = <usize>load<u32>(at), dyp = <usize>load<u32>(at, 4);
          const x = v128.load32_splat(win + off);
          c0 = madd(x, v128.load(dyp), c0);
          c1 = madd(x, v128.load(dyp, 16), c1);
        }
        v128.store(sr, c0); v128.store(sr, c1, 16);
      }
    }
  }
}

/**
 * The per-filter form: dW [k, f] += Σ over positions of x(window, k) · dy[position, f],
 * from the non-zero dy only. Split over filters. For each filter the positions where its
 * dy is not zero are listed (in blocks, without branching on the data), then walked with
 * up to 6 vectors of its Wᵀ row in registers at a time (rather than adding every entry's
 * window into memory): "slots", each 4 taps of one kernel row. A row of kw·C taps not a multiple
 * of 4 ends with a slot on its last 4 taps, summed apart (a row shorter than 4: one tap a slot).
 * Each filter's sums run over the positions in order, then are added to dW.
 */
export function convWeightGradSparse(
  px: usize, pdy: usize, pdW: usize, batch: i32, inH: i32, inW: i32, C: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, outH: i32, outW: i32, F: i32, scratch: usize, part: i32, parts: i32, slot: i32,
): void {
  const f0 = shareStart(F, 1, part, parts), f1 = shareStart(F, 1, part + 1, parts);
  if (f1 <= f0) return;
  const kwC = kw * C, patch = kh * kwC;
  const rowBytes = <usize>(inW * C) << 2, stepBytes = <usize>(sw * C) << 2, ldy = <usize>F << 2;
  // Scratch: the slots (offset in the window, offset in the sums: bytes), one filter's sums
  // (patch, then 4 per kernel row for the last slots), the list of (window, dy).
  const slots = scratch + <usize>slot * <usize>SCRATCH_BYTES;
  const full = kwC >> 2, vector = kwC >= 4;
  let nv = 0, ns = 0;
  if (vector) {
    for (let ky = 0; ky < kh; ky++) {
      for (let t = 0; t < full; t++, nv++) {
        store<u32>(slots + (<usize>nv << 3), <u32>(<usize>ky * rowBytes + (<usize>t << 4)));
        store<u32>(slots + (<usize>nv << 3), <u32>((ky * kwC + 4 * t) << 2), 4);
      }
      if ((kwC & 3) != 0) {
        store<u32>(slots + (<usize>nv << 3), <u32>(<usize>ky * rowBytes + (<usize>(kwC - 4) << 2)));
        store<u32>(slots + (<usize>nv << 3), <u32>((patch + 4 * ky) << 2), 4);
        nv++;
      }
    }
  } else {
    for (let k = 0; k < patch; k++, ns++) {
      const ky = k / kwC, t = k % kwC;
      store<u32>(slots + (<usize>ns << 3), <u32>(<usize>ky * rowBytes + (<usize>t << 2)));
      store<u32>(slots + (<usize>ns << 3), <u32>(k << 2), 4);
    }
  }
  const sums = slots + (<usize>(nv + ns) << 3);
  const sumBytes = <usize>(patch + 4 * kh) << 2;
  const list = sums + sumBytes;
  const imgBytes = <usize>(inH * inW * C) << 2;
  for (let f = f0; f < f1; f++) {
    memory.fill(sums, 0, sumBytes);
    let dyp = pdy + (<usize>f << 2);
    let count = 0;
    for (let b = 0; b < batch; b++) {
      const xb = px + <usize>b * imgBytes;
      for (let oy = 0; oy < outH; oy++) {
        // Room for the row (the list holds max(LIST_ENTRIES, outW) entries).
        if (count > 0 && count + outW > LIST_ENTRIES) {
          walkSlots(list, count, slots, nv, ns, sums);
          count = 0;
        }
        let win = xb + <usize>(oy * sh) * rowBytes;
        for (let ox = 0; ox < outW; ox++, win += stepBytes, dyp += ldy) {
          const g = load<f32>(dyp);
          const at = list + (<usize>count << 3);
          store<u32>(at, <u32>win);
          store<f32>(at, g, 4);
          count += g != 0 ? 1 : 0;
        }
      }
    }
    walkSlots(list, count, slots, nv, ns, sums);
    // dW[k, f] += the sum of tap k (a row's last taps from its last slot's sums).
    const tailFrom = (kwC & 3) != 0 && vector ? full * 4 : kwC;
    let d = pdW + (<usize>f << 2);
    for (let k = 0; k < patch; k++, d += ldy) {
      const ky = k / kwC, t = k % kwC;
      const s = t < tailFrom ? k : patch + 4 * ky + t - (kwC - 4);
      store<f32>(d, load<f32>(d) + load<f32>(sums + (<usize>s << 2)));
    }
  }
}

/** sums[slot] += Σ over the listed positions of g · x(window + slot): 6 vector slots at a time (6 sums + 6 loads + g: no spill), 4, then one. */
function walkSlots(list: usize, count: i32, slots: usize, nv: i32, ns: i32, sums: usize): void {
  const end = list + (<usize>count << 3);
  let s = 0;
  for (; s + 6 <= nv; s += 6) {
    const sl = slots + (<usize>s << 3);
    const o0 = <usize>load<u32>(sl), o1 = <usize>load<u32>(sl, 8), o2 = <usize>load<u32>(sl, 16);
    const o3 = <usize>load<u32>(sl, 24), o4 = <usize>load<u32>(sl, 32), o5 = <usize>load<u32>(sl, 40);
    const p0 = sums + <usize>load<u32>(sl, 4), p1 = sums + <usize>load<u32>(sl, 12), p2 = sums + <usize>load<u32>(sl, 20);
    const p3 = sums + <usize>load<u32>(sl, 28), p4 = sums + <usize>load<u32>(sl, 36), p5 = sums + <usize>load<u32>(sl, 44);
    let c0 = v128.load(p0), c1 = v128.load(p1), c2 = v128.load(p2), c3 = v128.load(p3), c4 = v128.load(p4), c5 = v128.load(p5);
    for (let at = list; at < end; at += 8) {
      const win = <usize>load<u32>(at);
      const g = v128.load32_splat(at, 4);
      c0 = f32x4.add(c0, f32x4.mul(g, v128.load(win + o0)));
      c1 = f32x4.add(c1, f32x4.mul(g, v128.load(win + o1)));
      c2 = f32x4.add(c2, f32x4.mul(g, v128.load(win + o2)));
      c3 = f32x4.add(c3, f32x4.mul(g, v128.load(win + o3)));
      c4 = f32x4.add(c4, f32x4.mul(g, v128.load(win + o4)));
      c5 = f32x4.add(c5, f32x4.mul(g, v128.load(win + o5)));
    }
    v128.store(p0, c0); v128.store(p1, c1); v128.store(p2, c2); v128.store(p3, c3); v128.store(p4, c4); v128.store(p5, c5);
  }
  for (; s + 4 <= nv; s += 4) {
    const sl = slots + (<usize>s << 3);
    const o0 = <usize>load<u32>(sl), o1 = <usize>load<u32>(sl, 8), o2 = <usize>load<u32>(sl, 16), o3 = <usize>load<u32>(sl, 24);
    const p0 = sums + <usize>load<u32>(sl, 4), p1 = sums + <usize>load<u32>(sl, 12);
    const p2 = sums + <usize>load<u32>(sl, 20), p3 = sums + <usize>load<u32>(sl, 28);
    let c0 = v128.load(p0), c1 = v128.load(p1), c2 = v128.load(p2), c3 = v128.load(p3);
    for (let at = list; at < end; at += 8) {
      const win = <usize>load<u32>(at);
      const g = v128.load32_splat(at, 4);
      // As the per-entry form did (and the products): g·x, then added (no fused multiply-add).
      c0 = f32x4.add(c0, f32x4.mul(g, v128.load(win + o0)));
      c1 = f32x4.add(c1, f32x4.mul(g, v128.load(win + o1)));
      c2 = f32x4.add(c2, f32x4.mul(g, v128.load(win + o2)));
      c3 = f32x4.add(c3, f32x4.mul(g, v128.load(win + o3)));
    }
    v128.store(p0, c0); v128.store(p1, c1); v128.store(p2, c2); v128.store(p3, c3);
  }
  for (; s < nv; s++) {
    const sl = slots + (<usize>s << 3);
    const o = <usize>load<u32>(sl), p = sums + <usize>load<u32>(sl, 4);
    let c = v128.load(p);
    for (let at = list; at < end; at += 8) c = f32x4.add(c, f32x4.mul(v128.load32_splat(at, 4), v128.load(<usize>load<u32>(at) + o)));
    v128.store(p, c);
  }
  for (let t = 0; t < ns; t++) {
    const sl = slots + (<usize>t << 3);
    const o = <usize>load<u32>(sl), p = sums + <usize>load<u32>(sl, 4);
    let c = load<f32>(p);
    for (let at = list; at < end; at += 8) c += load<f32>(at, 4) * load<f32>(<usize>load<u32>(at) + o);
    store<f32>(p, c);
  }
}
