/**
 * Decodes the plane frames of the contract (see `PlaneGrid` in contract.ts) into typed
 * arrays for drawing. Pure TypeScript with `atob` only, so the renderer and the tests
 * use the same code; `electron/host/planeFrames.ts` is the encoder.
 */
import type { PlaneGrid, PlaneUnitLayer } from './contract';

export function base64ToBytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A grid's values as floats: probabilities (classes cell-major, binary P(class 1)) or regression values. */
export type DecodedPlaneGrid =
  | { kind: 'classes'; resolution: number; classes: number; values: Float32Array }
  | { kind: 'binary'; resolution: number; values: Float32Array }
  | { kind: 'regression'; resolution: number; values: Float32Array; range: { min: number; max: number } };

export function decodePlaneGrid(grid: PlaneGrid): DecodedPlaneGrid {
  if (grid.kind === 'regression') {
    const bytes = base64ToBytes(grid.float32);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    return { kind: 'regression', resolution: grid.resolution, values, range: grid.range };
  }
  const bytes = base64ToBytes(grid.bytes);
  const values = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = bytes[i]! / 255;
  return grid.kind === 'classes'
    ? { kind: 'classes', resolution: grid.resolution, classes: grid.classes, values }
    : { kind: 'binary', resolution: grid.resolution, values };
}

/** One layer's unit maps, `[units][resolution²]` flattened unit after unit. */
export function decodeUnitLayer(layer: PlaneUnitLayer): Float32Array {
  const bytes = base64ToBytes(layer.bytes);
  const { min, max } = layer.range;
  const values = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = min + (bytes[i]! / 255) * (max - min);
  return values;
}
