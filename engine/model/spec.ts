import { MAX_INPUT_DIM, MAX_INPUT_RANK } from '../layers/shapes';
import type { LayerSpec } from './registry';

/**
 * The network spec: plain JSON, layer types and setting names as in Keras, so that what
 * a student builds reads like the Keras they will meet next. The editor, the saved model
 * (under `userDefinedMetadata`) and the engine's registry all use it.
 *
 *   { "input_shape": [28, 28, 1],
 *     "layers": [ { "type": "Flatten" },
 *                 { "type": "Dense", "units": 128, "activation": "relu" },
 *                 { "type": "Dense", "units": 10, "activation": "softmax" } ] }
 *
 * Every setting but the essential one of each layer is optional and takes the Keras default.
 */
export interface NetworkSpec {
  /**
   * Per-sample input shape: `[features]` for a vector (points in the plane: `[2]`), or
   * `[height, width, channels]` for images; ranks 1 to 3 (see `isInputShape`).
   */
  input_shape: readonly number[];
  layers: readonly LayerSpec[];
}

/** Every layer type's spec lives beside its kind (engine/layers); the union derives from the registry's list. */
export type { LayerSpec, LayerType } from './registry';
export { LAYER_TYPES, isLayerType } from './registry';
export type { DenseSpec } from '../layers/dense.kind';
export type { Conv2DSpec } from '../layers/conv2d.kind';
export type { Pooling2DSpec } from '../layers/pooling.kind';
export type { FlattenSpec } from '../layers/flatten.kind';
export type { DropoutSpec } from '../layers/dropout.kind';
export type { ActivationSpec, LeakyReLUSpec, ReLUSpec, SoftmaxSpec } from '../layers/activation.kind';
export type { ReshapeSpec } from '../layers/reshape.kind';
export type { BatchNormalizationSpec } from '../layers/batchNormalization.kind';
export { pair, type IntPair } from '../layers/shapes';

export { MAX_INPUT_DIM, MAX_INPUT_RANK } from '../layers/shapes';

/** A per-sample input shape the engine can build a network for: 1 to 3 whole numbers from 1 to 4,096. */
export function isInputShape(v: unknown): v is readonly number[] {
  return Array.isArray(v) && v.length >= 1 && v.length <= MAX_INPUT_RANK &&
    Array.from(v).every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= MAX_INPUT_DIM);
}
