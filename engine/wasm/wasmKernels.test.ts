import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gemmReference } from '../core/gemm';
import { jsKernels, type Kernels } from '../core/kernels';
import { Rng } from '../core/rng';
import type { ConvGeometry } from '../layers/im2col';
import { windowAxis, type Padding } from '../layers/padding';
import { poolGeometry } from '../layers/poolGeometry';
import { randomArray } from '../testing/random';
import { createWasmKernels, wasmKernelsSupported } from './wasmKernels';

/**
 * The WebAssembly SIMD kernels against the scalar references, on random shapes that
 * straddle the 4×8 register block, the 256-deep K panel and the 512-wide N block.
 */
const wasm = createWasmKernels({ fma: false });

function close(actual: Float32Array, expected: Float32Array, K: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 2e-6 * Math.sqrt(K + 1) * (1 + Math.abs(expected[i]!));
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) {
      expect.fail(`${what}: element ${i}: ${actual[i]} vs ${expected[i]}`);
    }
  }
}

/** Exact equality (same bits, NaN included), reporting the first difference. */
function same(actual: ArrayLike<number>, expected: ArrayLike<number>, what = ''): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what} element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** A copy of `a` in the backend's own memory (the fast path) or a plain array (the staged path). */
function place(k: Kernels, a: Float32Array, inMemory: boolean): Float32Array {
  if (!inMemory) return a.slice();
  const v = k.floats(a.length);
  v.set(a);
  return v;
}

