/**
 * Part of the contract (`contract.ts` re-exports it): how a request names a model, kept apart
 * so that the contract's other parts can take it without importing `contract.ts` itself.
 */
import { z } from 'zod';

export const modelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not a model id');

/** Where a prediction's weights come from: the run just trained, or a saved model. */
export const modelRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('current') }).strict(),
  z.object({ kind: z.literal('saved'), id: modelIdSchema }).strict(),
]);
export type ModelRef = z.infer<typeof modelRefSchema>;
