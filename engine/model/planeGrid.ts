/**
 * What a network on 2-D inputs does over the whole plane: its outputs on a grid of points
 * (the decision regions of the playground) and, for small layers, what each hidden unit
 * responds to. Grids are row-major from the top-left corner: row 0 is the largest x₂,
 * column 0 the smallest x₁, as an image is drawn.
 */
import type { Network } from './network';

/** The part of the plane shown: x₁ from `x1[0]` to `x1[1]`, x₂ likewise. */
export interface PlaneBounds {
  readonly x1: readonly [number, number];
  readonly x2: readonly [number, number];
}

/** Layers with at most this many units get a map per unit (more would not be read). */
export const MAX_MAPPED_UNITS = 8;

/** Points per forward pass: the grid goes through in pieces, like any big prediction. */
const CHUNK = 1024;

/** The centres of a `res`×`res` grid's cells, `[res·res, 2]`. */
export function planePoints(bounds: PlaneBounds, res: number): Float32Array {
  const pts = new Float32Array(res * res * 2);
  const [a1, b1] = bounds.x1, [a2, b2] = bounds.x2;
  for (let r = 0; r < res; r++) {
    const x2 = b2 - ((r + 0.5) / res) * (b2 - a2);
    for (let c = 0; c < res; c++) {
      const i = (r * res + c) * 2;
      pts[i] = a1 + ((c + 0.5) / res) * (b1 - a1);
      pts[i + 1] = x2;
    }
  }
  return pts;
}

/**
 * The view of the plane that shows a dataset: the smallest square holding every point
 * (training and test) widened by `margin` of its side on each edge, so points never sit
 * on the border and the regions around them show. A single point gets a unit square.
 */
export function dataBounds(sets: readonly { count: number; inputs: ArrayLike<number> }[], margin = 0.1): PlaneBounds {
  let lo1 = Infinity, hi1 = -Infinity, lo2 = Infinity, hi2 = -Infinity;
  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const a = set.inputs[2 * i]!, b = set.inputs[2 * i + 1]!;
      if (a < lo1) lo1 = a;
      if (a > hi1) hi1 = a;
      if (b < lo2) lo2 = b;
      if (b > hi2) hi2 = b;
    }
  }
  if (!(lo1 <= hi1 && lo2 <= hi2)) return { x1: [-1, 1], x2: [-1, 1] };
  const side = Math.max(hi1 - lo1, hi2 - lo2, 1e-3) * (1 + 2 * margin);
  const c1 = (lo1 + hi1) / 2, c2 = (lo2 + hi2) / 2;
  return { x1: [c1 - side / 2, c1 + side / 2], x2: [c2 - side / 2, c2 + side / 2] };
}

function needsPlane(network: Network): void {
  if (network.inputSize !== 2) throw new RangeError(`the plane view needs a network with 2 inputs (this one has ${network.inputSize})`);
}

/**
 * The network's outputs over the grid, `[res·res, outputs]`, with its final activation
 * (class probabilities after softmax, a probability after sigmoid, values otherwise).
 */
export function planeOutputs(network: Network, bounds: PlaneBounds, res: number): Float32Array {
  needsPlane(network);
  const x = planePoints(bounds, res), count = res * res, width = network.outputSize;
  const out = new Float32Array(count * width);
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const y = network.forward(x.subarray(start * 2, (start + n) * 2), n, { training: false });
    out.set(y.subarray(0, n * width), start * width);
  }
  return out;
}

export interface UnitMaps {
  /** Position of the spec layer and its name. */
  readonly layerIndex: number;
  readonly layerName: string;
  readonly units: number;
  /** `[units][res·res]`: unit u's output at each grid cell. */
  readonly maps: readonly Float32Array[];
}

/** For every hidden layer of at most MAX_MAPPED_UNITS units (the output layer excluded), each unit's output over the grid. */
export function planeUnitMaps(network: Network, bounds: PlaneBounds, res: number): UnitMaps[] {
  needsPlane(network);
  const hidden = network.layers.slice(0, -1)
    .map((layer, layerIndex) => ({ layer, layerIndex }))
    .filter(({ layer }) => layer.outputShape.length === 1 && layer.params.length > 0 && layer.outputShape[0]! <= MAX_MAPPED_UNITS);
  if (hidden.length === 0) return [];
  const count = res * res;
  const outs = network.forwardLayers(planePoints(bounds, res), count);
  return hidden.map(({ layer, layerIndex }) => {
    const units = layer.outputShape[0]!, all = outs[layerIndex]!;
    const maps = Array.from({ length: units }, (_, u) => {
      const m = new Float32Array(count);
      for (let i = 0; i < count; i++) m[i] = all[i * units + u]!;
      return m;
    });
    return { layerIndex, layerName: layer.name, units, maps };
  });
}
