import type { ActivationName } from '../layers/activations';
import type { InitializerName } from '../core/initializers';
import type { Padding } from '../layers/padding';

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

export type IntPair = number | readonly [number, number];

interface Named {
  /** Unique layer name; generated Keras-style (`dense_1`) when absent. */
  name?: string;
}

export interface DenseSpec extends Named {
  type: 'Dense';
  units: number;
  activation?: ActivationName;
  use_bias?: boolean;
  kernel_initializer?: InitializerName;
  bias_initializer?: InitializerName;
}

export interface Conv2DSpec extends Named {
  type: 'Conv2D';
  filters: number;
  kernel_size: IntPair;
  strides?: IntPair;
  padding?: Padding;
  activation?: ActivationName;
  use_bias?: boolean;
  kernel_initializer?: InitializerName;
  bias_initializer?: InitializerName;
}

export interface Pooling2DSpec extends Named {
  type: 'MaxPooling2D' | 'AveragePooling2D';
  /** Default 2. */
  pool_size?: IntPair;
  /** Default: the pool size. */
  strides?: IntPair | null;
  padding?: Padding;
}

export interface FlattenSpec extends Named {
  type: 'Flatten';
}

export interface DropoutSpec extends Named {
  type: 'Dropout';
  rate: number;
}

export interface ActivationSpec extends Named {
  type: 'Activation';
  activation: ActivationName;
}

export interface ReLUSpec extends Named {
  type: 'ReLU';
}

export interface LeakyReLUSpec extends Named {
  type: 'LeakyReLU';
  /** Slope for negative inputs; Keras default 0.3. */
  alpha?: number;
}

export interface SoftmaxSpec extends Named {
  type: 'Softmax';
}

export interface ReshapeSpec extends Named {
  type: 'Reshape';
  /** Per-sample output shape, 1 to 3 whole numbers whose product is the input's size (e.g. 784 → [28, 28, 1]). */
  target_shape: readonly number[];
}

export interface BatchNormalizationSpec extends Named {
  type: 'BatchNormalization';
  /** Weight of the old moving statistics in each update, 0 < m < 1; Keras default 0.99. */
  momentum?: number;
  /** Added to the variance before the square root, > 0; Keras default 0.001. */
  epsilon?: number;
}

export type LayerSpec =
  | DenseSpec
  | Conv2DSpec
  | Pooling2DSpec
  | FlattenSpec
  | DropoutSpec
  | ActivationSpec
  | ReLUSpec
  | LeakyReLUSpec
  | SoftmaxSpec
  | ReshapeSpec
  | BatchNormalizationSpec;

export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = [
  'Dense', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'Flatten', 'Dropout',
  'Activation', 'ReLU', 'LeakyReLU', 'Softmax', 'Reshape', 'BatchNormalization',
];

export function isLayerType(t: unknown): t is LayerType {
  return typeof t === 'string' && (LAYER_TYPES as readonly string[]).includes(t);
}

export function pair(v: IntPair): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Most values along one input axis, and the ranks an input may have. */
export const MAX_INPUT_DIM = 4096;
export const MAX_INPUT_RANK = 3;

/** A per-sample input shape the engine can build a network for: 1 to 3 whole numbers from 1 to 4,096. */
export function isInputShape(v: unknown): v is readonly number[] {
  return Array.isArray(v) && v.length >= 1 && v.length <= MAX_INPUT_RANK &&
    Array.from(v).every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= MAX_INPUT_DIM);
}
