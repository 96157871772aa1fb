/**
 * Picks the kernels a network runs on. 'auto' (the default everywhere) is the WebAssembly
 * SIMD backend where the runtime supports it (Node, Electron, browsers with
 * SharedArrayBuffer) and the scalar TypeScript kernels elsewhere.
 */
import { createWasmKernels } from '../wasm/wasmKernels';
import { jsKernels, type Kernels } from './kernels';

export type KernelChoice = 'auto' | 'js' | 'wasm';

/** A backend for one network: each WebAssembly backend has its own memory. */
export function createKernels(choice: KernelChoice | Kernels = 'auto'): Kernels {
  if (typeof choice === 'object') return choice;
  if (choice === 'js') return jsKernels;
  const wasm = createWasmKernels();
  if (wasm) return wasm;
  if (choice === 'wasm') throw new Error('WebAssembly SIMD kernels are not supported by this runtime.');
  return jsKernels;
}
