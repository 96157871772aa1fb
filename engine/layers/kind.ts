/**
 * What a layer type is to everything outside its ops: the settings it takes and how the
 * builder edits them, how it checks them, the shape it outputs, the weights it holds, how
 * it builds into ops, its Keras config in and out, the advice it gives, and its place in
 * the palette. Each type defines its kind beside its ops (`layers/<name>.ts` or
 * `layers/<name>.kind.ts`); `model/registry.ts` lists them, and the analysis, the model
 * files, the memory limits and the builder read that list, never a type name.
 */
import type { Kernels } from '../core/kernels';
import type { Rng } from '../core/rng';
import type { Message } from '../messages';
import type { SpecFix } from '../model/specError';
import type { Layer, Param, Shape, StateTensor } from './layer';

/** Every spec layer has a type and may have a name. */
export interface SpecBase {
  readonly type: string;
  /** Unique layer name; generated Keras-style (`dense_1`) when absent. */
  name?: string;
}

export interface WeightShape {
  readonly name: Param['name'] | StateTensor['name'];
  readonly shape: readonly number[];
  /** False for state no optimizer touches (moving statistics). */
  readonly trainable: boolean;
}

export interface ShapeProblem {
  readonly problem: Message;
  readonly fix?: SpecFix;
}

export function isShapeProblem(x: Shape | ShapeProblem): x is ShapeProblem {
  return !Array.isArray(x);
}

/** Floats one sample needs in a layer's buffers: `forward` for inference, `backward` added by training. */
export interface LayerFloats {
  readonly forward: number;
  readonly backward: number;
}

interface SettingBase {
  readonly key: string;
  /** Required settings cannot be emptied; an optional one left empty takes `fallback`, the Keras default. */
  readonly required: boolean;
  /** The Keras default an empty optional setting takes (the inspector's placeholder); null when it depends on another setting. */
  readonly fallback?: string | number | boolean | null;
}
/** A whole number; `pair` also accepts two ("3×5") for kernel, pool and stride sizes. */
export interface IntSetting extends SettingBase { readonly control: 'int'; readonly min: number; readonly max: number; readonly pair: boolean }
/** `open`: min and max themselves are refused (0 < momentum < 1). */
export interface NumberSetting extends SettingBase { readonly control: 'number'; readonly min: number; readonly max: number; readonly step: number; readonly open?: boolean }
/** A shape of 1 to `maxRank` whole numbers from 1 to `max`, typed "28×28×1". */
export interface ShapeSetting extends SettingBase { readonly control: 'shape'; readonly maxRank: number; readonly max: number }
export interface SelectSetting extends SettingBase { readonly control: 'select'; readonly options: readonly string[] }
export interface BoolSetting extends SettingBase { readonly control: 'bool' }
/** How the builder's inspector edits a setting, and the classroom range it allows (within what `checkSettings` accepts). */
export type SettingDescriptor = IntSetting | NumberSetting | SelectSetting | BoolSetting | ShapeSetting;

