/**
 * The settings the inspector edits. Which control each setting gets, its range in the
 * classroom and its Keras default come from the layer's kind (engine/layers); here is the
 * check a value must pass before it reaches the spec. A value that fails is never
 * written: the editor reports a `SettingProblem` instead.
 */
import { type SettingDescriptor, layerKind, isLayerType, type LayerSpec } from '$engine';
export type { BoolSetting, IntSetting, NumberSetting, SelectSetting, SettingDescriptor, ShapeSetting } from '$engine';


/** A Keras setting name (`units`, `stddev`); its label and help are `builder.setting.<key>` and `.help`. */
export type SettingKey = string;

/** The editable settings of a layer: its kind's controls, in the kind's order. */
export function settingsOf(layer: LayerSpec): readonly SettingDescriptor[] {
  return isLayerType(layer.type) ? layerKind(layer.type).controls : [];
}

/** The Keras default an empty optional setting takes, for the placeholder ("default: 1"); null when there is none to show. */
export function defaultOf(layer: LayerSpec, key: SettingKey): string | number | boolean | null {
  return settingsOf(layer).find((d) => d.key === key)?.fallback ?? null;
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
