/**
 * The settings the inspector edits: which control each Keras setting gets, its range in
 * the classroom, its default, and the check a value must pass before it reaches the spec.
 * A value that fails is never written: the editor reports a `SettingProblem` instead.
 */
import { INITIALIZERS } from '../../../../engine/core/initializers';
import { ACTIVATIONS } from '../../../../engine/layers/activations';
import { layerKind } from '../../../../engine/model/registry';
import { BN_DEFAULTS } from '../../../../engine/layers/batchNormalization';
import { isLayerType, MAX_INPUT_RANK, type LayerSpec } from '../../../../engine/model/spec';

export type SettingKey =
  | 'units' | 'filters' | 'kernel_size' | 'strides' | 'padding' | 'pool_size' | 'rate'
  | 'activation' | 'alpha' | 'use_bias' | 'kernel_initializer' | 'bias_initializer'
  | 'target_shape' | 'momentum' | 'epsilon';

interface Base {
  readonly key: SettingKey;
  /** Required settings cannot be emptied; an optional one left empty takes the Keras default. */
  readonly required: boolean;
}
/** A whole number; `pair` also accepts two ("3×5") for kernel, pool and stride sizes. */
export interface IntSetting extends Base { readonly control: 'int'; readonly min: number; readonly max: number; readonly pair: boolean }
/** `open`: min and max themselves are refused (0 < momentum < 1). */
export interface NumberSetting extends Base { readonly control: 'number'; readonly min: number; readonly max: number; readonly step: number; readonly open?: boolean }
/** A shape of 1 to `maxRank` whole numbers from 1 to `max`, typed "28×28×1". */
export interface ShapeSetting extends Base { readonly control: 'shape'; readonly maxRank: number; readonly max: number }
export interface SelectSetting extends Base { readonly control: 'select'; readonly options: readonly string[] }
export interface BoolSetting extends Base { readonly control: 'bool' }
export type SettingDescriptor = IntSetting | NumberSetting | SelectSetting | BoolSetting | ShapeSetting;

const int = (key: SettingKey, min: number, max: number, required: boolean, pair = false): IntSetting =>
  ({ key, control: 'int', min, max, required, pair });

const DESCRIPTORS: Record<SettingKey, SettingDescriptor> = {
  units: int('units', 1, 4096, true),
  filters: int('filters', 1, 256, true),
  kernel_size: int('kernel_size', 1, 28, true, true),
  strides: int('strides', 1, 28, false, true),
  pool_size: int('pool_size', 1, 28, false, true),
  padding: { key: 'padding', control: 'select', options: ['valid', 'same'], required: false },
  rate: { key: 'rate', control: 'number', min: 0, max: 0.9, step: 0.05, required: true },
  alpha: { key: 'alpha', control: 'number', min: 0, max: 1, step: 0.05, required: false },
  activation: { key: 'activation', control: 'select', options: ACTIVATIONS, required: false },
  use_bias: { key: 'use_bias', control: 'bool', required: false },
  kernel_initializer: { key: 'kernel_initializer', control: 'select', options: INITIALIZERS, required: false },
  bias_initializer: { key: 'bias_initializer', control: 'select', options: INITIALIZERS, required: false },
  // As large as the engine takes: a whole feature map laid out as one vector ([10816]) is a fair target.
  target_shape: { key: 'target_shape', control: 'shape', maxRank: MAX_INPUT_RANK, max: 1_000_000, required: true },
  momentum: { key: 'momentum', control: 'number', min: 0, max: 1, step: 0.01, open: true, required: false },
  epsilon: { key: 'epsilon', control: 'number', min: 0, max: 1, step: 0.001, open: true, required: false },
};

export function isSettingKey(k: string): k is SettingKey {
  return Object.hasOwn(DESCRIPTORS, k);
}

/** The editable settings of a layer, in the registry's order. */
export function settingsOf(layer: LayerSpec): SettingDescriptor[] {
  if (!isLayerType(layer.type)) return [];
  return layerKind(layer.type).settings.filter(isSettingKey).map((k) => {
    const d = DESCRIPTORS[k];
    // An Activation layer is nothing without its function.
    return k === 'activation' && layer.type === 'Activation' ? { ...d, required: true } : d;
  });
}

/** The Keras default an empty optional setting takes, for the placeholder ("default: 1"). */
export function defaultOf(layer: LayerSpec, key: SettingKey): string | number | boolean | null {
  switch (key) {
    case 'strides': return layer.type === 'Conv2D' ? 1 : null; // pooling: the pool size
    case 'pool_size': return 2;
    case 'padding': return 'valid';
    case 'alpha': return 0.3;
    case 'activation': return 'linear';
    case 'use_bias': return true;
    case 'kernel_initializer': return 'glorot_uniform';
    case 'bias_initializer': return 'zeros';
    case 'momentum': return BN_DEFAULTS.momentum;
    case 'epsilon': return BN_DEFAULTS.epsilon;
    default: return null;
  }
}

export type SettingProblem =
  | { readonly code: 'required' }
  | { readonly code: 'int' | 'number' | 'numberOpen' | 'pair'; readonly min: number; readonly max: number }
  /** Not 1 to `maxRank` whole numbers from 1 to `max` (also: a text that does not read as a shape). */
  | { readonly code: 'shape'; readonly maxRank: number; readonly max: number }
  | { readonly code: 'option'; readonly options: readonly string[] };

/** Why `value` cannot be stored under `d` (undefined = "use the default"), or null when it can. */
export function checkSetting(d: SettingDescriptor, value: unknown): SettingProblem | null {
  if (value === undefined) return d.required ? { code: 'required' } : null;
  switch (d.control) {
    case 'int': {
      const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= d.min && (n as number) <= d.max;
      if (ok(value)) return null;
      if (d.pair && Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return null;
      return { code: d.pair ? 'pair' : 'int', min: d.min, max: d.max };
    }
    case 'number': {
      const inside = typeof value === 'number' && Number.isFinite(value) &&
        (d.open ? value > d.min && value < d.max : value >= d.min && value <= d.max);
      return inside ? null : { code: d.open ? 'numberOpen' : 'number', min: d.min, max: d.max };
    }
    case 'shape': {
      const ok = Array.isArray(value) && value.length >= 1 && value.length <= d.maxRank &&
        value.every((n) => Number.isInteger(n) && n >= 1 && n <= d.max);
      return ok ? null : { code: 'shape', maxRank: d.maxRank, max: d.max };
    }
    case 'select':
      return typeof value === 'string' && d.options.includes(value) ? null : { code: 'option', options: d.options };
    case 'bool':
      return typeof value === 'boolean' ? null : { code: 'option', options: ['true', 'false'] };
  }
}
