/**
 * Part of the contract (`contract.ts` re-exports it): which dataset a request means. The
 * bundled MNIST, a folder picked in a native dialog (by token, never by path), a generated
 * 2-D set, the student's own points (built from the request itself: no file is read), or
 * a table file the host read (by token) with the columns the student chose.
 */
import { z } from 'zod';
import { TOY_KINDS } from '../../engine';

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

/** A token the host handed out for a table file it read (`datasets:pickCsv`, `datasets:uploadCsv`). */
const fileTokenSchema = z.string().min(1).max(100);
/** A column of a table, by position (0-based). */
const columnSchema = int(0, 999);

/**
 * A table (CSV file) the host read, named by token: which columns are the features and
 * which the label, read with which separator, as classes or values, with its test part a
 * seeded share of the rows or a second file.
 */
export const csvSourceSchema = z.object({
  kind: z.literal('csv'),
  token: fileTokenSchema,
  testToken: fileTokenSchema.nullable(),
  delimiter: z.enum([',', ';', '\t']),
  label: columnSchema,
  features: z.array(columnSchema).min(1).max(1000),
  task: z.enum(['classification', 'regression']),
  seed: seedSchema,
  testShare: testShareSchema,
}).strict();

/** A table file in web mode: the page read it (a browser cannot hand over a path) and sends its text. */
export const csvUploadSchema = z.object({
  name: z.string().min(1).max(255),
  text: z.string().max(64 * 1024 * 1024),
}).strict();

/** A table file the host read and keeps under `token`; its text, for the import dialog's preview. */
export interface CsvFile {
  token: string;
  name: string;
  text: string;
}

/** A dataset the host knows, and how much of its training part a run uses. */
export const datasetChoiceSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('bundled') }).strict(),
    z.object({ kind: z.literal('folder'), token: z.string().min(1).max(100) }).strict(),
    generatedSourceSchema,
    pointsSourceSchema,
    csvSourceSchema,
  ]),
  /** Train on the first `limit` training samples only (quick classroom runs); null = all. */
  limit: int(100, 1_000_000).nullable(),
}).strict();
export type GeneratedSource = z.infer<typeof generatedSourceSchema>;
export type PointsSource = z.infer<typeof pointsSourceSchema>;
export type CsvSource = z.infer<typeof csvSourceSchema>;
export type DatasetChoice = z.infer<typeof datasetChoiceSchema>;
