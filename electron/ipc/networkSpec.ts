/**
 * Part of the contract (`contract.ts` re-exports it): the network spec's outer shape, kept
 * apart so that the contract's other parts (explain.ts) can take it without importing `contract.ts`.
 */
import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The network spec's outer shape. Layer settings are checked by the engine's own shape
 * analysis (which names the layer at fault), so here they only need to be small JSON.
 */
export const networkSpecSchema = z.object({
  input_shape: z.array(int(1, 4096)).min(1).max(3),
  layers: z.array(
    z.object({ type: z.string().max(40), name: z.string().max(100).optional() })
      .catchall(z.union([z.string().max(100), z.number(), z.boolean(), z.null(), z.array(z.number()).max(4)])),
  ).max(100),
}).strict();
