import { shareStart } from './shared';

// ---------------------------------------------------------------------------------------
// Optimizer updates and input conversion, split on multiples of 4 values.
// ---------------------------------------------------------------------------------------

/** Plain SGD: w −= lr · g. */
export function sgd(pw: usize, pg: usize, lr: f32, n: i32, part: i32, parts: i32): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vlr = f32x4.splat(lr);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), f32x4.mul(vlr, v128.load(pg + o))));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(pw + o, load<f32>(pw + o) - lr * load<f32>(pg + o));
  }
}

/** SGD with momentum μ: v ← μ·v + g; w −= lr·v (Nesterov: w −= lr·(g + μ·v)). */
export function momentum(
  pw: usize, pg: usize, pv: usize, lr: f32, mu: f32, nesterov: i32, n: i32, part: i32, parts: i32,
): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(pg + o);
    const v = f32x4.add(f32x4.mul(vmu, v128.load(pv + o)), g);
    v128.store(pv + o, v);
    const d = nesterov ? f32x4.add(g, f32x4.mul(vmu, v)) : v;
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), f32x4.mul(vlr, d)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(pg + o);
    const v = mu * load<f32>(pv + o) + g;
    store<f32>(pv + o, v);
    store<f32>(pw + o, load<f32>(pw + o) - lr * (nesterov ? g + mu * v : v));
  }
}

/** Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², w −= step · m / (√v + ε). */
export function adam(
  pw: usize, pg: usize, pm: usize, pv: usize, step: f32, b1: f32, b2: f32, eps: f32, n: i32, part: i32, parts: i32,
): void {
  const i0 = shareStart(n, 4, part, parts), i1 = shareStart(n, 4, part + 1, parts);
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(1 - b1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(1 - b2);
  const vstep = f32x4.splat(step), veps = f32x4.splat(eps);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(pg + o);
    const m = f32x4.add(f32x4.mul(vb1, v128.load(pm + o)), f32x4.mul(vc1, g));
    const v = f32x4.add(f32x4.mul(vb2, v128.load(pv + o)), f32x4.mul(f32x4.mul(vc2, g), g));
    v128.store(pm + o, m);
    v128.store(pv + o, v);
    const d = f32x4.div(f32x4.mul(vstep, m), f32x4.add(f32x4.sqrt(v), veps));
    v128.store(pw + o, f32x4.sub(v128.load(pw + o), d));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(pg + o);
    const m = b1 * load<f32>(pm + o) + (1 - b1) * g;
    const v = b2 * load<f32>(pv + o) + (1 - b2) * g * g;
    store<f32>(pm + o, m);
    store<f32>(pv + o, v);
    store<f32>(pw + o, load<f32>(pw + o) - (step * m) / (sqrt<f32>(v) + eps));
  }
}
