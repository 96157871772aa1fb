/**
 * The list of layer kinds. Each layer type defines everything about itself in its own
 * file (`engine/layers/<name>.ts` or `<name>.kind.ts`: settings and their controls, checks,
 * output shape, weights, build, Keras config, advice, palette); this list is the one place
 * that names them all. The spec's `LayerSpec` union, the analysis, the model files, the
 * memory limits and the builder's palette and inspector all derive from it.
 */
import { activationKind, leakyReluKind, reluKind, softmaxKind } from '../layers/activation.kind';
import { batchNormalizationKind } from '../layers/batchNormalization.kind';
import { conv2dKind } from '../layers/conv2d.kind';
import { denseKind } from '../layers/dense.kind';
import { dropoutKind } from '../layers/dropout.kind';
import { flattenKind } from '../layers/flatten.kind';
import { gaussianNoiseKind } from '../layers/gaussianNoise';
import { sizeOf, type Layer, type Param } from '../layers/layer';
import type { LayerKind, PaletteEntry, SpecBase, WeightShape } from '../layers/kind';
import { averagePooling2dKind, maxPooling2dKind } from '../layers/pooling.kind';
import { reshapeKind } from '../layers/reshape.kind';

/** Every layer type, in palette order. */
export const KINDS = [
  denseKind, conv2dKind, maxPooling2dKind, averagePooling2dKind,
  flattenKind, reshapeKind, dropoutKind, batchNormalizationKind, gaussianNoiseKind,
  reluKind, leakyReluKind, activationKind, softmaxKind,
] as const;

type SpecOf<K> = K extends LayerKind<infer S> ? S : never;
/** One layer of a network spec: the union of every kind's spec. */
export type LayerSpec = SpecOf<(typeof KINDS)[number]>;
export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = KINDS.map((k) => k.type);

export function isLayerType(t: unknown): t is LayerType {
  return typeof t === 'string' && (LAYER_TYPES as readonly string[]).includes(t);
}

const BY_TYPE = new Map<string, LayerKind<LayerSpec>>(KINDS.map((k) => [k.type, k as unknown as LayerKind<LayerSpec>]));

export function layerKind(type: LayerType): LayerKind<LayerSpec> {
  return BY_TYPE.get(type)!;
}

/** The kind a Keras class name reads as (its own name or an alias such as `MaxPool2D`), or null. */
export function kindOfKerasClass(className: string): LayerKind<LayerSpec> | null {
  for (const k of BY_TYPE.values()) {
    if (k.keras.className === className || k.keras.aliases?.includes(className)) return k;
  }
  return null;
}

/** Every palette item, in order, with the kind it creates. */
export const PALETTE_ENTRIES: readonly (PaletteEntry<LayerSpec> & { readonly kind: LayerKind<LayerSpec> })[] =
  [...BY_TYPE.values()].flatMap((kind) => kind.palette.items.map((item) => ({ ...item, kind })));

/** How many numbers the weights hold: all of them, and the trainable ones. */
export function weightCounts(weights: readonly WeightShape[]): { total: number; trainable: number } {
  let total = 0, trainable = 0;
  for (const w of weights) {
    const n = sizeOf(w.shape);
    total += n;
    if (w.trainable) trainable += n;
  }
  return { total, trainable };
}

/** Every parameter of a built op list, in order (kernel before bias, layer by layer). */
export function paramsOf(ops: readonly Layer[]): Param[] {
  return ops.flatMap((op) => op.params);
}

export { isShapeProblem, type LayerKind, type ShapeProblem, type SpecBase, type WeightShape } from '../layers/kind';
