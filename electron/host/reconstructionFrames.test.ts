import { describe, expect, it } from 'vitest';
import { Network, PRESETS, Rng, type SampleSet } from '../../engine';
import { gridIndices, ReconstructionGrid } from './reconstructionFrames';

/** `count` 28×28 images, image i all at grey level i·10, labels as given. */
function set(labels: number[]): SampleSet {
  const inputs = new Uint8Array(labels.length * 784);
  labels.forEach((_, i) => inputs.fill((i * 10) % 256, i * 784, (i + 1) * 784));
  return { inputs, labels: Uint8Array.from(labels), count: labels.length } as unknown as SampleSet;
}

describe('the reconstruction grid', () => {
  it('shows the first image of each of the smallest labels, then the first ones left', () => {
    expect(gridIndices(set([7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4, 9, 6, 6, 5, 4, 0, 7, 4, 0, 1]), 8)).toEqual([3, 2, 1, 18, 4, 8, 11, 0]);
    expect(gridIndices(set([1, 1, 1, 2]), 3)).toEqual([0, 3, 1]);
    expect(gridIndices(set([3]), 8)).toEqual([0]);
  });

  it('damages its inputs the same way in every frame and run, never the originals', () => {
    const images = set([0, 1, 2, 3]);
    const network = Network.fromSpec(PRESETS.autoencoder2d, new Rng(1), { reconstruct: true });
    const a = new ReconstructionGrid(images, [28, 28, 1], 4, { noise: 0.5 }, 'binary_crossentropy').frame(network);
    const b = new ReconstructionGrid(images, [28, 28, 1], 4, { noise: 0.5 }, 'binary_crossentropy').frame(network);
    expect(a.corrupted).toBe(b.corrupted);
    expect(a.corrupted).not.toBe(a.originals);
    expect(Buffer.from(a.originals, 'base64')[784]).toBe(10);
    expect(a.labels).toEqual([0, 1, 2, 3]);
    const clean = new ReconstructionGrid(images, [28, 28, 1], 4, null, 'binary_crossentropy').frame(network);
    expect(clean.corrupted).toBeNull();
    expect(clean.originals).toBe(a.originals);
    // Pixels, not logits: every reconstruction byte is a grey level.
    expect(Buffer.from(clean.reconstructions, 'base64')).toHaveLength(4 * 784);
  });
});
