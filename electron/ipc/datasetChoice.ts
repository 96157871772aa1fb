/**
 * Part of the contract (`contract.ts` re-exports it): which dataset a request means. The
 * bundled MNIST, a folder picked in a native dialog (by token, never by path), a generated
 * 2-D set, or the student's own points (built from the request itself: no file is read).
 */
import { z } from 'zod';
import { TOY_KINDS } from '../../engine/data/toy/generators';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

const seedSchema = int(0, 0xffffffff);
/** Share of the points kept for testing (the split is seeded). */
const testShareSchema = z.number().min(0.05).max(0.5);
/** A coordinate of a point the student placed: the editor's plane stays well within ±10. */
const coordinateSchema = z.number().min(-10).max(10);

/** A generated 2-D teaching set (engine/data/toy): the same settings and seed always give the same points. */
export const generatedSourceSchema = z.object({
  kind: z.literal('generated'),
  generator: z.enum(TOY_KINDS),
  points: int(50, 2000),
  /** The jitter's standard deviation; null = the generator's own default. */
  noise: z.number().min(0).max(2).nullable(),
  /** Spiral arms (= classes); the other generators ignore it. */
  arms: z.union([z.literal(2), z.literal(3)]),
  seed: seedSchema,
  testShare: testShareSchema,
}).strict();

/** The student's own points, `[x₁, x₂, class]` (classes 0–5, keeping their numbers: class k is output k). */
export const pointsSourceSchema = z.object({
  kind: z.literal('points'),
  points: z.array(z.tuple([coordinateSchema, coordinateSchema, int(0, 5)]))
    .min(4, 'at least 4 points are needed').max(2000, 'at most 2,000 points are allowed')
    .refine((rows) => rows.some((r) => r[2] !== rows[0]![2]), 'the points need at least two classes'),
  seed: seedSchema,
  testShare: testShareSchema,
}).strict();

/** A dataset the host knows, and how much of its training part a run uses. */
export const datasetChoiceSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('bundled') }).strict(),
    z.object({ kind: z.literal('folder'), token: z.string().min(1).max(100) }).strict(),
    generatedSourceSchema,
    pointsSourceSchema,
  ]),
  /** Train on the first `limit` training samples only (quick classroom runs); null = all. */
  limit: int(100, 1_000_000).nullable(),
}).strict();
export type GeneratedSource = z.infer<typeof generatedSourceSchema>;
export type PointsSource = z.infer<typeof pointsSourceSchema>;
export type DatasetChoice = z.infer<typeof datasetChoiceSchema>;
