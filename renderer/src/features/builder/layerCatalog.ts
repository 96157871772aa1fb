/**
 * What the builder knows about each kind of block, read from the engine's layer kinds:
 * the palette items (Keras names, so they read the same in every language) and their
 * sections, the family that gives a block its colour; and the name a block shows, and
 * shape formatting. Pure: no DOM, no i18n.
 */
import { type Family as KindFamily, type PaletteGroup, PALETTE_GROUPS as GROUP_ORDER, type Shape, layerKind, PALETTE_ENTRIES, isLayerType, type LayerSpec } from '$engine';

/** A block's colour: its kind's family, or 'other' for a type read from a file that no kind knows. */
export type Family = KindFamily | 'other';

/** A palette item's name (the Keras type, or an Activation's function: "Tanh"); the label key is `builder.item.<id>`. */
export type PaletteId = string;

export interface PaletteItem {
  /** Also the item's accessible name and visible label, in every language. */
  readonly id: PaletteId;
  readonly family: Family;
  readonly group: PaletteGroup;
  /** A fresh layer with sensible classroom defaults. */
  create(): LayerSpec;
}

/** Every item, as the engine's layer kinds declare them (in the registry's order). */
export const PALETTE: readonly PaletteItem[] = PALETTE_ENTRIES.map((e) => ({
  id: e.id, family: e.kind.palette.family, group: e.kind.palette.group, create: () => e.create(),
}));

export const PALETTE_IDS: readonly PaletteId[] = PALETTE.map((p) => p.id);

/** Palette sections, in display order; the label key is `builder.group.<group>`. */
export const PALETTE_GROUPS: readonly { group: PaletteGroup; items: readonly PaletteId[] }[] = GROUP_ORDER.map((group) => ({
  group, items: PALETTE.filter((p) => p.group === group).map((p) => p.id),
}));

export function isPaletteId(v: unknown): v is PaletteId {
  return typeof v === 'string' && PALETTE_IDS.includes(v);
}

export function paletteItem(id: PaletteId): PaletteItem {
  return PALETTE.find((p) => p.id === id)!;
}

export function familyOf(layer: LayerSpec): Family {
  return isLayerType(layer.type) ? layerKind(layer.type).palette.family : 'other';
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
