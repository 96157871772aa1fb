import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileKernels, GENERATED, generatedModule, sourceHash } from '../../scripts/build-wasm.mjs';
import { KERNELS_WASM_SOURCE_SHA256 } from './kernelsWasm.generated';

/**
 * The WebAssembly kernels ship as a generated module (base64 of the .wasm). It must match
 * its AssemblyScript sources: after editing any file of engine/wasm/assembly/, run
 * `npm run build:wasm`.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('generated WebAssembly module', () => {
  it('was built from the current AssemblyScript source', () => {
    expect(KERNELS_WASM_SOURCE_SHA256, 'engine/wasm/kernelsWasm.generated.ts is stale: run npm run build:wasm').toBe(sourceHash());
  });

  it('is exactly what the compiler produces from it today', async () => {
    const bytes = await compileKernels();
    expect(readFileSync(ROOT + GENERATED, 'utf8') === generatedModule(bytes, sourceHash()), 'stale: run npm run build:wasm').toBe(true);
  }, 120_000);
});
