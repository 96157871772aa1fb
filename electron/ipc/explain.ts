/**
 * Part of the contract (`contract.ts` re-exports it): one training step explained. The
 * renderer names the student's network (the builder's spec), where its weights come from
 * (the run just trained, a saved model, or a seeded initialization), the dataset and one of
 * its samples; the host answers, from a worker, with the engine's trace of that step
 * (engine/explain/trace.ts): every forward value, every gradient, the update and the loss after it.
 */
import { z } from 'zod';
import { LOSSES, OPTIMIZER_CHOICES, SETTING_LIMITS, type ExplainedSample } from '../../engine';
import { datasetChoiceSchema } from './datasetChoice';
import { modelRefSchema } from './modelRef';
import { networkSpecSchema } from './networkSpec';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** The most numbers a trace sends per tensor when the request does not say (a 16×16 weight grid; MNIST's 28×28 maps fit). */
export const DEFAULT_EXPLAIN_VALUES = 1024;
/** The most numbers per tensor a request may ask for. */
export const MAX_EXPLAIN_VALUES = 65_536;

export const explainStepSchema = z.object({
  spec: networkSpecSchema,
  /** The weights: the current run's or a saved model's (its network must be `spec`'s), or null for a seeded initialization. */
  weights: modelRefSchema.nullable(),
  /** Draws the initial weights when `weights` is null. */
  seed: int(SETTING_LIMITS.seed.min, SETTING_LIMITS.seed.max),
  dataset: datasetChoiceSchema,
  /** Which part of the data the sample is taken from. */
  split: z.enum(['train', 'test']),
  /** The sample's index in that part (0-based). */
  sample: int(0, 10_000_000),
  /** null = the task's own loss (cross-entropy for classes, BCE for one sigmoid unit, MSE for values). */
  loss: z.enum(LOSSES).nullable(),
  learningRate: z.number().gt(SETTING_LIMITS.learningRate.above).max(SETTING_LIMITS.learningRate.max),
  /** The update rule; absent = plain SGD, the course's w ← w − α·∂L/∂w. */
  optimizer: z.enum(OPTIMIZER_CHOICES).optional(),
  /** Tensors with more values than this carry their summary (and the first feature maps) only. */
  maxValues: int(16, MAX_EXPLAIN_VALUES).optional(),
  /**
   * Per layer of `spec`, the unit (Dense) or filter (Conv2D) the student looks at, or null:
   * its weights come whole (`LayerTrace.focus`) even in a layer too large to send.
   */
  focus: z.array(int(0, 4095).nullable()).max(100).optional(),
}).strict();
export type ExplainRequest = z.infer<typeof explainStepSchema>;

export const explainRequestSchemas = {
  'explain:step': explainStepSchema,
} as const;

/**
 * The trace, and what the stepper needs to let the student pick another sample: `sample`,
 * `sampleCount` (of the chosen part), `classNames` (null for values) and `label` (the
 * sample's class, null for values). The engine's `ExplainedSample`, as it crosses the boundary.
 */
export type ExplainedStep = ExplainedSample;

export interface ExplainResponses {
  'explain:step': ExplainedStep;
}
