/**
 * t-SNE's forces: the one O(N²) pass of each iteration, as the scalar reference of the
 * WebAssembly kernel (engine/wasm/assembly/tsne.ts), which computes the same sums four
 * pairs at a time. With q = 1/(1 + d²) and Z = Σ q, the gradient splits into an attractive
 * part Σ p·q·(yi − yj) and a repulsive one Σ q²·(yi − yj) / Z; Z is not needed until the
 * end, so each pair's distance and kernel are computed once.
 */

/** Per row i, into out[5i .. 5i+4]: Σj p·q·Δx, p·q·Δy, q²·Δx, q²·Δy, q (j = i included: q = 1, no force). */
export type TsneForces = (xs: Float32Array, ys: Float32Array, P: Float32Array, out: Float32Array, n: number) => void;

export const tsneForcesJs: TsneForces = (xs, ys, P, out, n) => {
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!, yi = ys[i]!, row = i * n;
    let ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
    for (let j = 0; j < n; j++) {
      const ex = xi - xs[j]!, ey = yi - ys[j]!;
      const q = 1 / (1 + ex * ex + ey * ey), pq = P[row + j]! * q, qq = q * q;
      z += q;
      ax += pq * ex;
      ay += pq * ey;
      rx += qq * ex;
      ry += qq * ey;
    }
    out[5 * i] = ax;
    out[5 * i + 1] = ay;
    out[5 * i + 2] = rx;
    out[5 * i + 3] = ry;
    out[5 * i + 4] = z;
  }
};

/**
 * The gradient of KL(P‖Q) from the pass's sums, as @keckelt/tsne writes it (with its
 * early exaggeration `pmul`): g_i = 4·(pmul·attractive_i − repulsive_i / Z), Z over i ≠ j.
 */
export function tsneGradient(sums: Float32Array, n: number, pmul: number): number[][] {
  let Z = 0;
  for (let i = 0; i < n; i++) Z += sums[5 * i + 4]! - 1;
  const invZ = 1 / Z, grad: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    grad[i] = [4 * (pmul * sums[5 * i]! - sums[5 * i + 2]! * invZ), 4 * (pmul * sums[5 * i + 1]! - sums[5 * i + 3]! * invZ)];
  }
  return grad;
}