describe.runIf(wasm !== null)('WebAssembly SIMD kernels', () => {
  const k = wasm!;

  it('is detected as supported on this runtime', () => {
    expect(wasmKernelsSupported()).toBe(true);
    expect(k.name).toBe('wasm-simd');
  });

  it('the fused multiply-add variant matches the reference (relaxed SIMD, in a child process with the V8 flag)', () => {
    const script = fileURLToPath(new URL('../node/fmaCheck.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { fma: boolean; checked: number; failures: string[] };
    expect(r.fma).toBe(true);
    expect(r.checked).toBeGreaterThan(50);
    expect(r.failures).toEqual([]);
  }, 60_000);

  const rng = new Rng(42);
  const shapes: [number, number, number][] = [
    [1, 1, 1], [1, 7, 3], [3, 5, 2], [4, 4, 8], [5, 9, 7], [8, 16, 12], [13, 300, 11], [64, 784, 10], [17, 257, 33],
    [2, 513, 6], [7, 0, 5], [33, 64, 520], [64, 25, 8], [100, 200, 16], [9, 1030, 17],
    // Split by K in the forward form (dispatch.ts): mlp's first layer, odd slices, the longest K.
    [64, 784, 128], [37, 300, 65], [3, 1024, 64], [16, 257, 80],
  ];
  for (let t = 0; t < 12; t++) shapes.push([1 + rng.int(70), 1 + rng.int(600), 1 + rng.int(90)]);

  for (const [M, K, N] of shapes) {
    for (const form of ['gemm', 'gemmTransA', 'gemmTransB'] as const) {
      it(`${form} ${M}×${K}×${N}, with and without accumulation, in memory and staged`, () => {
        const r = new Rng(M * 1000 + K * 10 + N);
        const aLen = M * K, bLen = K * N;
        const dense = randomArray(aLen, r), B = randomArray(bLen, r), start = randomArray(M * N + 3, r);
        // Mostly zero, like images and ReLU outputs: exercises the zero-skipping path.
        const sparse = dense.map((v, i) => (r.next() < 0.8 || (i % 7) < 3 ? 0 : v));
        // Mostly zero like the gradient after max pooling: the backward products' sparse paths.
        const sparseB = B.map((v) => (r.next() < 0.8 ? 0 : v));
        const cases = [[dense, B], [sparse, B], [dense, sparseB], [sparse, sparseB]] as const;
        for (const [[A, Bm], accumulate] of cases.flatMap((c) => [[c, false], [c, true]] as const)) {
          const expected = start.slice();
          gemmReference(A, Bm, expected, M, K, N, { transA: form === 'gemmTransA', transB: form === 'gemmTransB', accumulate });
          for (const inMemory of [true, false]) {
            const C = place(k, start, inMemory);
            k[form](place(k, A, inMemory), place(k, Bm, inMemory), C, M, K, N, accumulate);
            close(C, expected, K, `${form} accumulate=${accumulate} inMemory=${inMemory} sparseA=${A === sparse} sparseB=${Bm === sparseB}`);
          }
        }
        const A = dense;
        if (form === 'gemm') {
          // A bias starts every row: the same bits as writing it first and accumulating.
          const bias = randomArray(N, r), viaRows = start.slice(), fused = place(k, start, true);
          k.biasRows(bias, viaRows, M, N);
          k.gemm(A, B, viaRows, M, K, N, true);
          k.gemm(place(k, A, true), place(k, B, true), fused, M, K, N, false, place(k, bias, true));
          same(fused, viaRows, 'fused bias');
          const expected = new Float32Array(M * N);
          jsKernels.gemm(A, B, expected, M, K, N, false, bias);
          close(fused.subarray(0, M * N), expected, K, 'bias vs scalar');
        }
      });
    }
  }

  const convCases: { input: [number, number, number]; k: [number, number]; s: [number, number]; p: Padding }[] = [
    { input: [28, 28, 1], k: [5, 5], s: [1, 1], p: 'valid' },
    { input: [12, 12, 8], k: [5, 5], s: [1, 1], p: 'valid' },
    { input: [7, 6, 3], k: [3, 3], s: [1, 1], p: 'same' },
    { input: [8, 7, 5], k: [5, 4], s: [2, 3], p: 'same' },
    { input: [5, 5, 2], k: [1, 1], s: [2, 2], p: 'valid' },
  ];
  for (const { input, k: [kh, kw], s: [sh, sw], p } of convCases) {
    it(`im2col and col2im match the reference exactly: ${input.join('×')}, ${kh}×${kw}, strides ${sh},${sw}, ${p}`, () => {
      const [inH, inW, channels] = input;
      const rows = windowAxis(inH, kh, sh, p), cols = windowAxis(inW, kw, sw, p);
      const g: ConvGeometry = { inH, inW, channels, kh, kw, strideH: sh, strideW: sw, padTop: rows.padBefore, padLeft: cols.padBefore, outH: rows.out, outW: cols.out };
      const batch = 3, r = new Rng(7);
      const x = randomArray(batch * inH * inW * channels, r);
      const colLen = batch * g.outH * g.outW * kh * kw * channels;
      for (const inMemory of [true, false]) {
        const expected = new Float32Array(colLen), got = place(k, new Float32Array(colLen).fill(9), inMemory);
        jsKernels.im2col(x, batch, g, expected);
        k.im2col(place(k, x, inMemory), batch, g, got);
        same(got, expected);
        const dCols = randomArray(colLen, r);
        const dxExpected = new Float32Array(x.length), dx = place(k, new Float32Array(x.length).fill(3), inMemory);
        jsKernels.col2im(dCols, batch, g, dxExpected);
        k.col2im(place(k, dCols, inMemory), batch, g, dx);
        same(dx, dxExpected);
      }
    });
  }

  const poolCases: { input: [number, number, number]; p: [number, number]; s: [number, number]; pad: Padding }[] = [
    { input: [24, 24, 8], p: [2, 2], s: [2, 2], pad: 'valid' },
    { input: [8, 8, 16], p: [2, 2], s: [2, 2], pad: 'valid' },
    { input: [7, 9, 4], p: [2, 2], s: [2, 2], pad: 'valid' },  // 2×2 loops with a last row and column no window covers
    { input: [6, 8, 12], p: [2, 2], s: [2, 2], pad: 'valid' },
    { input: [5, 5, 8], p: [2, 2], s: [2, 2], pad: 'same' },   // padded: the general loops
    { input: [5, 5, 6], p: [2, 2], s: [2, 2], pad: 'same' },
    { input: [7, 6, 3], p: [3, 3], s: [2, 2], pad: 'valid' },
    { input: [6, 7, 5], p: [3, 2], s: [1, 2], pad: 'same' },
  ];
  for (const { input, p, s, pad } of poolCases) {
    it(`max pooling matches the reference exactly (values, winners, gradient): ${input.join('×')} pool ${p.join('×')} ${pad}`, () => {
      const g = poolGeometry(input, { poolSize: p, strides: s, padding: pad });
      const batch = 3, r = new Rng(3);
      const inLen = batch * input[0] * input[1] * input[2], outLen = batch * g.outH * g.outW * g.channels;
      const x = randomArray(inLen, r);
      // Ties and -Infinity: the first maximum must win in both.
      for (let i = 0; i < inLen; i += 7) x[i] = 0.5;
      x[1] = -Infinity;
      // NaN never wins (nor loses a window it starts); -0 and +0 tie.
      for (let i = 3; i < inLen; i += 13) x[i] = NaN;
      for (let i = 5; i + input[2] < inLen; i += 17) [x[i], x[i + input[2]]] = i % 2 ? [-0, 0] : [0, -0];
      const yE = new Float32Array(outLen), aE = new Int32Array(outLen);
      jsKernels.maxPool(x, batch, g, yE, aE);
      const dy = randomArray(outLen, r), dxE = new Float32Array(inLen);
      // A -0 gradient: the reference's 0 + (-0) gives +0.
      for (let i = 0; i < outLen; i += 5) dy[i] = -0;
      jsKernels.maxPoolBackward(dy, aE, batch, g, dxE);
      for (const inMemory of [true, false]) {
        const y = place(k, new Float32Array(outLen), inMemory), a = inMemory ? k.ints(outLen) : new Int32Array(outLen);
        k.maxPool(place(k, x, inMemory), batch, g, y, a);
        same(y, yE);
        same(a, aE);
        const dx = place(k, new Float32Array(inLen).fill(1), inMemory);
        k.maxPoolBackward(place(k, dy, inMemory), a, batch, g, dx);
        same(dx, dxE);
        // With a ReLU's backward fused in: the same bits as pooling's backward, then ReLU's.
        const relu = new Float32Array(inLen), dxMasked = new Float32Array(inLen).fill(2);
        jsKernels.relu(x, relu, inLen);
        jsKernels.reluBackward(relu, dxE, dxMasked, inLen);
        const masked = place(k, new Float32Array(inLen).fill(1), inMemory), jsMasked = new Float32Array(inLen);
        k.maxPoolBackward(place(k, dy, inMemory), a, batch, g, masked, place(k, relu, inMemory));
        jsKernels.maxPoolBackward(dy, aE, batch, g, jsMasked, relu);
        same(masked, dxMasked, 'masked (wasm)');
        same(jsMasked, dxMasked, 'masked (js)');
      }
    });
  }

  for (const n of [1, 3, 4, 17, 1000, 100_003]) {
    it(`relu, its gradient, bias rows and bias gradient match the reference exactly (n = ${n})`, () => {
      const r = new Rng(n);
      const x = randomArray(n, r), dy = randomArray(n, r);
      x[0] = -0;
      const yE = new Float32Array(n), dxE = new Float32Array(n);
      jsKernels.relu(x, yE, n);
      jsKernels.reluBackward(yE, dy, dxE, n);
      const width = n % 7 === 0 ? 7 : n >= 1000 ? 10 : 1, rows = Math.floor(n / width);
      const bias = randomArray(width, r), byE = new Float32Array(n), dbStart = randomArray(width, r), dbE = dbStart.slice();
      jsKernels.biasRows(bias, byE, rows, width);
      jsKernels.biasGrad(dy, dbE, rows, width);
      for (const inMemory of [true, false]) {
        const y = place(k, new Float32Array(n), inMemory), dx = place(k, new Float32Array(n), inMemory);
        k.relu(place(k, x, inMemory), y, n);
        same(y, yE);
        k.reluBackward(y, place(k, dy, inMemory), dx, n);
        same(dx, dxE);
        const by = place(k, new Float32Array(n), inMemory), db = place(k, dbStart, inMemory);
        k.biasRows(place(k, bias, inMemory), by, rows, width);
        same(by, byE);
        k.biasGrad(place(k, dy, inMemory), db, rows, width);
        same(db, dbE);
      }
    });
  }

  for (const n of [1, 5, 64, 101_770]) {
    it(`optimizer updates match the scalar ones (n = ${n})`, () => {
      const r = new Rng(n + 1);
      const w0 = randomArray(n, r), g = randomArray(n, r), v0 = randomArray(n, r, 0, 1), m0 = randomArray(n, r);
      for (const inMemory of [true, false]) {
        const cases: [string, (kk: Kernels, w: Float32Array, m: Float32Array, v: Float32Array) => void][] = [
          ['sgd', (kk, w) => kk.sgdStep(w, g, 0.1, n)],
          ['momentum', (kk, w, _m, v) => kk.momentumStep(w, g, v, 0.05, 0.9, false, n)],
          ['nesterov', (kk, w, _m, v) => kk.momentumStep(w, g, v, 0.05, 0.9, true, n)],
          ['adam', (kk, w, m, v) => kk.adamStep(w, g, m, v, 0.001, 0.9, 0.999, 1e-7, n)],
        ];
        for (const [name, step] of cases) {
          const wE = w0.slice(), mE = m0.slice(), vE = v0.slice();
          step(jsKernels, wE, mE, vE);
          const w = place(k, w0, inMemory), m = place(k, m0, inMemory), v = place(k, v0, inMemory);
          step(k, w, m, v);
          // f32 arithmetic against the reference's float64: a few ulps.
          close(w, wE, 4, name);
          close(m, mE, 4, name);
          close(v, vE, 4, name);
        }
      }
    });
  }

  it('converts gathered image bytes exactly as the reference does', () => {
    const r = new Rng(9);
    const count = 40, px = 28 * 28;
    const images = new Uint8Array(count * px);
    for (let i = 0; i < images.length; i++) images[i] = i < 256 ? i : r.int(256);
    const set = { count, inputs: images, labels: new Uint8Array(count), targets: null };
    const order = Int32Array.from({ length: count }, (_, i) => (i * 7) % count);
    const expected = new Float32Array(13 * px);
    jsKernels.gatherInputs(set, px, order, 5, 13, expected);
    for (const inMemory of [true, false]) {
      const out = place(k, new Float32Array(expected.length), inMemory);
      k.gatherInputs(set, px, order, 5, 13, out);
      same(out, expected);
    }
    const all = new Float32Array(count * px), allE = all.slice();
    jsKernels.gatherInputs(set, px, Int32Array.from({ length: count }, (_, i) => i), 0, count, allE);
    k.gatherInputs(set, px, Int32Array.from({ length: count }, (_, i) => i), 0, count, all);
    same(all, allE, 'all 256 byte values');
    for (let v = 0; v < 256; v++) expect(allE[v]).toBeCloseTo(v / 255, 6);
  });

  it('gathers float samples as they are, unscaled', () => {
    const r = new Rng(10);
    const count = 30, per = 2;
    const inputs = new Float32Array(count * per).map(() => r.uniform(-1.5, 1.5));
    const set = { count, inputs, labels: null, targets: new Float32Array(count) };
    const order = Int32Array.from({ length: count }, (_, i) => (i * 11) % count);
    const expected = new Float32Array(9 * per);
    for (let b = 0; b < 9; b++) expected.set(inputs.subarray(order[4 + b]! * per, (order[4 + b]! + 1) * per), b * per);
    const js = new Float32Array(expected.length);
    jsKernels.gatherInputs(set, per, order, 4, 9, js);
    same(js, expected, 'js');
    for (const inMemory of [true, false]) {
      const out = place(k, new Float32Array(expected.length), inMemory);
      k.gatherInputs(set, per, order, 4, 9, out);
      same(out, expected, 'wasm');
    }
  });

  it('keeps earlier buffers valid when the memory grows', () => {
    const own = createWasmKernels()!;
    const first = own.floats(10);
    first.fill(1.5);
    const big = own.floats(20_000_000); // 80 MB: grows the memory
    big[big.length - 1] = 2;
    expect([...first]).toEqual(new Array(10).fill(1.5));
    const out = own.floats(4);
    own.gemm(first.subarray(0, 2), first.subarray(2, 6), out, 1, 2, 2);
    expect([...out.subarray(0, 2)]).toEqual([4.5, 4.5]);
  });
});
