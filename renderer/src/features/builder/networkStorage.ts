/**
 * Keeps the network across launches in localStorage under a versioned key. Anything that
 * does not look like a network this version wrote (bad JSON, another version, unknown
 * layer types) is ignored, and the editor starts from the MLP preset instead.
 */
import { isInputShape, isLayerType, type NetworkSpec } from '$engine';

export const STORAGE_KEY = 'layerwise.network.v1';
const VERSION = 1;

/** The part of Web Storage the editor needs (tests pass a Map-backed one). */
export type NetworkStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function defaultStorage(): NetworkStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access can throw when storage is disabled
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A structurally sound spec (settings are left to analyzeNetwork to judge), or null. */
export function asNetworkSpec(v: unknown): NetworkSpec | null {
  if (!isObject(v)) return null;
  const shape = v['input_shape'];
  const layers = v['layers'];
  if (!isInputShape(shape)) return null;
  if (!Array.isArray(layers) || !layers.every((l) => isObject(l) && isLayerType(l['type']))) return null;
  return { input_shape: [...shape], layers: layers as NetworkSpec['layers'] };
}

export function readStoredNetwork(storage: NetworkStorage | null): NetworkSpec | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed) || parsed['version'] !== VERSION) return null;
    return asNetworkSpec(parsed['spec']);
  } catch {
    return null;
  }
}

/** The position of the layer the student marked as the code (an autoencoder's bottleneck), or null. */
export function readStoredCodeLayer(storage: NetworkStorage | null): number | null {
  if (!storage) return null;
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    const mark = isObject(parsed) ? parsed['codeLayer'] : null;
    return Number.isInteger(mark) && (mark as number) >= 0 ? (mark as number) : null;
  } catch {
    return null;
  }
}

export function writeStoredNetwork(storage: NetworkStorage | null, spec: NetworkSpec, codeLayer: number | null = null): void {
  if (!storage) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(codeLayer === null ? { version: VERSION, spec } : { version: VERSION, spec, codeLayer }));
  } catch {
    // Quota or disabled storage: the network simply isn't remembered.
  }
}
