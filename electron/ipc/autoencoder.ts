/**
 * Part of the contract (`contract.ts` re-exports it): Draw & test for an autoencoder. A drawing
 * through the whole network (its reconstruction) and to its code layer (its code); a code of
 * the student's choosing through the decoder (the decoder map); and the test set's codes with
 * their true labels, scattered under that map so students see where each digit lives.
 * Computed in the prediction worker, like every prediction.
 */
import { z } from 'zod';
import { modelRefSchema } from './modelRef';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Most numbers in a code the decoder is given (a code layer wider than this is not a bottleneck a student edits). */
export const MAX_CODE_SIZE = 256;
/** Most test codes `predict:codes` sends: enough to see where each digit lives, few enough to draw at once. */
export const MAX_CODES_SENT = 2000;

export const autoencoderRequestSchemas = {
  /** A drawing's 784 grey levels → its reconstruction and its code. */
  'predict:reconstruct': z.object({ pixels: z.array(z.number().min(0).max(1)).length(784), model: modelRefSchema }).strict(),
  /** A code of the code layer's width → the image the decoder makes of it. */
  'predict:decode': z.object({ code: z.array(z.number().min(-1e6).max(1e6)).min(1).max(MAX_CODE_SIZE), model: modelRefSchema }).strict(),
  /** The first `limit` test images' codes with their true labels. */
  'predict:codes': z.object({ model: modelRefSchema, limit: int(1, MAX_CODES_SENT) }).strict(),
} as const;

/** An image the network made, as pixels in [0, 1], row-major in its output shape (`[28, 28, 1]`). */
export interface DecodedImage {
  image: number[];
  shape: number[];
}

export interface Reconstruction extends DecodedImage {
  /** The values of the code layer for this drawing. */
  code: number[];
  /** Which layer the code is (the one marked in the model file, else the narrowest hidden layer). */
  codeLayer: string;
}

export interface TestCodes {
  codeLayer: string;
  /** Numbers per code. */
  dim: number;
  count: number;
  /** `[count, dim]` row-major. */
  codes: number[];
  /** Each code's true label. */
  labels: number[];
}

export interface AutoencoderResponses {
  'predict:reconstruct': Reconstruction;
  'predict:decode': DecodedImage;
  'predict:codes': TestCodes;
}
