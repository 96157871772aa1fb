/**
 * What the builder knows about each kind of block: the palette items (Keras names, so
 * they read the same in every language), the family that gives a block its colour, the
 * name a block shows, and shape formatting. Pure: no DOM, no i18n.
 */
import type { Shape } from '../../../../engine/layers/layer';
import { isLayerType, type LayerSpec, type LayerType } from '../../../../engine/model/spec';

export type Family = 'core' | 'conv' | 'pool' | 'reshape' | 'regularize' | 'activation' | 'other';

export const PALETTE_IDS = [
  'Dense', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'Flatten', 'Reshape', 'Dropout', 'BatchNormalization',
  'ReLU', 'LeakyReLU', 'Tanh', 'Sigmoid', 'Softmax',
] as const;
export type PaletteId = (typeof PALETTE_IDS)[number];

export interface PaletteItem {
  /** Also the item's accessible name and visible label, in every language. */
  readonly id: PaletteId;
  readonly family: Family;
  /** A fresh layer with sensible classroom defaults. */
  create(): LayerSpec;
}

export const PALETTE: readonly PaletteItem[] = [
  { id: 'Dense', family: 'core', create: () => ({ type: 'Dense', units: 64, activation: 'relu' }) },
  { id: 'Conv2D', family: 'conv', create: () => ({ type: 'Conv2D', filters: 8, kernel_size: 3, activation: 'relu' }) },
  { id: 'MaxPooling2D', family: 'pool', create: () => ({ type: 'MaxPooling2D', pool_size: 2 }) },
  { id: 'AveragePooling2D', family: 'pool', create: () => ({ type: 'AveragePooling2D', pool_size: 2 }) },
  { id: 'Flatten', family: 'reshape', create: () => ({ type: 'Flatten' }) },
  // 784 numbers back into a digit's image: what an autoencoder's decoder ends with.
  { id: 'Reshape', family: 'reshape', create: () => ({ type: 'Reshape', target_shape: [28, 28, 1] }) },
  { id: 'Dropout', family: 'regularize', create: () => ({ type: 'Dropout', rate: 0.25 }) },
  { id: 'BatchNormalization', family: 'regularize', create: () => ({ type: 'BatchNormalization' }) },
  { id: 'ReLU', family: 'activation', create: () => ({ type: 'ReLU' }) },
  { id: 'LeakyReLU', family: 'activation', create: () => ({ type: 'LeakyReLU', alpha: 0.3 }) },
  { id: 'Tanh', family: 'activation', create: () => ({ type: 'Activation', activation: 'tanh' }) },
  { id: 'Sigmoid', family: 'activation', create: () => ({ type: 'Activation', activation: 'sigmoid' }) },
  { id: 'Softmax', family: 'activation', create: () => ({ type: 'Softmax' }) },
];

/** Palette sections, in display order; the label key is `builder.group.<group>`. */
export const PALETTE_GROUPS: readonly { group: string; items: readonly PaletteId[] }[] = [
  { group: 'core', items: ['Dense', 'Conv2D'] },
  { group: 'pooling', items: ['MaxPooling2D', 'AveragePooling2D'] },
  { group: 'utility', items: ['Flatten', 'Reshape', 'Dropout', 'BatchNormalization'] },
  { group: 'activation', items: ['ReLU', 'LeakyReLU', 'Tanh', 'Sigmoid', 'Softmax'] },
];

export function isPaletteId(v: unknown): v is PaletteId {
  return typeof v === 'string' && (PALETTE_IDS as readonly string[]).includes(v);
}

export function paletteItem(id: PaletteId): PaletteItem {
  return PALETTE.find((p) => p.id === id)!;
}

/** Every registered type's colour (a Record over all of them: a new type cannot be forgotten). */
const FAMILY: Record<LayerType, Family> = {
  Dense: 'core', Conv2D: 'conv', MaxPooling2D: 'pool', AveragePooling2D: 'pool', Flatten: 'reshape',
  Dropout: 'regularize', Activation: 'activation', ReLU: 'activation', LeakyReLU: 'activation', Softmax: 'activation',
  Reshape: 'reshape', BatchNormalization: 'regularize',
};

export function familyOf(layer: LayerSpec): Family {
  return isLayerType(layer.type) ? FAMILY[layer.type] : 'other';
}

const ACTIVATION_LABEL: Record<string, string> = {
  relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', softmax: 'Softmax', linear: 'Linear',
};

/** The block's title: the Keras type, except that an Activation layer shows its function ("Tanh"). */
export function layerLabel(layer: LayerSpec): string {
  if (layer.type === 'Activation') return ACTIVATION_LABEL[layer.activation] ?? 'Activation';
  return String(layer.type);
}

/** Display name of an activation function value ("relu" → "ReLU"). */
export function activationLabel(name: string): string {
  return ACTIVATION_LABEL[name] ?? name;
}

/** "24×24×8", "128"; an em dash when unknown. */
export function formatShape(shape: Shape | readonly number[] | null | undefined): string {
  return shape ? shape.join('×') : '—';
}

/** A target shape as students write it: [28, 28, 1] → "28×28×1". */
export function formatTargetShape(v: unknown): string {
  return Array.isArray(v) ? v.join('×') : String(v);
}

/**
 * A shape typed by a student: whole numbers separated by ×, x, * or commas ("28×28×1",
 * "28 x 28 x 1", "[28, 28, 1]", "784"); null when the text is not such a list.
 */
export function readTargetShape(text: string): number[] | null {
  const inner = text.trim().replace(/^\[(.*)\]$/, '$1').trim();
  if (inner === '') return null;
  const parts = inner.split(/\s*[x×*,]\s*/i);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

/** A kernel or pool size as students say it: 5 → "5×5", [3, 5] → "3×5". */
export function formatPair(v: unknown): string {
  if (typeof v === 'number') return `${v}×${v}`;
  if (Array.isArray(v) && v.length === 2) return `${v[0]}×${v[1]}`;
  return String(v);
}
