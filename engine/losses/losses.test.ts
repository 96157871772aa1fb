import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { checkLossGradients } from '../testing/gradcheck';
import { randomArray } from '../testing/random';
import { lossByName, LOSSES, type LossName } from '.';

function oneHotTargets(batch: number, width: number, rng: Rng): Float32Array {
  const t = new Float32Array(batch * width);
  for (let b = 0; b < batch; b++) t[b * width + rng.int(width)] = 1;
  return t;
}

function targetsFor(name: LossName, batch: number, width: number, rng: Rng): Float32Array {
  return name === 'categorical_crossentropy' ? oneHotTargets(batch, width, rng) : randomArray(batch * width, rng, 0, 1);
}

describe('losses', () => {
  for (const name of LOSSES) {
    it(`${name} passes the gradient check`, () => {
      const rng = new Rng(6);
      const batch = 4, width = 10;
      const targets = targetsFor(name, batch, width, rng);
      const output = randomArray(batch * width, rng, -3, 3);
      // L1 has a kink where output = target: keep every output clear of it.
      if (name === 'mean_absolute_error') for (let i = 0; i < output.length; i++) if (Math.abs(output[i]! - targets[i]!) < 0.05) output[i]! += 0.1;
      const r = checkLossGradients(lossByName(name), output, targets, batch, width, rng, { eps: 1e-2, samples: 40 });
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });
  }

  it('cross-entropy from logits: known value, stable for huge logits, gradient p − t', () => {
    const ce = lossByName('categorical_crossentropy');
    const t = new Float32Array([0, 1, 0]);
    expect(ce.compute(new Float32Array([0, 0, 0]), t, 1, 3, null, 1)).toBeCloseTo(Math.log(3), 6);
    const d = new Float32Array(3);
    const huge = ce.compute(new Float32Array([1e4, -1e4, 0]), t, 1, 3, d, 1);
    expect(huge).toBeCloseTo(2e4, 0);
    expect([...d].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, -1, 0]);
  });

  it('binary cross-entropy from logits stays finite for extreme logits', () => {
    const bce = lossByName('binary_crossentropy');
    const v = bce.compute(new Float32Array([500, -500]), new Float32Array([0, 1]), 1, 2, null, 1);
    expect(v).toBeCloseTo(500, 3);
  });

  it('mean squared and absolute errors average over the last axis', () => {
    const y = new Float32Array([1, 2, 3, 4]), t = new Float32Array([0, 0, 0, 0]);
    expect(lossByName('mean_squared_error').compute(y, t, 2, 2, null, 1)).toBeCloseTo(2.5 + 12.5, 6);
    expect(lossByName('mean_absolute_error').compute(y, t, 2, 2, null, 1)).toBeCloseTo(1.5 + 3.5, 6);
  });

  it('scales the gradient (so micro-batches add up to the gradient of the mean)', () => {
    const mse = lossByName('mean_squared_error');
    const a = new Float32Array(2), b = new Float32Array(2);
    mse.compute(new Float32Array([1, 2]), new Float32Array([0, 0]), 1, 2, a, 1);
    mse.compute(new Float32Array([1, 2]), new Float32Array([0, 0]), 1, 2, b, 0.25);
    expect([...b]).toEqual([...a].map((v) => v * 0.25));
  });
});
