import { madd, shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// t-SNE's forces (engine/codes/tsne.ts): the exact O(N²) pass over the pairs, four j at a
// time. The scalar reference is engine/codes/tsneForces.ts.
// ---------------------------------------------------------------------------------------

/**
 * For each row i of its share, over every j (j = i included: it adds q = 1 and no force):
 *   q = 1 / (1 + |yi − yj|²),
 *   out[5i .. 5i+4] = Σ p·q·(xi − xj), Σ p·q·(yi − yj), Σ q²·(xi − xj), Σ q²·(yi − yj), Σ q
 * with p = P[i, j]. xs, ys: [n] coordinates; P: [n, n] row-major. Rows are computed whole by
 * one thread, so the split never changes a result.
 */
export function tsneForces(pxs: usize, pys: usize, pP: usize, pout: usize, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 1, part, parts), i1 = shareStart(n, 1, part + 1, parts);
  const one = f32x4.splat(1);
  for (let i = i0; i < i1; i++) {
    const xi = load<f32>(pxs + (<usize>i << 2)), yi = load<f32>(pys + (<usize>i << 2));
    const vxi = f32x4.splat(xi), vyi = f32x4.splat(yi);
    const row = pP + ((<usize>i * <usize>n) << 2);
    let ax = f32x4.splat(0), ay = f32x4.splat(0), rx = f32x4.splat(0), ry = f32x4.splat(0), z = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      const ex = f32x4.sub(vxi, v128.load(pxs + o)), ey = f32x4.sub(vyi, v128.load(pys + o));
      const q = f32x4.div(one, madd(ey, ey, madd(ex, ex, one)));
      const pq = f32x4.mul(v128.load(row + o), q), qq = f32x4.mul(q, q);
      z = f32x4.add(z, q);
      ax = madd(pq, ex, ax);
      ay = madd(pq, ey, ay);
      rx = madd(qq, ex, rx);
      ry = madd(qq, ey, ry);
    }
    let sax = f32x4.extract_lane(ax, 0) + f32x4.extract_lane(ax, 1) + f32x4.extract_lane(ax, 2) + f32x4.extract_lane(ax, 3);
    let say = f32x4.extract_lane(ay, 0) + f32x4.extract_lane(ay, 1) + f32x4.extract_lane(ay, 2) + f32x4.extract_lane(ay, 3);
    let srx = f32x4.extract_lane(rx, 0) + f32x4.extract_lane(rx, 1) + f32x4.extract_lane(rx, 2) + f32x4.extract_lane(rx, 3);
    let sry = f32x4.extract_lane(ry, 0) + f32x4.extract_lane(ry, 1) + f32x4.extract_lane(ry, 2) + f32x4.extract_lane(ry, 3);
    let sz = f32x4.extract_lane(z, 0) + f32x4.extract_lane(z, 1) + f32x4.extract_lane(z, 2) + f32x4.extract_lane(z, 3);
    for (; j < n; j++) {
      const o = <usize>j << 2;
      const ex = xi - load<f32>(pxs + o), ey = yi - load<f32>(pys + o);
      const q: f32 = 1 / (1 + ex * ex + ey * ey);
      const pq = load<f32>(row + o) * q, qq = q * q;
      sz += q;
      sax += pq * ex;
      say += pq * ey;
      srx += qq * ex;
      sry += qq * ey;
    }
    const po = pout + (<usize>(5 * i) << 2);
    store<f32>(po, sax);
    store<f32>(po, say, 4);
    store<f32>(po, srx, 8);
    store<f32>(po, sry, 12);
    store<f32>(po, sz, 16);
  }
}
