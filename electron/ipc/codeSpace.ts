/**
 * Part of the contract (`contract.ts` re-exports it): the code space. A model's layers
 * (`codes:layers`), and a job (`codes:start`) that computes the activations of one layer
 * for test images, projects them to 2-D (PCA at once; t-SNE and UMAP step by step, their
 * positions streamed as events) and clusters them with k-means (on the codes, and on the
 * raw pixels for comparison). A job ends with 'codes:done', 'codes:failed' or, when the
 * student changed the settings or left, 'codes:cancelled' (`codes:cancel`).
 */
import { z } from 'zod';
import type { Message } from '../../engine';
import { datasetChoiceSchema } from './datasetChoice';
import { modelRefSchema as modelRef } from './modelRef';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Test images a job may take (t-SNE takes at most `MAX_TSNE_POINTS` of them). */
export const CODE_COUNTS = [500, 1000, 2000, 5000] as const;
export const MAX_CODE_COUNT = 10_000;

export const codeMethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pca') }).strict(),
  /** Perplexity: roughly how many neighbours each point keeps close. */
  z.object({ kind: z.literal('tsne'), perplexity: int(2, 100), iterations: int(50, 2000) }).strict(),
  /** Neighbours: how wide each point's neighbourhood is (local detail ↔ global shape). */
  z.object({ kind: z.literal('umap'), neighbors: int(2, 100) }).strict(),
]);
export type CodeMethod = z.infer<typeof codeMethodSchema>;

export const codesLayersSchema = z.object({ model: modelRef, dataset: datasetChoiceSchema }).strict();

export const codesStartSchema = z.object({
  model: modelRef,
  /** The test images come from here (the model's own data: the run's, or what the saved model trained on). */
  dataset: datasetChoiceSchema,
  /** Index of the layer whose outputs are the codes; null = the code layer (marked, else the narrowest). */
  layer: int(0, 99).nullable(),
  count: int(10, MAX_CODE_COUNT),
  method: codeMethodSchema,
  /** k-means on the codes and on the raw pixels; null = none. */
  kmeans: z.object({ k: int(2, 30), restarts: int(1, 20) }).strict().nullable(),
  seed: int(0, 0xffffffff),
}).strict();
export type CodesStart = z.infer<typeof codesStartSchema>;

export const codesCancelSchema = z.object({ jobId: z.string().min(1).max(64) }).strict();

export interface CodeLayerInfo {
  index: number;
  name: string;
  type: string;
  /** Per-sample output shape, e.g. [10] or [12, 12, 8]. */
  shape: number[];
}

export interface CodeLayers {
  layers: CodeLayerInfo[];
  /** The layer a job takes by default (the model file's code layer, else the narrowest before the last). */
  codeLayer: number;
  /** The test set's size and classes. */
  testCount: number;
  classNames: string[] | null;
  /** One sample's shape (`[28, 28, 1]` for images: the points show their image). */
  inputShape: number[];
  /** Most images one t-SNE takes (its matrices grow as the square of the count): a larger count is cut to this. */
  maxTsnePoints: number;
}

/** k-means's clusters against the true labels: `table[cluster][label]`, and its purity. */
export interface ClusterSummary {
  k: number;
  purity: number;
  table: number[][];
}

/** Everything a code-space job tells the renderer, tagged by `type`, on the host's event channel. */
export type CodesEvent =
  | {
      type: 'codes:started'; jobId: string; layer: CodeLayerInfo; count: number; dim: number;
      /** The test samples' indices, labels, and (images) pixels as bytes, base64 `[count, …inputShape]`. */
      indices: number[]; labels: number[] | null; pixels: string | null;
      /** What the model answers for each (classifiers), else null. */
      predicted: number[] | null;
    }
  /** Where the job is: 'codes' (activations), 'embedding' (t-SNE/UMAP iterations), 'kmeans' (restarts). */
  | { type: 'codes:progress'; jobId: string; phase: 'codes' | 'embedding' | 'kmeans'; done: number; total: number }
  /** `[count, 2]` positions, x y x y …; `final` on the last. PCA also says how much variance its two axes keep. */
  | { type: 'codes:points'; jobId: string; points: number[]; final: boolean; explained: number[] | null }
  | { type: 'codes:clusters'; jobId: string; codes: ClusterSummary; pixels: ClusterSummary }
  | { type: 'codes:done'; jobId: string; seconds: number }
  | { type: 'codes:cancelled'; jobId: string }
  | { type: 'codes:failed'; jobId: string; message: string; detail?: Message };
