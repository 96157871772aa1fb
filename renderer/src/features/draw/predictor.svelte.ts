/**
 * Sends the drawn digit (or a sample's numbers) to the engine and keeps the latest answer:
 * a {@link LatestRequest} for `predict`, so predictions never pile up while the student draws.
 */
import type { LayerwiseApi, ModelRef, Prediction } from '../../../../electron/ipc/contract';
import { LatestRequest } from './latestRequest.svelte';

export type PredictApi = Pick<LayerwiseApi, 'predict'>;

export class Predictor extends LatestRequest<Float32Array, Prediction> {
  /**
   * `input`: 'pixels', a drawing's grey levels (kept within [0, 1]); 'values', the numbers
   * of a point or a table's row, as they are.
   */
  constructor(api: PredictApi, model: () => ModelRef | null, options: { withActivations?: boolean; input?: 'pixels' | 'values' } = {}) {
    const withActivations = options.withActivations ?? true;
    const kind = options.input ?? 'pixels';
    super((input) => {
      const ref = model();
      if (ref === null) return null;
      return api.predict(kind === 'values'
        ? { values: Array.from(input), model: ref, withActivations }
        : { pixels: Array.from(input, (v) => (v > 1 ? 1 : v > 0 ? v : 0)), model: ref, withActivations });
    });
  }

  /** The answer for the latest input sent, or null (nothing drawn, no model, cleared). */
  get prediction(): Prediction | null {
    return this.answer;
  }

  /** The 784 grey levels (or the n numbers) to predict; null (an empty drawing) clears. */
  override submit(input: Float32Array | null): void {
    if (input === null) this.clear();
    else super.submit(input);
  }
}
