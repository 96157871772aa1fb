/**
 * What a run on points in the plane shows: its latest plane frame (the host's 'plane'
 * events while training, then one `predict:plane` of the finished model), decoded into
 * the view components' shapes. Frames come encoded for JSON (contract.ts `PlaneFrame`);
 * electron/ipc/planeCodec.ts is the one decoder.
 */
import type { LayerwiseApi, PlaneFrame, PlaneViewRequest } from '../../../../electron/ipc/contract';
import { decodePlaneGrid, decodeUnitLayer } from '../../../../electron/ipc/planeCodec';
import type { PredictionGrid } from './boundaryImage';
import type { DenseWeights } from './networkGraph';
import type { PlaneBounds } from './planeCoords';
import type { UnitLayerMaps } from './unitMaps';

/** Asked for with `train:start` when the network reads 2 numbers: 160² regions, 40² unit maps, ~15 frames a second. */
export const PLANE_VIEW: PlaneViewRequest = { resolution: 160, unitResolution: 40, everyMs: 66 };

export interface DecodedFrame {
  bounds: PlaneBounds;
  grid: PredictionGrid;
  units: UnitLayerMaps[];
  weights: DenseWeights[];
}

export type PlaneApi = Pick<LayerwiseApi, 'predict:plane'>;

export function decodeFrame(frame: PlaneFrame): DecodedFrame {
  const b = frame.bounds;
  return {
    bounds: { xMin: b.x1[0], xMax: b.x1[1], yMin: b.x2[0], yMax: b.x2[1] },
    grid: decodePlaneGrid(frame.grid),
    units: frame.units.map((u) => ({ name: u.name, activation: u.activation, units: u.units, resolution: u.resolution, values: decodeUnitLayer(u) })),
    weights: frame.weights.map((w) => ({
      name: w.name, units: w.units, kernel: Float32Array.from(w.kernel), bias: w.bias === null ? null : Float32Array.from(w.bias),
    })),
  };
}

export class PlaneRun {
  /** The latest picture of the network over the plane; null before the run's first frame. */
  frame = $state.raw<DecodedFrame | null>(null);
  /** The data the run trains on (its request's source, as JSON): a frame only fits these points. */
  sourceKey = $state<string | null>(null);
  /** Frames were asked for this run. */
  watching = $state(false);
  /** The raw bounds of the last frame, for asking the finished model over the same square. */
  #bounds: { x1: [number, number]; x2: [number, number] } | null = null;
  #run = 0;

  constructor(private readonly api: PlaneApi) {}

  /** A new run: its own frames only. */
  begin(sourceKey: string | null, watching: boolean): void {
    this.#run++;
    this.frame = null;
    this.#bounds = null;
    this.sourceKey = sourceKey;
    this.watching = watching;
  }

  show(frame: PlaneFrame): void {
    if (!this.watching) return;
    const b = frame.bounds;
    this.#bounds = { x1: [b.x1[0], b.x1[1]], x2: [b.x2[0], b.x2[1]] };
    this.frame = decodeFrame(frame);
  }

  /** The trained model's final picture, once; a failure keeps the last live frame. */
  async finish(): Promise<void> {
    if (!this.watching || !this.#bounds) return;
    const run = this.#run;
    try {
      const frame = await this.api['predict:plane']({ model: { kind: 'current' }, bounds: this.#bounds, resolution: PLANE_VIEW.resolution, unitResolution: PLANE_VIEW.unitResolution });
      if (run === this.#run) this.show(frame);
    } catch {
      // The live frames already show the model of the run's last moments.
    }
  }
}
