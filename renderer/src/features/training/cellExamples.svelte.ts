/**
 * The gallery under the confusion matrix: the test images of the cell picked, most
 * confident first. They come from the completed event's misclassified list when it holds
 * all of the cell's images, else from `train:examples` (the diagonal, or long lists).
 */
import type { Example, LayerwiseApi, TestResult } from '../../../../electron/ipc/contract';
import { errorText } from '../../lib/i18n/i18n.svelte';
import { byConfidence, examplesFromTest } from './confusion';

/** Most images shown for one confusion-matrix cell. */
export const EXAMPLES_LIMIT = 100;

export interface CellSelection {
  label: number;
  predicted: number;
  /** How many test images the cell counts. */
  count: number;
}

export class CellExamples {
  selection = $state.raw<CellSelection | null>(null);
  items = $state.raw<Example[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  /** Why the images could not be loaded (the thrown error). */
  #errorCause = $state.raw<{ cause: unknown } | null>(null);
  /** Why the examples could not be loaded, worded in the UI's current language (it follows a language change). */
  get error(): string | null {
    return this.#errorCause && errorText(this.#errorCause.cause);
  }
  private token = 0;

  constructor(private readonly api: Pick<LayerwiseApi, 'train:examples'>) {}

  /** Shows the cell (`label` = true digit, `predicted`) of `test`, the result of run `runId`. */
  async show(test: TestResult, runId: string, label: number, predicted: number): Promise<void> {
    const count = test.confusion?.[label]?.[predicted] ?? 0;
    const token = ++this.token;
    this.selection = { label, predicted, count };
    this.#errorCause = null;
    const local = count === 0 ? [] : examplesFromTest(test, label, predicted);
    if (local) {
      this.items = local.slice(0, EXAMPLES_LIMIT);
      this.status = 'ready';
      return;
    }
    this.items = [];
    this.status = 'loading';
    try {
      const list = await this.api['train:examples']({ runId, label, predicted, limit: EXAMPLES_LIMIT });
      if (token !== this.token) return;
      this.items = byConfidence(list);
      this.status = 'ready';
    } catch (e) {
      if (token !== this.token) return;
      this.#errorCause = { cause: e };
      this.status = 'error';
    }
  }

  clear(): void {
    this.token++;
    this.selection = null;
    this.items = [];
    this.status = 'idle';
    this.#errorCause = null;
  }
}
