/**
 * What the WebAssembly kernels module exports (engine/wasm/assembly/kernels.ts), as the
 * backend calls it, and the kernels a helper thread can run, by index (threadTeam.ts).
 */
export type K = (...args: number[]) => void;
export interface Exports {
  gemm: K; addPartials: K; convForward: K; convWeightGradBlocked: K; convWeightGradSparse: K; convInputGrad: K; gemmTNSparse: K; gemmNTSparse: K; gemmNTMasked: K; countNonzero: (p: number, n: number) => number;
  im2col: K; col2im: K; maxPool: K; maxPoolBackward: K;
  relu: K; reluBackward: K; tanh: K; sigmoid: K; biasRows: K; biasGrad: K;
  sgd: K; momentum: K; adam: K; bytesToFloats: K; gatherBytes: K; tsneForces: K;
  sigmoidCrossEntropy: K; squaredError: K;
  SCRATCH_BYTES: { value: number }; ROW_SPARSE_MIN_N: { value: number }; K_SPLIT_MAX: { value: number }; K_PARTS: { value: number };
  SPARSE_SCRATCH_FLOATS: { value: number };
}
/** Kernels a helper thread can run, by index. */
export const OPS = [
  'gemm', 'gemmTNSparse', 'gemmNTSparse', 'convForward', 'convWeightGradBlocked', 'convWeightGradSparse', 'convInputGrad', 'im2col', 'col2im', 'maxPool', 'maxPoolBackward', 'relu', 'reluBackward', 'biasRows', 'biasGrad',
  'sgd', 'momentum', 'adam', 'bytesToFloats', 'tsneForces', 'gemmNTMasked', 'tanh', 'sigmoid', 'sigmoidCrossEntropy', 'squaredError', 'gatherBytes',
] as const;
export const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as Record<(typeof OPS)[number], number>;
