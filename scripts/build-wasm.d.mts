/** Types for scripts/build-wasm.mjs (used by engine/wasm/wasmBuild.test.ts). */
export const SOURCE: string;
export const GENERATED: string;
export const MAX_PAGES: number;
export const ASC_ARGS: string[];
export function sourceHash(): string;
export const VARIANTS: { simd: string[]; fma: string[] };
export function compileKernels(): Promise<{ simd: Uint8Array; fma: Uint8Array }>;
export function generatedModule(bytes: { simd: Uint8Array; fma: Uint8Array }, hash: string): string;
