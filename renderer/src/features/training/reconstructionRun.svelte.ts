/**
 * The live grid of an autoencoder's run: the first frame (the untrained network's
 * reconstructions, for comparison) and the latest, decoded from the host's
 * 'reconstructions' events (pixels one byte each, base64 like `Example.pixels`).
 */
import type { ReconstructionFrame } from '../../../../electron/ipc/contract';

export interface GridImages {
  count: number;
  rows: number;
  cols: number;
  labels: number[];
  /** Per image, its pixels as 0–255 bytes. */
  originals: Uint8Array[];
  corrupted: Uint8Array[] | null;
  reconstructions: Uint8Array[];
  step: number;
  epoch: number;
}

function images(b64: string, count: number, size: number): Uint8Array[] {
  const raw = atob(b64), all = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) all[i] = raw.charCodeAt(i);
  return Array.from({ length: count }, (_, k) => all.subarray(k * size, (k + 1) * size));
}

/** A frame as images, ready to draw. */
export function decodeFrame(f: ReconstructionFrame & { step: number; epoch: number }): GridImages {
  const size = f.rows * f.cols;
  return {
    count: f.count, rows: f.rows, cols: f.cols, labels: [...f.labels], step: f.step, epoch: f.epoch,
    originals: images(f.originals, f.count, size),
    corrupted: f.corrupted === null ? null : images(f.corrupted, f.count, size),
    reconstructions: images(f.reconstructions, f.count, size),
  };
}

export class ReconstructionRun {
  /** The run under way (or the last) reconstructs its images: the grid has a place. */
  active = $state(false);
  first = $state.raw<GridImages | null>(null);
  latest = $state.raw<GridImages | null>(null);

  begin(active: boolean): void {
    this.active = active;
    this.first = null;
    this.latest = null;
  }

  show(frame: ReconstructionFrame & { step: number; epoch: number }): void {
    const decoded = decodeFrame(frame);
    this.first ??= decoded;
    this.latest = decoded;
  }
}
