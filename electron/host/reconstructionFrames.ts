/**
 * The live grid of an autoencoder's run (contract `ReconstructionFrame`): a few fixed test
 * images, their damaged version when the run corrupts its inputs, and what the network
 * gives back now. Built in the training worker; the images (and their damage, drawn once
 * from a fixed seed) are chosen at the start, so between frames only the reconstructions move.
 */
import type { ReconstructionFrame } from '../ipc/contract';
import { corruptInputs, inputCodes, isCorrupting, reconstructImages, Rng, type Corruption, type LossName, type Network, type SampleSet } from '../../engine';
import { unitBytes } from './planeFrames';

/** The damage in the grid is the same in every run (not the run's training draws), so two runs compare image for image. */
const GRID_SEED = 12345;

/** How far into the test set the grid looks for one image of each label. */
const LABEL_SEARCH = 2000;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * The test images the grid shows: the first of each label in label order (a variety of
 * digits: 0 to 7 for 8 images), then the first ones not yet shown, up to `count`.
 */
export function gridIndices(set: SampleSet, count: number): number[] {
  const n = Math.min(count, set.count), picked: number[] = [];
  const labels = set.labels;
  if (labels) {
    // The smallest labels first (0–7 of the digits), looked for among the first images only.
    const firstOf = new Map<number, number>();
    for (let i = 0; i < Math.min(set.count, LABEL_SEARCH); i++) if (!firstOf.has(labels[i]!)) firstOf.set(labels[i]!, i);
    picked.push(...[...firstOf.entries()].sort((a, b) => a[0] - b[0]).slice(0, n).map(([, i]) => i));
  }
  for (let i = 0; picked.length < n && i < set.count; i++) if (!picked.includes(i)) picked.push(i);
  return picked.slice(0, n);
}

export class ReconstructionGrid {
  readonly count: number;
  private readonly originals: Float32Array;
  /** What the network is fed: the originals, or their damaged copy. */
  private readonly inputs: Float32Array;
  private readonly labels: number[];
  private readonly originalBytes: string;
  private readonly corruptedBytes: string | null;

  constructor(set: SampleSet, private readonly shape: readonly number[], count: number, corruption: Corruption | null, private readonly loss: LossName | undefined) {
    const perSample = shape.reduce((a, b) => a * b, 1);
    const indices = gridIndices(set, count);
    this.count = indices.length;
    this.originals = inputCodes(set, perSample, indices).values;
    this.labels = indices.map((i) => set.labels?.[i] ?? 0);
    this.originalBytes = base64(unitBytes(this.originals));
    if (isCorrupting(corruption)) {
      this.inputs = this.originals.slice();
      corruptInputs(this.inputs, this.count, perSample, corruption, new Rng(GRID_SEED));
      this.corruptedBytes = base64(unitBytes(this.inputs));
    } else {
      this.inputs = this.originals;
      this.corruptedBytes = null;
    }
  }

  /** The grid with the network as it is now. */
  frame(network: Network): ReconstructionFrame {
    const [rows = 1, cols = 1] = this.shape;
    const out = reconstructImages(network, this.inputs, this.count, this.loss);
    return {
      count: this.count, rows, cols, labels: [...this.labels],
      originals: this.originalBytes, corrupted: this.corruptedBytes, reconstructions: base64(unitBytes(out)),
    };
  }
}
