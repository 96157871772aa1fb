/** Part of the contract (`contract.ts` re-exports it): how requests name a model, the run just trained or a saved one. */
import { z } from 'zod';

export const modelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not a model id');

/** Where a prediction's weights come from: the run just trained, or a saved model. */
export const modelRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('current') }).strict(),
  z.object({ kind: z.literal('saved'), id: modelIdSchema }).strict(),
]);
export type ModelRef = z.infer<typeof modelRefSchema>;
