/**
 * The plane view's part of the contract (electron/ipc/contract.ts re-exports it): what a
 * network on 2 inputs does over the plane, as the 'plane' training events and the
 * `predict:plane` channel carry it, and the schemas of what the renderer asks for.
 */
import { z } from 'zod';
import type { PlaneBounds } from '../../engine';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * What a network on 2 inputs does over a square of the plane, encoded for JSON (the web
 * bridge sends events as JSON text): typed arrays travel as base64 strings.
 *
 * Grids are row-major from the top-left corner (row 0 = largest x₂, column 0 = smallest
 * x₁), `resolution`² cells, over `bounds` (engine/model/planeGrid.ts). Encodings:
 * - `bytes`: one byte per value, value = byte / 255 (probabilities; error ≤ 1/510);
 * - `bytes` with a `range`: value = min + byte / 255 · (max − min) (unit outputs);
 * - `float32`: little-endian IEEE floats (regression values, unquantized).
 * `electron/ipc/planeCodec.ts` decodes them into typed arrays.
 */
export type PlaneGrid =
  /** Softmax outputs: K probabilities per cell, cell-major (`bytes` holds res²·K bytes: cell i's class k at i·K + k). */
  | { kind: 'classes'; resolution: number; classes: number; bytes: string }
  /** One sigmoid output: P(class 1) per cell (res² bytes). */
  | { kind: 'binary'; resolution: number; bytes: string }
  /** Any other output: the first output's value per cell (res² floats) and the grid's own min and max. */
  | { kind: 'regression'; resolution: number; float32: string; range: { min: number; max: number } };

/** One hidden layer of at most 8 units: each unit's output over a `resolution`² grid, unit after unit. */
export interface PlaneUnitLayer {
  /** Position of the layer in the spec, its name and activation ('tanh', 'relu', …). */
  layerIndex: number;
  name: string;
  activation: string;
  units: number;
  resolution: number;
  /** The layer's outputs' min and max over the grid; `bytes` (units·res² of them) are read within it. */
  range: { min: number; max: number };
  bytes: string;
}

/** A Dense layer of at most 8 units, with its weights (the network graph's edges). */
export interface PlaneLayerWeights {
  layerIndex: number;
  name: string;
  inputs: number;
  units: number;
  /** `[inputs, units]` row-major: kernel[i·units + j] connects input i to unit j. */
  kernel: number[];
  bias: number[] | null;
}

/** The network over the plane at one moment: outputs, hidden units and small layers' weights. */
export interface PlaneFrame {
  bounds: PlaneBounds;
  grid: PlaneGrid;
  units: PlaneUnitLayer[];
  weights: PlaneLayerWeights[];
}

/** Asked for with `train:start`: plane frames while training (networks with 2 inputs only). */
export const planeViewSchema = z.object({
  /** Side of the output grid. */
  resolution: int(16, 256),
  /** Side of each hidden unit's grid. */
  unitResolution: int(8, 64),
  /** One frame per this many milliseconds of training (a schedule: the rate is 1000 / everyMs per second at most). */
  everyMs: int(30, 1000),
}).strict();
export type PlaneViewRequest = z.infer<typeof planeViewSchema>;

const finite = z.number().min(-1e6).max(1e6);
export const planeBoundsSchema = z.object({
  x1: z.tuple([finite, finite]).refine(([a, b]) => a < b, 'x1 must go from smaller to larger'),
  x2: z.tuple([finite, finite]).refine(([a, b]) => a < b, 'x2 must go from smaller to larger'),
}).strict();
