/**
 * Bounded undo/redo over immutable snapshots. `record(before)` is called with the state
 * an edit replaces; undo/redo swap the current state for a stored one. Consecutive edits
 * with the same coalescing key (typing in one field) make a single undo step until
 * `breakCoalescing()` (the field loses focus) or any other edit.
 */
export class History<T> {
  #past = $state.raw<readonly T[]>([]);
  #future = $state.raw<readonly T[]>([]);
  #coalesceKey: string | null = null;
  readonly limit: number;

  readonly canUndo = $derived(this.#past.length > 0);
  readonly canRedo = $derived(this.#future.length > 0);

  constructor(limit = 100) {
    this.limit = limit;
  }

  get undoDepth(): number {
    return this.#past.length;
  }

  /** Stores `before` as an undo step (unless coalesced with the previous edit) and clears redo. */
  record(before: T, coalesceKey: string | null = null): void {
    const merge = coalesceKey !== null && coalesceKey === this.#coalesceKey && this.#past.length > 0;
    this.#coalesceKey = coalesceKey;
    if (!merge) this.#past = [...this.#past, before].slice(-this.limit);
    if (this.#future.length > 0) this.#future = [];
  }

  breakCoalescing(): void {
    this.#coalesceKey = null;
  }

  /** The state to go back to, given the current one (which becomes redoable); null if none. */
  undo(current: T): T | null {
    const prev = this.#past.at(-1);
    if (prev === undefined) return null;
    this.#past = this.#past.slice(0, -1);
    this.#future = [...this.#future, current];
    this.#coalesceKey = null;
    return prev;
  }

  redo(current: T): T | null {
    const next = this.#future.at(-1);
    if (next === undefined) return null;
    this.#future = this.#future.slice(0, -1);
    this.#past = [...this.#past, current].slice(-this.limit);
    this.#coalesceKey = null;
    return next;
  }

  clear(): void {
    this.#past = [];
    this.#future = [];
    this.#coalesceKey = null;
  }
}
