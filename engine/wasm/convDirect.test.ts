import { afterAll, describe, expect, it } from 'vitest';
import { jsKernels } from '../core/kernels';
import { Rng } from '../core/rng';
import type { ConvGeometry } from '../layers/im2col';
import { windowAxis, type Padding } from '../layers/padding';
import { nodeKernelThreads } from '../node/threads';
import { randomArray } from '../testing/random';
import { createWasmKernels, type WasmKernels } from './wasmKernels';

/**
 * The direct convolution kernels (assembly/convDirect.ts) and the sparse backward
 * products (assembly/gemmSparse.ts) against the reference: im2col + the scalar products.
 */
const supported = createWasmKernels() !== null;

interface Case { input: [number, number, number]; k: [number, number]; s: [number, number]; filters: number; batch: number; dyDensity?: number; xMargin?: number }
const CASES: Case[] = [
  { input: [28, 28, 1], k: [5, 5], s: [1, 1], filters: 8, batch: 5 },   // the benchmark cnn's first layer
  { input: [12, 12, 8], k: [5, 5], s: [1, 1], filters: 16, batch: 6 },  // and its second
  { input: [11, 9, 3], k: [3, 2], s: [2, 1], filters: 5, batch: 7 },    // strides; output width not a multiple of 4; filters not of 8
  { input: [9, 10, 2], k: [1, 1], s: [3, 3], filters: 19, batch: 9 },
  { input: [40, 40, 1], k: [7, 7], s: [1, 1], filters: 3, batch: 3 },
  { input: [13, 11, 2], k: [3, 3], s: [1, 2], filters: 16, batch: 9 },  // blocked weight gradient, 18 taps (not a multiple of 4)
  { input: [28, 28, 1], k: [5, 5], s: [1, 1], filters: 8, batch: 1 },   // blocked, one sample
  // Blocked, 3 panels, odd output width, a denser dy (most positions listed).
  { input: [17, 15, 3], k: [2, 3], s: [2, 1], filters: 24, batch: 3, dyDensity: 0.55 },
  // Blocked, MNIST-like: a zero border, so many windows are all zero (not listed).
  { input: [28, 28, 1], k: [5, 5], s: [1, 1], filters: 8, batch: 3, xMargin: 6 },
  { input: [15, 14, 2], k: [3, 4], s: [2, 3], filters: 16, batch: 4, xMargin: 4 },
  { input: [6, 70, 1], k: [3, 3], s: [1, 1], filters: 8, batch: 5, xMargin: 20 },  // wider than 64: no window masks
  { input: [10, 9, 4], k: [3, 3], s: [1, 1], filters: 8, batch: 6, xMargin: 2 },   // masks from 4 channels at a time
  // Kernel rows of 30 and 56 floats: dx's 24-, 16-, 8-, 4-float blocks and the last floats.
  { input: [10, 12, 6], k: [3, 5], s: [1, 1], filters: 5, batch: 4, dyDensity: 0.5 },
  { input: [9, 9, 8], k: [2, 7], s: [1, 1], filters: 12, batch: 3 },
];

function geometry({ input: [inH, inW, channels], k: [kh, kw], s: [sh, sw] }: Case, padding: Padding = 'valid'): ConvGeometry {
  const rows = windowAxis(inH, kh, sh, padding), cols = windowAxis(inW, kw, sw, padding);
  return { inH, inW, channels, kh, kw, strideH: sh, strideW: sw, padTop: rows.padBefore, padLeft: cols.padBefore, outH: rows.out, outW: cols.out };
}

