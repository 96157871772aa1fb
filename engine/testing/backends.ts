import { jsKernels, type Kernels } from '../core/kernels';
import { createWasmKernels } from '../wasm/wasmKernels';

/**
 * The kernel backends layer tests run on: the scalar reference and, where the runtime
 * supports it, WebAssembly SIMD (each call gets a fresh backend with its own memory).
 */
export const BACKENDS: readonly { readonly name: string; readonly make: () => Kernels }[] = [
  { name: 'js', make: () => jsKernels },
  ...(createWasmKernels() ? [{ name: 'wasm', make: () => createWasmKernels()! }] : []),
];
