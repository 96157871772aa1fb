import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { SampleSet } from '../data/dataset';
import type { Task } from '../data/task';
import { randomArray } from '../testing/random';
import { headFor } from './taskHead';

const idx = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('meters add up', () => {
  const rng = new Rng(1);
  const set: SampleSet = { count: 6, inputs: randomArray(6 * 4, rng, 0, 1), labels: new Uint8Array([0, 2, 1, 1, 0, 2]), targets: randomArray(6 * 4, rng) };
  const cases: [string, Task, number, boolean][] = [
    ['classification', { kind: 'classification', classNames: ['a', 'b', 'c'] }, 3, true],
    ['regression', { kind: 'regression', targetNames: ['w', 'x', 'y', 'z'] }, 4, false],
    ['reconstruction', { kind: 'reconstruction' }, 4, true],
  ];
  for (const [name, task, width, logits] of cases) {
    it(`${name}: a meter that absorbs two batches' meters reads as one that measured both`, () => {
      const head = headFor(task, [4]);
      const out = randomArray(6 * width, rng, -2, 2);
      const whole = head.meter(set, logits), first = head.meter(set, logits), second = head.meter(set, logits), sum = head.meter(set, logits);
      whole.add(out, idx(6), 0, 6);
      first.add(out.subarray(0, 2 * width), idx(6), 0, 2);
      second.add(out.subarray(2 * width), idx(6), 2, 4);
      sum.absorb(first);
      sum.absorb(second);
      const a = whole.result() as Record<string, unknown>, b = sum.result() as Record<string, unknown>;
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const key of Object.keys(a)) {
        if (typeof a[key] === 'number') expect(b[key], key).toBeCloseTo(a[key] as number, 10);
        else expect(b[key], key).toEqual(a[key]);
      }
    });
  }
});
