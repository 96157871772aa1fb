/**
 * Layerwise's WebAssembly SIMD kernels (AssemblyScript). Compiled by `npm run build:wasm`
 * (scripts/build-wasm.mjs) into engine/wasm/kernelsWasm.generated.ts; the scalar TypeScript
 * kernels (engine/core/gemm.ts, engine/core/jsKernels.ts) are the reference they are tested against.
 *
 * Rules that make the module safe to run from several threads on one shared memory and
 * keep results independent of the number of threads:
 *  - no static data and no allocation: every buffer is a pointer (byte address) given by
 *    the caller, so instantiating the module in another thread never writes memory;
 *  - every kernel takes (part, parts) and computes only its share of the output; shares
 *    never overlap and every output element is computed by the same sequence of f32
 *    operations whatever the split, so 1 thread and N threads give bit-identical results.
 *
 * Matrices are row-major f32. Pointers are byte addresses.
 */

export { K_PARTS, K_SPLIT_MAX, ROW_SPARSE_MIN_N, SCRATCH_BYTES, addPartials, gemm } from './gemm';
export { SPARSE_SCRATCH_FLOATS, countNonzero, gemmNTSparse, gemmTNSparse } from './gemmSparse';
export { gemmNTMasked } from './gemmMasked';
export { col2im, im2col } from './conv';
export { convForward, convInputGrad } from './convDirect';
export { convWeightGradBlocked, convWeightGradSparse } from './convWeightGrad';
export { maxPool, maxPoolBackward } from './pool';
export { biasGrad, biasRows, bytesToFloats, gatherBytes, relu, reluBackward } from './elementwise';
export { adam, momentum, sgd } from './optimizers';
export { tsneForces } from './tsne';
export { sigmoidCrossEntropy } from './sigmoidCrossEntropy';
export { sigmoid, tanh } from './activations';
export { squaredError } from './squaredError';
