/**
 * Checks the relaxed-SIMD (fused multiply-add) kernels against the float64 reference (products)
 * and the scalar activations (tanh, sigmoid).
 * Node 20 runs them only with a V8 flag, so engine/wasm/wasmKernels.test.ts starts this
 * in a child process:  node --experimental-wasm-relaxed-simd --import tsx engine/node/fmaCheck.ts
 * Prints one JSON line {"fma": bool, "checked": n, "failures": [...]}.
 */
import { gemmReference } from '../core/gemm';
import { Rng } from '../core/rng';
import { sigmoidForward, tanhForward } from '../layers/activations';
import { randomArray } from '../testing/random';
import { createWasmKernels } from '../wasm/wasmKernels';

const k = createWasmKernels({ fma: true });
const failures: string[] = [];
let checked = 0;
if (k?.fma) {
  const rng = new Rng(5);
  const shapes: [number, number, number][] = [[1, 1, 1], [5, 9, 7], [13, 300, 11], [33, 64, 520], [64, 25, 8], [9, 1030, 17]];
  for (let t = 0; t < 10; t++) shapes.push([1 + rng.int(70), 1 + rng.int(600), 1 + rng.int(90)]);
  for (const [M, K, N] of shapes) {
    for (const form of ['gemm', 'gemmTransA', 'gemmTransB'] as const) {
      const A = randomArray(M * K, rng), B = randomArray(K * N, rng), start = randomArray(M * N, rng);
      if (rng.next() < 0.5) for (let i = 0; i < A.length; i++) if (rng.next() < 0.8) A[i] = 0;
      for (const accumulate of [false, true]) {
        const expected = start.slice();
        gemmReference(A, B, expected, M, K, N, { transA: form === 'gemmTransA', transB: form === 'gemmTransB', accumulate });
        const C = k.floats(M * N);
        C.set(start);
        const a = k.floats(A.length), b = k.floats(B.length);
        a.set(A);
        b.set(B);
        k[form](a, b, C, M, K, N, accumulate);
        checked++;
        for (let i = 0; i < C.length; i++) {
          if (!(Math.abs(C[i]! - expected[i]!) <= 2e-6 * Math.sqrt(K + 1) * (1 + Math.abs(expected[i]!)))) {
            failures.push(`${form} ${M}×${K}×${N} accumulate=${accumulate} [${i}]: ${C[i]} vs ${expected[i]}`);
            break;
          }
        }
      }
    }
  }
  // The activations: tanh has no multiply-add to fuse (bit-identical); the sigmoid's exponential does (within 2 ulp).
  const n = 4099, x = k.floats(n), y = k.floats(n), expected = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = i < 4 ? [0, -0, Infinity, -Infinity][i]! : 40 * (rng.next() - 0.5) - (i % 9 === 0 ? 70 : 0);
  const bits = new Int32Array(2), pair = new Float32Array(bits.buffer);
  const ulps = (a: number, b: number) => {
    pair[0] = a;
    pair[1] = b;
    return Math.abs((bits[0]! < 0 ? -2147483648 - bits[0]! : bits[0]!) - (bits[1]! < 0 ? -2147483648 - bits[1]! : bits[1]!));
  };
  for (const [name, reference, allowed] of [['tanh', tanhForward, 0], ['sigmoid', sigmoidForward, 2]] as const) {
    reference(x, expected, n);
    k[name](x, y, n);
    checked++;
    for (let i = 0; i < n; i++) {
      if (!(ulps(y[i]!, expected[i]!) <= allowed)) {
        failures.push(`${name}(${x[i]}) = ${y[i]} vs ${expected[i]}`);
        break;
      }
    }
  }
}
if (k?.fma) {
  // The masked input gradient (a ReLU's backward fused into the next Dense).
  const rng = new Rng(6);
  for (const [M, K, N] of [[3, 5, 7], [17, 257, 33], [64, 256, 128]] as const) {
    const A = randomArray(M * K, rng), B = randomArray(N * K, rng), X = randomArray(M * N, rng).map((v) => Math.max(v, 0));
    const expected = new Float32Array(M * N), C = k.floats(M * N), a = k.floats(A.length), b = k.floats(B.length), x = k.floats(X.length);
    gemmReference(A, B, expected, M, K, N, { transA: false, transB: true, accumulate: false });
    a.set(A);
    b.set(B);
    x.set(X);
    k.gemmTransBMasked(a, b, C, M, K, N, x);
    checked++;
    for (let i = 0; i < C.length; i++) {
      const want = X[i]! > 0 ? expected[i]! : 0;
      if (!(Math.abs(C[i]! - want) <= 2e-6 * Math.sqrt(K + 1) * (1 + Math.abs(want)))) {
        failures.push(`gemmTransBMasked ${M}×${K}×${N} [${i}]: ${C[i]} vs ${want}`);
        break;
      }
    }
  }
}
process.stdout.write(JSON.stringify({ fma: k?.fma ?? false, checked, failures: failures.slice(0, 5) }) + '\n');
