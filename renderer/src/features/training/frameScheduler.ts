/**
 * Coalesces redraws: training events can arrive 30 times a second and carry many batches
 * each; charts redraw at most once per animation frame, however many events came in, and
 * no more often than every `minInterval` ms (curves drawn 10 times a second look live and
 * leave the main thread free on a small classroom laptop). The frame source and clock are
 * injected so tests can step frames by hand.
 */
export interface FrameSource {
  request(callback: () => void): number;
  cancel(handle: number): void;
  /** Milliseconds, monotonic (performance.now()). */
  now(): number;
}

export const animationFrames: FrameSource = {
  request: (cb) =>
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : (setTimeout(cb, 16) as unknown as number),
  cancel: (h) => (typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(h) : clearTimeout(h)),
  now: () => performance.now(),
};

export const DEFAULT_MIN_INTERVAL_MS = 100;

export class FrameScheduler {
  private readonly listeners = new Set<() => void>();
  private pending: number | null = null;
  private lastFlush = -Infinity;

  constructor(
    private readonly frames: FrameSource = animationFrames,
    private readonly minInterval = DEFAULT_MIN_INTERVAL_MS,
  ) {}

  /** Calls `listener` once in a coming frame after any `invalidate()`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something changed: ask for one frame (a no-op if one is already asked for). */
  invalidate(): void {
    if (this.pending !== null || this.listeners.size === 0) return;
    this.pending = this.frames.request(() => this.onFrame());
  }

  get scheduled(): boolean {
    return this.pending !== null;
  }

  /** Runs the listeners now (and cancels the frame asked for, if any). */
  flush(): void {
    if (this.pending !== null) this.frames.cancel(this.pending);
    this.pending = null;
    this.lastFlush = this.frames.now();
    for (const listener of [...this.listeners]) listener();
  }

  dispose(): void {
    if (this.pending !== null) this.frames.cancel(this.pending);
    this.pending = null;
    this.listeners.clear();
  }

  /** A frame came: redraw, unless the last redraw is too recent (then wait for a later frame). */
  private onFrame(): void {
    if (this.frames.now() - this.lastFlush < this.minInterval) {
      this.pending = this.frames.request(() => this.onFrame());
      return;
    }
    this.pending = null;
    this.flush();
  }
}
