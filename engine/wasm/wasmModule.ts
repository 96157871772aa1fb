/**
 * Loading the WebAssembly kernels: the embedded module (engine/wasm/kernelsWasm.generated.ts)
 * decoded and compiled once per variant, where this runtime can run it.
 */
import { KERNELS_WASM_BASE64, KERNELS_WASM_FMA_BASE64, KERNELS_WASM_MAX_PAGES } from './kernelsWasm.generated';

// The WebAssembly API is typed locally: the engine's type-check has no DOM or Node types.
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}
/** Compiled modules by variant: undefined = not tried yet, null = unsupported here. */
const compiled: { simd?: object | null; fma?: object | null } = {};

function decodeBase64(s: string): Uint8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | table[clean.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function wasmApi(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return api && typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' ? api : null;
}

/** A compiled kernels module, or null where this runtime cannot run it (no SIMD, relaxed SIMD or shared memory). */
export function kernelsModule(variant: 'simd' | 'fma'): object | null {
  const have = compiled[variant];
  if (have !== undefined) return have;
  compiled[variant] = null;
  const api = wasmApi();
  if (!api) return null;
  try {
    const bytes = decodeBase64(variant === 'fma' ? KERNELS_WASM_FMA_BASE64 : KERNELS_WASM_BASE64);
    if (api.validate(bytes)) {
      const module = new api.Module(bytes);
      // Shared memory must also be constructible (it is not, e.g., in a page without cross-origin isolation).
      new api.Memory({ initial: 1, maximum: KERNELS_WASM_MAX_PAGES, shared: true });
      compiled[variant] = module;
    }
  } catch {
    compiled[variant] = null;
  }
  return compiled[variant];
}

/** Whether this runtime can run the WebAssembly SIMD kernels. */
export function wasmKernelsSupported(): boolean {
  return kernelsModule('simd') !== null;
}