function close(actual: Float32Array, expected: Float32Array, terms: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 3e-6 * Math.sqrt(terms + 1) * (1 + Math.abs(expected[i]!));
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) expect.fail(`${what}: element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** x for a case: mostly zero, and with `xMargin` zero pixels all around (MNIST's background). */
function input(c: Case, rng: Rng): Float32Array {
  const [inH, inW, channels] = c.input, m = c.xMargin ?? 0;
  const x = sparse(c.batch * inH * inW * channels, rng, m > 0 ? 0.6 : 0.3);
  for (let i = 0; i < x.length; i++) {
    const iy = Math.floor(i / (inW * channels)) % inH, ix = Math.floor(i / channels) % inW;
    if (iy < m || ix < m || iy >= inH - m || ix >= inW - m) x[i] = 0;
  }
  return x;
}

/** Mostly-zero x and dy, like MNIST images and gradients after ReLU and max pooling. */
function sparse(n: number, rng: Rng, density: number): Float32Array {
  return randomArray(n, rng).map((v) => (rng.next() < density ? v : 0));
}

/** The reference: im2col + gemm, gemmTransA, gemmTransB + col2im. */
function reference(c: Case, g: ConvGeometry, x: Float32Array, W: Float32Array, bias: Float32Array, dy: Float32Array, dW0: Float32Array) {
  const patch = g.kh * g.kw * g.channels, rows = c.batch * g.outH * g.outW;
  const cols = new Float32Array(rows * patch);
  jsKernels.im2col(x, c.batch, g, cols);
  const y = new Float32Array(rows * c.filters);
  jsKernels.gemm(cols, W, y, rows, patch, c.filters, false, bias);
  const dW = dW0.slice();
  jsKernels.gemmTransA(cols, dy, dW, patch, rows, c.filters, true);
  const dCols = new Float32Array(rows * patch), dx = new Float32Array(x.length);
  jsKernels.gemmTransB(dy, W, dCols, rows, c.filters, patch);
  jsKernels.col2im(dCols, c.batch, g, dx);
  return { y, dW, dx, patch };
}

describe.runIf(supported)('direct convolution kernels', () => {
  const pools: { stop(): void }[] = [];
  afterAll(() => pools.forEach((p) => p.stop()));

  for (const c of CASES) {
    const label = `${c.input.join('×')} * ${c.k.join('×')}, strides ${c.s.join(',')}, ${c.filters} filters`;

    it(`forward and sparse backward match im2col + products: ${label}`, () => {
      const g = geometry(c), rng = new Rng(c.filters * 31 + c.k[0]);
      const k = createWasmKernels({ fma: false })!;
      const patch = g.kh * g.kw * g.channels, outLen = c.batch * g.outH * g.outW * c.filters;
      const x = input(c, rng), W = randomArray(patch * c.filters, rng);
      const bias = randomArray(c.filters, rng), dy = sparse(outLen, rng, c.dyDensity ?? 0.2), dW0 = randomArray(patch * c.filters, rng);
      const ref = reference(c, g, x, W, bias, dy, dW0);
      const db0 = randomArray(c.filters, rng), dbRef = db0.slice();
      jsKernels.biasGrad(dy, dbRef, outLen / c.filters, c.filters);
      for (const inMemory of [true, false]) {
        const place = (a: Float32Array) => (inMemory ? copyInto(k.floats(a.length), a) : a.slice());
        const y = place(new Float32Array(outLen).fill(7));
        expect(k.convForward(place(x), c.batch, g, place(W), place(bias), c.filters, y)).toBe(true);
        close(y, ref.y, patch, `forward (in memory: ${inMemory})`);
        const dW = place(dW0), dx = place(new Float32Array(x.length).fill(5)), db = place(db0);
        if (outLen * patch >= 1 << 16) {
          expect(k.convBackwardSparse(place(x), place(dy), c.batch, g, place(W), c.filters, dW, dx, db)).toBe(true);
          close(dW, ref.dW, outLen, `dKernel (in memory: ${inMemory})`);
          close(dx, ref.dx, patch * c.filters, `dx (in memory: ${inMemory})`);
          // The bias gradient: biasGrad's sums, bit for bit.
          expect(Buffer.from(db.buffer, db.byteOffset, db.byteLength).equals(Buffer.from(dbRef.buffer)), 'dBias').toBe(true);
        }
      }
    });

    it(`gives the same bits on 1 and 3 threads: ${label}`, async () => {
      const g = geometry(c), rng = new Rng(5);
      const patch = g.kh * g.kw * g.channels, outLen = c.batch * g.outH * g.outW * c.filters;
      const x = input(c, rng), W = randomArray(patch * c.filters, rng);
      const bias = randomArray(c.filters, rng), dy = sparse(outLen, rng, c.dyDensity ?? 0.2);
      const results: Float32Array[][] = [];
      for (const count of [1, 3]) {
        const k = createWasmKernels()!;
        k.splitAlways = true;
        if (count > 1) await attach(k, count, pools);
        const y = k.floats(outLen), dW = k.floats(patch * c.filters), dx = k.floats(x.length), db = k.floats(c.filters);
        k.convForward(copyInto(k.floats(x.length), x), c.batch, g, copyInto(k.floats(W.length), W), copyInto(k.floats(c.filters), bias), c.filters, y);
        k.convBackwardSparse(copyInto(k.floats(x.length), x), copyInto(k.floats(outLen), dy), c.batch, g, copyInto(k.floats(W.length), W), c.filters, dW, dx, db);
        results.push([y.slice(), dW.slice(), dx.slice(), db.slice()]);
        k.useThreads(null);
      }
      for (let i = 0; i < 4; i++) expect(Buffer.from(results[1]![i]!.buffer).equals(Buffer.from(results[0]![i]!.buffer))).toBe(true);
    });
  }

  // On 5 threads a product is cut into 5–20 chunks: up to 16 they are claimed by bits, each
  // thread its own first, over 16 from a counter (threadTeam.ts); 256×784×32 (narrow, over
  // 2²² multiply-adds: 4 chunks a thread) takes the counter.
  it('products on sparse and dense rows, and split by K, give the same bits on 1, 3 and 5 threads', async () => {
    const rng = new Rng(11);
    const shapes: [number, number, number][] = [
      [128, 784, 512], [37, 300, 64], [64, 129, 100], [9, 40, 520], [64, 128, 72], [20, 784, 250], [64, 784, 128], [3, 1000, 70],
      [256, 784, 32],
    ];
    const results: Float32Array[][] = [];
    for (const count of [1, 3, 5]) {
      const k = createWasmKernels()!;
      k.splitAlways = true;
      if (count > 1) await attach(k, count, pools);
      const out: Float32Array[] = [];
      for (const [M, K, N] of shapes) {
        // -1: sparse rows and dense rows in turn (blocks of 4 rows take different forms in one product).
        for (const density of [0.15, 0.6, 1, -1]) {
          const r = new Rng(M + K + N + density * 100);
          const values = density >= 0 ? sparse(M * K, r, density)
            : Float32Array.from(sparse(M * K, r, 0.15), (v, i) => (Math.floor(i / K / 4) % 2 === 1 ? r.next() + 0.1 : v));
          const A = copyInto(k.floats(M * K), values), B = copyInto(k.floats(K * N), randomArray(K * N, r));
          const bias = copyInto(k.floats(N), randomArray(N, r));
          const C = k.floats(M * N), Ct = k.floats(K * N);
          k.gemm(A, B, C, M, K, N, false, bias);
          k.gemmTransA(A, B.subarray(0, M * N), Ct, K, M, N, false);
          out.push(C.slice(), Ct.slice());
          if (count === 1) {
            // The row-by-row forms (A·B and Aᵀ·B, B read in place or packed, the last
            // columns when N is not a multiple of 16) against the scalar reference.
            const refC = new Float32Array(M * N), refCt = new Float32Array(K * N);
            jsKernels.gemm(A.slice(), B.slice(), refC, M, K, N, false, bias.slice());
            jsKernels.gemmTransA(A.slice(), B.slice(0, M * N), refCt, K, M, N, false);
            close(C, refC, K, `A·B ${M}×${K}×${N} at ${density}`);
            close(Ct, refCt, M, `Aᵀ·B ${K}×${M}×${N} at ${density}`);
          }
        }
      }
      results.push(out);
      k.useThreads(null);
    }
    for (const other of results.slice(1)) {
      results[0]!.forEach((a, i) => expect(Buffer.from(other[i]!.buffer).equals(Buffer.from(a.buffer)), `product ${i}`).toBe(true));
    }
  });

  it('declines padded convolutions and a dense dy, leaving the work to im2col + products', () => {
    const k = createWasmKernels()!;
    const c = CASES[1]!, same = geometry(c, 'same'), valid = geometry(c), rng = new Rng(1);
    const patch = 5 * 5 * 8, x = randomArray(c.batch * 12 * 12 * 8, rng), W = randomArray(patch * 16, rng);
    const y = k.floats(c.batch * 12 * 12 * 16).fill(3);
    expect(k.convForward(x, c.batch, same, W, null, 16, y)).toBe(false);
    expect(y.every((v) => v === 3)).toBe(true);
    const dW = new Float32Array(patch * 16);
    const denseDy = randomArray(c.batch * 8 * 8 * 16, rng);
    expect(k.convBackwardSparse(x, denseDy, c.batch, valid, W, 16, dW, null)).toBe(false);
    expect(dW.every((v) => v === 0)).toBe(true);
    expect(k.convBackwardSparse(x, y, c.batch, same, W, 16, dW, null)).toBe(false);
  });

  it('takes a dense dy for the blocked weight gradient of a first layer (no dx), with the reference\'s results', () => {
    const k = createWasmKernels({ fma: false })!;
    const c = CASES[0]!, g = geometry(c), rng = new Rng(4);
    const patch = 25, outLen = c.batch * g.outH * g.outW * 8;
    const x = input(c, rng), W = randomArray(patch * 8, rng), dy = randomArray(outLen, rng), dW0 = randomArray(patch * 8, rng);
    const ref = reference(c, g, x, W, new Float32Array(8), dy, dW0);
    const dW = dW0.slice();
    expect(k.convBackwardSparse(x, dy, c.batch, g, W, 8, dW, null)).toBe(true);
    close(dW, ref.dW, outLen, 'dKernel from a dense dy');
    // With dx asked for, a dense dy is still left to the products.
    expect(k.convBackwardSparse(x, dy, c.batch, g, W, 8, dW0.slice(), new Float32Array(x.length))).toBe(false);
  });

  it('runs the sparse products on a mostly-zero operand only, with the same results as the dense ones', () => {
    const k = createWasmKernels({ fma: false })!, rng = new Rng(9);
    const M = 200, K = 4096, N = 16;
    const A = randomArray(K * M, rng), B = sparse(K * N, rng, 0.2), dense = randomArray(K * N, rng);
    const C = new Float32Array(M * N), expected = new Float32Array(M * N);
    const before = k.sparseProducts;
    k.gemmTransA(A, dense, C, M, K, N);
    expect(k.sparseProducts).toBe(before);
    k.gemmTransA(A, B, C, M, K, N);
    expect(k.sparseProducts).toBe(before + 1);
    jsKernels.gemmTransA(A, B, expected, M, K, N);
    close(C, expected, K, 'sparse Aᵀ·B');
    const dyRows = sparse(K * N, rng, 0.2), Wt = randomArray(M * N, rng);
    const D = new Float32Array(K * M), expectedD = new Float32Array(K * M);
    k.gemmTransB(dyRows, Wt, D, K, N, M);
    expect(k.sparseProducts).toBe(before + 2);
    jsKernels.gemmTransB(dyRows, Wt, expectedD, K, N, M);
    close(D, expectedD, N, 'sparse A·Bᵀ');
  });
});

function copyInto(dst: Float32Array, src: Float32Array): Float32Array {
  dst.set(src);
  return dst;
}

async function attach(k: WasmKernels, count: number, pools: { stop(): void }[]): Promise<void> {
  const threads = nodeKernelThreads(count);
  k.useThreads(threads);
  pools.push({ stop: () => k.useThreads(null) });
  for (let i = 0; i < 500 && !k.threadsReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(k.threadsReady).toBe(true);
}
