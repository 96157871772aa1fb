/**
 * The autoencoder's part of the contract (electron/ipc/contract.ts re-exports it): a run
 * on images asked to give its inputs back (`train:start`'s `reconstruct`), the damage done
 * to its training inputs (the denoising lessons), the live grid of test images it shows
 * while training (the 'reconstructions' events) and what a saved autoencoder reopens with.
 */
import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Corruption of the training inputs, each part absent when off (engine/data/corruption.ts):
 * Gaussian noise of standard deviation `noise`, binarisation at `binarize`, a `mask` share of pixels blanked.
 */
export const corruptionSchema = z.object({
  noise: z.number().gt(0).max(2).optional(),
  binarize: z.number().gt(0).lt(1).optional(),
  mask: z.number().gt(0).lt(1).optional(),
}).strict();
export type CorruptionSettings = z.infer<typeof corruptionSchema>;

/** The most test images the live grid shows. */
export const MAX_GRID_IMAGES = 16;

/** The live grid a reconstruction run shows: `count` fixed test images, a frame per epoch and per `everyMs` at most. */
export const reconstructionViewSchema = z.object({
  count: int(1, MAX_GRID_IMAGES),
  everyMs: int(200, 60_000),
}).strict();
export type ReconstructionViewRequest = z.infer<typeof reconstructionViewSchema>;

/** Train to reconstruct the images (the target is the clean input) rather than to classify them. */
export const reconstructRequestSchema = z.object({
  /** Damage to the training inputs; null = none. */
  corruption: corruptionSchema.nullable(),
  /** The live grid; null = none. */
  view: reconstructionViewSchema.nullable(),
  /** The layer marked as the code (the bottleneck), by position in the spec; null = the narrowest (engine `codeLayerIndex`). */
  codeLayer: int(0, 99).nullable(),
}).strict();
export type ReconstructRequest = z.infer<typeof reconstructRequestSchema>;

/**
 * The grid at one moment: `count` test images of `rows`×`cols` pixels, one byte a pixel
 * (value = byte / 255), image after image, base64 like `Example.pixels`. The same test
 * images (and the same damage: a fixed seed) in every frame of a run, so only the
 * reconstructions change.
 */
export interface ReconstructionFrame {
  count: number;
  rows: number;
  cols: number;
  labels: number[];
  originals: string;
  /** The inputs as the network sees them when corruption is on; null without corruption. */
  corrupted: string | null;
  reconstructions: string;
}

/** What a saved autoencoder reopens with (absent for other models). */
export interface SavedReconstruction {
  /** The layer marked as the code (the bottleneck), by name; null = none recorded (the narrowest is then). */
  codeLayer: string | null;
  corruption: CorruptionSettings | null;
}
