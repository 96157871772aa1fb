/**
 * Builds a `PlaneFrame` (contract.ts) from a network with 2 inputs: its outputs over the
 * plane, its small hidden layers' unit maps and weights, in the compact JSON-safe encoding
 * the contract documents. Runs in the workers (training between batches, predictions),
 * never on the main thread; `electron/ipc/planeCodec.ts` is its inverse.
 */
import type { PlaneFrame, PlaneGrid, PlaneLayerWeights, PlaneUnitLayer } from '../ipc/contract';
import { type Network, MAX_MAPPED_UNITS, planeOutputs, planeUnitMaps, type PlaneBounds } from '../../engine';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Values in [0, 1] as bytes: round(v · 255), clamped. */
export function unitBytes(values: ArrayLike<number>, stride = 1, offset = 0, count = values.length): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i * stride + offset]!;
    out[i] = v >= 1 ? 255 : v > 0 ? Math.round(v * 255) : 0;
  }
  return out;
}

function rangeOf(values: ArrayLike<number>, stride = 1, offset = 0, count = values.length): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i * stride + offset]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count > 0 && Number.isFinite(min) && Number.isFinite(max) ? { min, max } : { min: 0, max: 0 };
}

/**
 * The grid's kind follows the network's end: softmax over 2+ outputs gives class
 * probabilities, one sigmoid output P(class 1); anything else is read as values.
 */
export function planeGrid(network: Network, bounds: PlaneBounds, resolution: number): PlaneGrid {
  const out = planeOutputs(network, bounds, resolution);
  const width = network.outputSize, cells = resolution * resolution, last = network.finalActivation;
  if (last === 'softmax' && width >= 2) return { kind: 'classes', resolution, classes: width, bytes: base64(unitBytes(out)) };
  if (last === 'sigmoid' && width === 1) return { kind: 'binary', resolution, bytes: base64(unitBytes(out)) };
  const values = new Float32Array(cells);
  for (let i = 0; i < cells; i++) values[i] = out[i * width]!;
  return { kind: 'regression', resolution, float32: base64(new Uint8Array(values.buffer)), range: rangeOf(values) };
}

export function planeUnits(network: Network, bounds: PlaneBounds, resolution: number): PlaneUnitLayer[] {
  return planeUnitMaps(network, bounds, resolution).map((m) => {
    const cells = resolution * resolution;
    const all = new Float32Array(m.units * cells);
    m.maps.forEach((map, u) => all.set(map, u * cells));
    const range = rangeOf(all);
    const span = range.max - range.min;
    const scaled = new Float32Array(all.length);
    for (let i = 0; i < all.length; i++) scaled[i] = span > 0 ? (all[i]! - range.min) / span : 0;
    const activation = String((network.layers[m.layerIndex]!.spec as { activation?: string }).activation ?? 'linear');
    return { layerIndex: m.layerIndex, name: m.layerName, activation, units: m.units, resolution, range, bytes: base64(unitBytes(scaled)) };
  });
}

/** Every Dense-like layer (a kernel `[in, units]`) of at most MAX_MAPPED_UNITS units, with its weights. */
export function smallLayerWeights(network: Network): PlaneLayerWeights[] {
  const found: PlaneLayerWeights[] = [];
  network.layers.forEach((layer, layerIndex) => {
    const kernel = layer.params.find((p) => p.name === 'kernel');
    if (!kernel || kernel.shape.length !== 2 || kernel.shape[1]! > MAX_MAPPED_UNITS) return;
    const bias = layer.params.find((p) => p.name === 'bias');
    found.push({
      layerIndex, name: layer.name, inputs: kernel.shape[0]!, units: kernel.shape[1]!,
      kernel: Array.from(kernel.value), bias: bias ? Array.from(bias.value) : null,
    });
  });
  return found;
}

export function planeFrame(network: Network, bounds: PlaneBounds, resolution: number, unitResolution: number): PlaneFrame {
  return {
    bounds: { x1: [bounds.x1[0], bounds.x1[1]], x2: [bounds.x2[0], bounds.x2[1]] },
    grid: planeGrid(network, bounds, resolution),
    units: planeUnits(network, bounds, unitResolution),
    weights: smallLayerWeights(network),
  };
}
