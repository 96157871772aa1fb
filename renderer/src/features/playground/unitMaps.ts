/**
 * Heat maps of hidden units over the plane. The colour scale follows the activation's
 * range: tanh and linear units are signed (diverging scale, background at zero), sigmoid
 * and ReLU units are not (sequential, background at zero). All units of a layer share
 * one scale so that a pale map really means a quiet unit, not just a differently scaled one.
 */
import { divergingImage, sequentialImage, valueRange, type ScaleColors, type ValueRange } from './boundaryImage';

export interface UnitLayerMaps {
  /** The layer's name, as in the builder. */
  name: string;
  /** Its activation ('tanh', 'relu', 'sigmoid', 'linear', …). */
  activation: string;
  units: number;
  /** Side R' of each unit's grid (row-major from the top-left, x₂ decreasing downwards). */
  resolution: number;
  /** Unit-major: values[u · R'² + cell] is unit u's activation at that cell. */
  values: Float32Array;
}

export interface UnitScale {
  kind: 'diverging' | 'sequential';
  range: ValueRange;
}

const SEQUENTIAL = new Set(['relu', 'sigmoid', 'softmax', 'softplus']);

/** The layer's shared scale. Bounded activations get their fixed range; the others their data's. */
export function unitScale(layer: UnitLayerMaps): UnitScale {
  const activation = layer.activation.toLowerCase();
  const cells = layer.resolution * layer.resolution * layer.units;
  if (activation === 'tanh') return { kind: 'diverging', range: { min: -1, max: 1 } };
  if (activation === 'sigmoid' || activation === 'softmax') return { kind: 'sequential', range: { min: 0, max: 1 } };
  const { min, max } = valueRange(layer.values, 0, cells);
  if (SEQUENTIAL.has(activation)) return { kind: 'sequential', range: { min: 0, max: Math.max(max, 0) } };
  // Symmetric about zero, so that the background colour means exactly 0.
  const extent = Math.max(Math.abs(min), Math.abs(max));
  return { kind: 'diverging', range: { min: -extent, max: extent } };
}

/** Unit `unit`'s map as RGBA (R'×R' pixels) on the layer's scale. */
export function unitMapImage(layer: UnitLayerMaps, unit: number, scale: UnitScale, colors: ScaleColors): Uint8ClampedArray {
  const cells = layer.resolution * layer.resolution;
  const draw = scale.kind === 'diverging' ? divergingImage : sequentialImage;
  return draw(layer.values, unit * cells, cells, scale.range, colors);
}

/** The activation's own range on one map, for its description (what a screen reader hears). */
export function unitRange(layer: UnitLayerMaps, unit: number): ValueRange {
  const cells = layer.resolution * layer.resolution;
  return valueRange(layer.values, unit * cells, cells);
}
