/**
 * The inside-the-network view's part of the contract (electron/ipc/contract.ts re-exports
 * it): asked for with `train:start`'s `inside`, turned on or off while the run trains with
 * `train:set` (`{ runId, inside }`: the view opened or closed), and streamed as 'inside'
 * events, each one measurement of every layer (engine/train/insideStats.ts) at most once
 * per `everyMs`. A run nobody watches this way measures nothing.
 */
import { z } from 'zod';
import type { InsideStats } from '../../engine';

/** The most often the statistics may be measured (ms between two), and the least often. */
export const MIN_INSIDE_EVERY_MS = 100;
export const MAX_INSIDE_EVERY_MS = 10_000;
/** The bars of each histogram. */
export const MIN_INSIDE_BINS = 4;
export const MAX_INSIDE_BINS = 64;

export const insideViewSchema = z.object({
  everyMs: z.number().int().min(MIN_INSIDE_EVERY_MS).max(MAX_INSIDE_EVERY_MS),
  bins: z.number().int().min(MIN_INSIDE_BINS).max(MAX_INSIDE_BINS),
}).strict();
export type InsideViewRequest = z.infer<typeof insideViewSchema>;

/** `train:set`'s form for the view: the statistics from now on (null = the view closed, none). */
export const insideSetSchema = z.object({ runId: z.string().min(1).max(64), inside: insideViewSchema.nullable() }).strict();

/** One measurement of the run's layers, `step` batches into it (before that batch's optimizer step). */
export type InsideEvent = { type: 'inside'; runId: string } & InsideStats;
export type { InsideStats, LayerInside, TensorInside, Histogram } from '../../engine';
