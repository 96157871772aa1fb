/**
 * Part of the contract (`contract.ts` re-exports it): what a prediction answers and what a
 * finished run's test result carries.
 */
import type { Measures } from '../../engine';

/** A test image with what the model made of it; `pixels` is 28×28 bytes, base64. */
export interface Example {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  pixels: string;
}

export interface LayerActivation {
  name: string;
  type: string;
  /** Per-sample output shape, e.g. [24, 24, 8] or [128]. */
  shape: number[];
  values: number[];
}

export interface Prediction {
  probs: number[];
  predicted: number;
  /** Each layer's output for this input, when asked for. */
  layers: LayerActivation[] | null;
  /**
   * With the layers, for an image: ∂(predicted class's score)/∂(each pixel), the engine's own
   * backward pass (saliency: what the network looks at), `[...inputShape]`, signed.
   */
  saliency?: number[] | null;
  milliseconds: number;
}

export interface TestResult {
  /** Test samples evaluated. */
  count: number;
  /** The loss and the task's metrics on the test set. */
  measures: Measures;
  /** confusion[true][predicted]; null for tasks without classes. */
  confusion: number[][] | null;
  /** The misclassified test images, most confident mistakes first (at most MAX_EXAMPLES_SENT, see `misclassifiedCount`). */
  misclassified: Example[];
  misclassifiedCount: number;
  /** Samples that are numbers (points, a table's rows): the first test samples' predicted class and its probability, in order. */
  samples?: { predicted: number[]; confidence: number[] };
}

export const MAX_EXAMPLES_SENT = 1000;
/** Most test samples whose predictions a result carries (the renderer lists them beside their numbers). */
export const MAX_SAMPLES_SENT = 5000;
