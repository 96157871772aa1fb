import { describe, expect, it } from 'vitest';
import { FrameScheduler, type FrameSource } from './frameScheduler';

/** Frames that come when the test ticks, 16 ms apart on a fake clock. */
function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  let time = 1000;
  const source: FrameSource = {
    request: (cb) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h) => void queue.delete(h),
    now: () => time,
  };
  const tick = () => {
    time += 16;
    const due = [...queue.values()];
    queue.clear();
    due.forEach((cb) => cb());
  };
  return { source, tick, pending: () => queue.size };
}

describe('FrameScheduler', () => {
  it('coalesces any number of invalidations into one call per frame', () => {
    const f = fakeFrames();
    const s = new FrameScheduler(f.source, 0);
    let calls = 0;
    s.subscribe(() => calls++);
    for (let i = 0; i < 50; i++) s.invalidate();
    expect(f.pending()).toBe(1);
    expect(calls).toBe(0);
    f.tick();
    expect(calls).toBe(1);
    f.tick();
    expect(calls).toBe(1); // nothing changed: no redraw
    s.invalidate();
    s.invalidate();
    f.tick();
    expect(calls).toBe(2);
  });

  it('wakes every subscriber once per frame, asks for no frame without subscribers, stops on unsubscribe', () => {
    const f = fakeFrames();
    const s = new FrameScheduler(f.source, 0);
    s.invalidate();
    expect(f.pending()).toBe(0);
    const seen: string[] = [];
    const offA = s.subscribe(() => seen.push('a'));
    s.subscribe(() => seen.push('b'));
    s.invalidate();
    s.invalidate();
    f.tick();
    expect(seen).toEqual(['a', 'b']);
    offA();
    s.invalidate();
    f.tick();
    expect(seen).toEqual(['a', 'b', 'b']);
  });

  it('redraws no more often than the minimum interval, however many frames and events come', () => {
    const f = fakeFrames();
    const s = new FrameScheduler(f.source, 100);
    const at: number[] = [];
    s.subscribe(() => at.push(f.source.now()));
    for (let frame = 0; frame < 40; frame++) {
      s.invalidate(); // an event in every frame
      f.tick();
    }
    expect(at.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(100);
    s.invalidate();
    for (let frame = 0; frame < 10; frame++) f.tick();
    const last = at.length;
    for (let frame = 0; frame < 10; frame++) f.tick();
    expect(at.length).toBe(last); // the change was drawn once; idle frames draw nothing
  });

  it('flush runs now and cancels the frame; dispose cancels everything', () => {
    const f = fakeFrames();
    const s = new FrameScheduler(f.source);
    let calls = 0;
    s.subscribe(() => calls++);
    s.invalidate();
    s.flush();
    expect(calls).toBe(1);
    expect(f.pending()).toBe(0);
    s.invalidate();
    s.dispose();
    expect(f.pending()).toBe(0);
    expect(s.scheduled).toBe(false);
  });
});
