/**
 * Sends the drawn digit to the engine and keeps the latest answer. Predictions never
 * pile up: at most one request is in flight; inputs that arrive meanwhile replace each
 * other, and only the latest is sent when the request in flight comes back (whose answer
 * is then dropped as stale). Clearing drops whatever is in flight.
 */
import type { LayerwiseApi, ModelRef, Prediction } from '../../../../electron/ipc/contract';
import { errorText } from '../../lib/i18n/i18n.svelte';

export type PredictApi = Pick<LayerwiseApi, 'predict'>;

export class Predictor {
  /** The answer for the latest input sent, or null (nothing drawn, no model, cleared). */
  prediction = $state.raw<Prediction | null>(null);
  /** Why the latest prediction failed (the thrown error); null when it did not. */
  #errorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the last prediction failed, worded in the UI's current language (it follows a language change). */
  get error(): string | null {
    return this.#errorCause && errorText(this.#errorCause.cause);
  }
  /** A request is in flight. */
  busy = $state(false);
  /** Requests sent so far (for tests and diagnostics). */
  sent = 0;

  readonly #api: PredictApi;
  readonly #model: () => ModelRef | null;
  readonly #withActivations: boolean;
  /** 'pixels': a drawing's grey levels (kept within [0, 1]); 'values': the numbers of a point or a table's row, as they are. */
  readonly #kind: 'pixels' | 'values';
  #input: Float32Array | null = null;
  /** The latest input (or model) has not been sent yet. */
  #dirty = false;
  #inFlight = false;
  /** Bumped by `clear`, so that an answer that comes back afterwards is dropped. */
  #generation = 0;

  constructor(api: PredictApi, model: () => ModelRef | null, options: { withActivations?: boolean; input?: 'pixels' | 'values' } = {}) {
    this.#api = api;
    this.#model = model;
    this.#withActivations = options.withActivations ?? true;
    this.#kind = options.input ?? 'pixels';
  }

  /** The 784 grey levels (or the n numbers) to predict (null or empty drawing: clears). */
  submit(pixels: Float32Array | null): void {
    if (pixels === null) {
      this.clear();
      return;
    }
    this.#input = pixels;
    this.#dirty = true;
    void this.#pump();
  }

  /** Predicts the current input again (the model changed). */
  refresh(): void {
    if (this.#input === null) return;
    this.#dirty = true;
    void this.#pump();
  }

  clear(): void {
    this.#input = null;
    this.#dirty = false;
    this.#generation++;
    this.prediction = null;
    this.#errorCause = null;
  }

  async #pump(): Promise<void> {
    if (this.#inFlight || !this.#dirty || this.#input === null) return;
    const model = this.#model();
    this.#dirty = false;
    if (model === null) {
      this.prediction = null;
      this.#errorCause = null;
      return;
    }
    const input = this.#input;
    const generation = this.#generation;
    this.#inFlight = true;
    this.busy = true;
    this.sent++;
    try {
      const withActivations = this.#withActivations;
      const answer = await this.#api.predict(this.#kind === 'values'
        ? { values: Array.from(input), model, withActivations }
        : { pixels: Array.from(input, (v) => (v > 1 ? 1 : v > 0 ? v : 0)), model, withActivations });
      if (this.#current(generation)) {
        this.prediction = answer;
        this.#errorCause = null;
      }
    } catch (e) {
      if (this.#current(generation)) {
        this.prediction = null;
        this.#errorCause = { cause: e };
      }
    } finally {
      this.#inFlight = false;
      this.busy = false;
      void this.#pump();
    }
  }

  /** An answer is still wanted: nothing newer is waiting and nothing was cleared meanwhile. */
  #current(generation: number): boolean {
    return generation === this.#generation && !this.#dirty;
  }
}
