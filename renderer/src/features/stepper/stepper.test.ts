import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLAY_INTERVAL } from './stepper.svelte';
import { stagesOf } from './stepStages';
import { doc004Step, fakeStepper } from './testing';

afterEach(() => vi.useRealTimers());

describe('the stepper’s state', () => {
  it('orders the stages: sample, forward layer by layer, loss, backward from the last layer, update', () => {
    expect(stagesOf({ layers: [{}, {}] as never })).toEqual([
      { phase: 'sample' }, { phase: 'forward', layer: 0 }, { phase: 'forward', layer: 1 }, { phase: 'loss' },
      { phase: 'backward', layer: 1 }, { phase: 'backward', layer: 0 }, { phase: 'update' },
    ]);
  });

  it('plays one stage per interval and stops at the update; previous pauses', async () => {
    vi.useFakeTimers();
    const { stepper } = fakeStepper();
    await stepper.load();
    stepper.play();
    vi.advanceTimersByTime(PLAY_INTERVAL * 2);
    expect(stepper.at).toBe(2);
    stepper.previous();
    expect(stepper.playing).toBe(false);
    stepper.play();
    vi.advanceTimersByTime(PLAY_INTERVAL * 20);
    expect(stepper.stage).toEqual({ phase: 'update' });
    expect(stepper.playing).toBe(false);
  });

  it('keeps only the answer to the latest request, and a new sample starts again at the sample', async () => {
    let release: (() => void) | null = null;
    const { stepper, requests } = fakeStepper((r) => r.sample === 3
      ? new Promise((resolve) => (release = () => resolve({ ...doc004Step(), sample: 3 })))
      : Promise.resolve({ ...doc004Step(), sample: r.sample }));
    await stepper.load();
    stepper.goTo('update');
    const slow = stepper.pick(3);
    const fast = stepper.pick(5);
    await fast;
    release!();
    await slow;
    expect(requests.map((r) => r.sample)).toEqual([0, 3, 5]);
    expect(stepper.result!.sample).toBe(5);
    expect(stepper.at).toBe(0);
  });
});
