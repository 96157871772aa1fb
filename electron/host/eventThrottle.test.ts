import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../ipc/contract';
import { EventThrottle, type EngineBatchEvent, type ThrottleClock } from './eventThrottle';

class FakeClock implements ThrottleClock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
}

const batch = (epoch: number, b: number, batchesPerEpoch = 1000): EngineBatchEvent => ({
  type: 'batch', epoch, batch: b, batchesPerEpoch, measures: { loss: 1 / (b + 1), accuracy: b / batchesPerEpoch }, learningRate: 0.1,
  samplesDone: epoch * batchesPerEpoch + b + 1, samplesTotal: 2 * batchesPerEpoch, samplesPerSecond: 1000, etaSeconds: 1,
});

function setup(rate = 30) {
  const clock = new FakeClock();
  const out: TrainEvent[] = [];
  const throttle = new EventThrottle('r1', (e) => out.push(e), { maxEventsPerSecond: rate, clock });
  const batches = () => out.filter((e): e is Extract<TrainEvent, { type: 'batches' }> => e.type === 'batches');
  return { clock, out, throttle, batches };
}

describe('EventThrottle', () => {
  it('sends at most maxEventsPerSecond batches messages a second and keeps every batch', () => {
    const { clock, throttle, batches } = setup(30);
    // 10,000 batches over 2 seconds, one every 0.2 ms.
    for (let i = 0; i < 10_000; i++) {
      throttle.batch(batch(0, i, 10_000));
      clock.advance(0.2);
    }
    clock.advance(100);
    const sent = batches();
    expect(sent.length).toBeLessThanOrEqual(2 * 30 + 1);
    expect(sent.length).toBeGreaterThanOrEqual(2 * 30 - 2);
    const steps = sent.flatMap((e) => e.steps);
    expect(steps).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(sent.flatMap((e) => e.loss)).toHaveLength(10_000);
    expect(sent.flatMap((e) => e.metrics.accuracy!)).toEqual(Array.from({ length: 10_000 }, (_, i) => i / 10_000));
    expect(sent.flatMap((e) => e.learningRate)).toEqual(new Array<number>(10_000).fill(0.1));
    expect(sent.every((e) => Object.keys(e.metrics).join() === 'accuracy')).toBe(true);
    expect(sent.at(-1)!.samplesDone).toBe(10_000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('carries each task\'s own metrics, step by step (MAE and R² for a regression, no accuracy)', () => {
    const { clock, throttle, batches } = setup(30);
    for (let b = 0; b < 3; b++) {
      throttle.batch({ ...batch(0, b, 3), measures: { loss: 1 / (b + 1), mae: 0.5 - b / 10, r2: b / 4 }, learningRate: 0.1 / (b + 1) });
    }
    clock.advance(1000);
    const sent = batches();
    expect(sent.flatMap((e) => e.steps)).toEqual([1, 2, 3]);
    expect(sent.flatMap((e) => e.loss)).toEqual([1, 1 / 2, 1 / 3]);
    expect(sent.flatMap((e) => e.metrics.mae!)).toEqual([0.5, 0.4, 0.3]);
    expect(sent.flatMap((e) => e.metrics.r2!)).toEqual([0, 0.25, 0.5]);
    expect(sent.flatMap((e) => e.learningRate)).toEqual([0.1, 0.1 / 2, 0.1 / 3]);
    expect(sent.every((e) => e.metrics.accuracy === undefined)).toBe(true);
  });

  it('sends a lone batch after a quiet spell at once, and a trailing one after the interval', () => {
    const { clock, throttle, batches } = setup(10);
    throttle.batch(batch(0, 0));
    expect(batches()).toHaveLength(1);
    clock.advance(10);
    throttle.batch(batch(0, 1));
    expect(batches()).toHaveLength(1);
    clock.advance(89);
    expect(batches()).toHaveLength(1);
    clock.advance(1);
    expect(batches()).toHaveLength(2);
    expect(batches()[1]!.steps).toEqual([2]);
  });

  it('flushes pending batches before any other event, keeping the order', () => {
    const { clock, throttle, out } = setup(30);
    throttle.batch(batch(0, 0, 3));
    throttle.batch(batch(0, 1, 3));
    throttle.batch(batch(0, 2, 3));
    throttle.event({ type: 'epoch', runId: 'r1', epoch: 0, seconds: 1, running: { loss: 1, accuracy: 0.5 }, train: null, trainCount: 0, val: null });
    throttle.batch(batch(1, 0, 3));
    throttle.event({ type: 'paused', runId: 'r1' });
    clock.advance(1000);
    expect(out.map((e) => e.type)).toEqual(['batches', 'batches', 'epoch', 'batches', 'paused']);
    expect(out.flatMap((e) => (e.type === 'batches' ? e.steps : []))).toEqual([1, 2, 3, 4]);
  });

  it('never mixes two epochs in one message', () => {
    const { clock, throttle, batches } = setup(30);
    throttle.batch(batch(0, 0, 2));
    throttle.batch(batch(0, 1, 2));
    throttle.batch(batch(1, 0, 2));
    clock.advance(1000);
    expect(batches().map((b) => [b.epoch, b.steps])).toEqual([[0, [1]], [0, [2]], [1, [3]]]);
  });

  it('ignores everything after close', () => {
    const { clock, throttle, out } = setup(30);
    throttle.batch(batch(0, 0));
    throttle.batch(batch(0, 1));
    throttle.close();
    throttle.batch(batch(0, 2));
    throttle.event({ type: 'resumed', runId: 'r1' });
    clock.advance(1000);
    expect(out.flatMap((e) => (e.type === 'batches' ? e.steps : []))).toEqual([1, 2]);
    expect(clock.pendingTimers).toBe(0);
  });
});
