/**
 * One request at a time, for the latest input: what Draw & test needs when answers come from
 * the engine while the student keeps drawing or dragging. At most one request is in flight;
 * inputs that arrive meanwhile replace each other and only the latest is sent when it comes
 * back — so a drag over the decoder map is throttled by the engine's own pace, never piles up,
 * and always ends on the point where the pointer stopped. Clearing drops what is in flight.
 */
import { errorText } from '../../lib/i18n/i18n.svelte';

export class LatestRequest<I, O> {
  /** The answer for the latest input sent, or null (nothing asked, cleared, failed). */
  answer = $state.raw<O | null>(null);
  /** The input the answer is for. */
  answeredFor = $state.raw<I | null>(null);
  /** A request is in flight. */
  busy = $state(false);
  #errorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the latest request failed, in the UI's current language (it follows a language change). */
  get error(): string | null {
    return this.#errorCause && errorText(this.#errorCause.cause);
  }
  /** Requests sent so far (tests, diagnostics). */
  sent = 0;

  readonly #ask: (input: I) => Promise<O> | null;
  #input: I | null = null;
  #dirty = false;
  #inFlight = false;
  #generation = 0;

  /** `ask` sends the request for an input; null when there is nothing to ask it of (no model). */
  constructor(ask: (input: I) => Promise<O> | null) {
    this.#ask = ask;
  }

  submit(input: I): void {
    this.#input = input;
    this.#dirty = true;
    void this.#pump();
  }

  /** Asks again for the current input (the model changed). */
  refresh(): void {
    if (this.#input === null) return;
    this.#dirty = true;
    void this.#pump();
  }

  clear(): void {
    this.#input = null;
    this.#dirty = false;
    this.#generation++;
    this.answer = null;
    this.answeredFor = null;
    this.#errorCause = null;
  }

  async #pump(): Promise<void> {
    if (this.#inFlight || !this.#dirty || this.#input === null) return;
    const input = this.#input, generation = this.#generation;
    this.#dirty = false;
    const request = this.#ask(input);
    if (request === null) {
      this.answer = null;
      this.#errorCause = null;
      return;
    }
    this.#inFlight = true;
    this.busy = true;
    this.sent++;
    try {
      const answer = await request;
      if (this.#current(generation)) {
        this.answer = answer;
        this.answeredFor = input;
        this.#errorCause = null;
      }
    } catch (e) {
      if (this.#current(generation)) {
        this.answer = null;
        this.#errorCause = { cause: e };
      }
    } finally {
      this.#inFlight = false;
      this.busy = false;
      void this.#pump();
    }
  }

  /** The answer is still wanted: nothing newer is waiting and nothing was cleared meanwhile. */
  #current(generation: number): boolean {
    return generation === this.#generation && !this.#dirty;
  }
}