/** A block's colour in the builder. */
export type Family = 'core' | 'conv' | 'pool' | 'reshape' | 'regularize' | 'activation';
/** The palette section an item sits in, in this order. */
export const PALETTE_GROUPS = ['core', 'pooling', 'utility', 'activation'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

export interface PaletteEntry<S> {
  /** The item's name in the palette (the Keras type, or the function of an Activation: "Tanh"); its i18n key is `builder.item.<id>`. */
  readonly id: string;
  /** A fresh block with classroom defaults. */
  create(): S;
}

export interface PaletteInfo<S> {
  readonly family: Family;
  readonly group: PaletteGroup;
  readonly items: readonly PaletteEntry<S>[];
}

/** A Keras config being read: its keys, and what the reader knows of the layer's input. */
export interface KerasReader {
  get(key: string): unknown;
  /** Stops reading the file with why this layer cannot be loaded. */
  refuse(why: Message): never;
  /** `{activation}` from `key`, or {} for linear/absent (absent refused if `required`). */
  activation(key: string, required?: boolean): Record<string, unknown>;
  /** `use_bias` and both initializers, as the spec writes them (defaults left out). */
  weightOptions(): Record<string, unknown>;
  /** Per-sample rank and size of the layer's input, when known. */
  readonly inputRank?: number;
  readonly inputSize?: number;
}

export interface KerasInfo<S> {
  /** The class name TF.js and Keras write. */
  readonly className: string;
  /** Other class names read as this type (`MaxPool2D`). */
  readonly aliases?: readonly string[];
  /** Keras's snake_case name stem (`dense` → `dense_1`). */
  readonly stem: string;
  /** Every config key TF.js's `getConfig()` writes, but name, trainable, dtype and the input shape. */
  toConfig(spec: S): Record<string, unknown>;
  /** The spec's settings (not type or name); refuses what it could not reproduce exactly. Values are checked later by the analysis. */
  fromConfig(r: KerasReader): Record<string, unknown>;
}

/**
 * How the layer shapes a network's final values, for the output advice: 'through' when it
 * leaves them as they are (Flatten, Dropout), else the activation it applies.
 */
export type OutputEffect = 'through' | { readonly activation: string; readonly layerHasSetting: boolean };

/** A layer's modules in a generated PyTorch script (images channels first there). */
export interface TorchCode {
  /** Python expressions of the nn modules, in order. */
  readonly modules: readonly string[];
  /** Which of them holds the layer's weights (default 0). */
  readonly weighted?: number;
}

/** Settings every generated Keras layer may need from the training. */
export interface KerasCodeContext {
  /** Our L2 weight decay λ on kernels (the gradient λW), 0 for none. */
  readonly weightDecay: number;
}

/**
 * How the layer is written in the scripts engine/export generates: its PyTorch modules for
 * this (channels-last) input, or a Message saying why PyTorch has no exact equivalent; its
 * Keras layer expression.
 */
export interface CodeInfo<S> {
  torch(spec: S, input: Shape): TorchCode | Message;
  keras(spec: S, ctx: KerasCodeContext): string;
}

export interface LayerKind<S extends SpecBase = SpecBase> {
  readonly type: S['type'];
  /** The settings besides `type` and `name`, in the inspector's order: each with the control that edits it. */
  readonly controls: readonly SettingDescriptor[];
  /** Their names (`controls`' keys). */
  readonly settings: readonly string[];
  /** Problems with setting values (independent of the input shape). */
  checkSettings(spec: S): Message[];
  /** Output shape for this input, or a problem that names the fix. */
  outputShape(spec: S, input: Shape, index: number): Shape | ShapeProblem;
  /**
   * Every weight the layer holds, in the order the model file stores them (Keras's):
   * the trainable parameters, then any non-trainable state. The layer's parameter count
   * is their total size, as Keras's summary counts it.
   */
  weights(spec: S, input: Shape): WeightShape[];
  /** The layer's statistics are the whole batch's: training never splits a batch into chunks. */
  readonly wholeBatch?: boolean;
  /**
   * One op, or two when an `activation` option follows the layer's linear part; their
   * parameters and buffers come from `kernels` (default: the scalar TypeScript kernels).
   */
  build(spec: S, input: Shape, rng: Rng, kernels?: Kernels): Layer[];
  /** Per-sample floats of its buffers (default: one output, and one input gradient in training). */
  floats?(spec: S, input: Shape, output: Shape): LayerFloats;
  /** What it does to the network's final values (absent: the advice stops looking there). */
  outputEffect?(spec: S): OutputEffect | null;
  readonly keras: KerasInfo<S>;
  /** Its lines in generated PyTorch and Keras scripts (engine/export). */
  readonly code: CodeInfo<S>;
  readonly palette: PaletteInfo<S>;
}

/** A kind whose `settings` are its controls' keys. */
export function defineKind<S extends SpecBase>(kind: Omit<LayerKind<S>, 'settings'>): LayerKind<S> {
  return { ...kind, settings: kind.controls.map((c) => c.key) };
}
