/**
 * The gate alone, driven like the trainer drives it (`holds`, then `hold` before each
 * batch) over a made-up run of 3 epochs × 4 batches. Counts batches and signals; time
 * only matters through a fake clock for the pace.
 */
import { describe, expect, it } from 'vitest';
import type { BatchPosition } from '../../engine';
import { WatchGate } from './watchGate';

const EPOCHS = 3, BATCHES = 4;

/** A run the gate holds: trains (counts) batches in the background while the test acts on the gate. */
function harness(watch: ConstructorParameters<typeof WatchGate>[0], clock?: { now(): number }) {
  const signals: string[] = [];
  let done = 0;
  const gate = new WatchGate(watch, {
    paused: () => signals.push('paused'),
    resumed: () => signals.push('resumed'),
    stepped: (unit) => signals.push(`stepped ${unit} @${done}`),
  }, () => done, clock);
  let stopped = false, stopFlag = false;
  const finished = (async () => {
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let batch = 0; batch < BATCHES; batch++) {
        const next: BatchPosition = { epoch, batch };
        if (gate.holds(next)) await gate.hold(next);
        else await Promise.resolve();
        if (stopFlag) { stopped = true; return; }
        done++;
      }
    }
  })();
  return {
    gate, signals, finished,
    done: () => done,
    stopped: () => stopped,
    stop: () => { stopFlag = true; gate.stop(); },
  };
}

/** Lets the background run go as far as it can without a timer. */
const settle = async () => { for (let i = 0; i < 50; i++) await new Promise<void>((r) => setImmediate(r)); };

describe('the watch gate', () => {
  it('lets everything through at full speed without holding a batch', async () => {
    const h = harness(null);
    await h.finished;
    expect(h.done()).toBe(EPOCHS * BATCHES);
    expect(h.signals).toEqual([]);
  });

  it('starts paused in step mode, trains exactly one batch per batch step, and pauses again', async () => {
    const h = harness({ paused: true, batchesPerSecond: null });
    await settle();
    expect(h.done()).toBe(0);
    expect(h.signals).toEqual(['paused']);
    expect(h.gate.step('batch')).toBe(true);
    // A second step while the first is under way is refused.
    expect(h.gate.step('batch')).toBe(false);
    await settle();
    expect(h.done()).toBe(1);
    expect(h.gate.step('batch')).toBe(true);
    await settle();
    expect(h.done()).toBe(2);
    expect(h.signals).toEqual(['paused', 'stepped batch @1', 'stepped batch @2']);
  });

  it('ends an epoch step at the epoch boundary, from the start or the middle of an epoch', async () => {
    const h = harness({ paused: true, batchesPerSecond: null });
    await settle();
    h.gate.step('epoch');
    await settle();
    expect(h.done()).toBe(BATCHES);
    h.gate.step('batch');
    await settle();
    expect(h.done()).toBe(BATCHES + 1);
    // From the middle of epoch 2: the rest of it only.
    h.gate.step('epoch');
    await settle();
    expect(h.done()).toBe(2 * BATCHES);
    expect(h.signals).toEqual(['paused', `stepped epoch @${BATCHES}`, `stepped batch @${BATCHES + 1}`, `stepped epoch @${2 * BATCHES}`]);
  });

  it('refuses a step while running, and resumes to the end', async () => {
    const h = harness({ paused: true, batchesPerSecond: null });
    await settle();
    h.gate.resume();
    expect(h.gate.step('batch')).toBe(false);
    await h.finished;
    expect(h.done()).toBe(EPOCHS * BATCHES);
    expect(h.signals).toEqual(['paused', 'resumed']);
  });

  it('stops while paused, without a resumed signal', async () => {
    const h = harness({ paused: true, batchesPerSecond: null });
    await settle();
    h.stop();
    await h.finished;
    expect(h.stopped()).toBe(true);
    expect(h.done()).toBe(0);
    expect(h.signals).toEqual(['paused']);
  });

  it('paces batches on a timer: none early, one each time the clock passes an interval, full speed again at once', async () => {
    let now = 0;
    const h = harness({ paused: false, batchesPerSecond: 0.001 }, { now: () => now });
    await settle();
    // The first batch goes at once; the next waits 1000 s of the fake clock (the real timer is far longer than this test).
    expect(h.done()).toBe(1);
    await settle();
    expect(h.done()).toBe(1);
    // A new pace wakes the gate: 200 a second is 5 ms apart, and the clock is 10 ms on: one more batch, then it waits again.
    now = 10;
    h.gate.pace(200);
    await settle();
    expect(h.done()).toBe(2);
    await settle();
    expect(h.done()).toBe(2);
    h.gate.pace(null);
    await h.finished;
    expect(h.done()).toBe(EPOCHS * BATCHES);
  });

  it('keeps the learning rate set during the run', () => {
    const h = harness({ paused: true, batchesPerSecond: null });
    expect(h.gate.learningRate).toBeNull();
    h.gate.setLearningRate(0.3);
    expect(h.gate.learningRate).toBe(0.3);
    h.stop();
  });
});
