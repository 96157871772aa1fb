/**
 * Part of the contract (`contract.ts` re-exports it): what a saved model knows of the data
 * it was trained on, so that it opens with its data kind. Draw & test takes its input
 * (drawing pad, plane, number fields) from `inputShape`, its labels from `task`, and for
 * points in the plane the Train tab takes back `source`, and the plane its `bounds`.
 */
import { z } from 'zod';
import type { Task, PlaneBounds } from '../../engine';
import { generatedSourceSchema, pointsSourceSchema, type GeneratedSource, type PointsSource } from './datasetChoice';
import { planeBoundsSchema } from './planeFrame';

/** The sources a model file may record: the ones a run on points in the plane was given. */
export const savedSourceSchema = z.discriminatedUnion('kind', [generatedSourceSchema, pointsSourceSchema]);
/** The recorded square, as the plane frames give it. */
export const savedBoundsSchema = planeBoundsSchema;

export interface ModelData {
  /** One sample's shape, from the network itself: `[28, 28, 1]`, `[2]`, `[n]`. */
  inputShape: number[];
  /** What the outputs mean (class names, a value); null in files saved before tasks. */
  task: Task | null;
  /** The generated set or the student's points it trained on; null for images, tables and old files. */
  source: GeneratedSource | PointsSource | null;
  /** The square its points were framed in; null when not recorded (the plane then takes its default). */
  bounds: PlaneBounds | null;
}
