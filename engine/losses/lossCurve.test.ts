import { describe, expect, it } from 'vitest';
import { LOSSES } from './loss';
import { lossCurve, lossTakesProbabilities } from './lossCurve';

const predictionsFor = (name: (typeof LOSSES)[number]) => (lossTakesProbabilities(name) ? [0.1, 0.3, 0.6, 0.9] : [-1.2, -0.2, 0.7, 1.8]);

describe('lossCurve', () => {
  it('MSE: (ŷ − y)² and 2(ŷ − y); L1: |ŷ − y| and its sign', () => {
    const mse = lossCurve('mean_squared_error', 1, [0, 3]);
    expect([...mse.loss]).toEqual([1, 4]);
    expect([...mse.gradient]).toEqual([-2, 4]);
    const l1 = lossCurve('mean_absolute_error', 1, [0, 3]);
    expect([...l1.loss]).toEqual([1, 2]);
    expect([...l1.gradient]).toEqual([-1, 1]);
  });

  it('binary cross-entropy: −log ŷ for y = 1, gradient −1/ŷ, and ŷ − y against the logit', () => {
    const c = lossCurve('binary_crossentropy', 1, [0.25]);
    expect(c.loss[0]).toBeCloseTo(-Math.log(0.25), 5);
    expect(c.gradient[0]).toBeCloseTo(-4, 4);
    expect(c.logitGradient![0]).toBeCloseTo(0.25 - 1, 6);
  });

  it('categorical cross-entropy on two classes equals the binary one', () => {
    const cat = lossCurve('categorical_crossentropy', 0, [0.2, 0.7]), bin = lossCurve('binary_crossentropy', 0, [0.2, 0.7]);
    for (let i = 0; i < 2; i++) {
      expect(cat.loss[i]).toBeCloseTo(bin.loss[i]!, 5);
      expect(cat.gradient[i]).toBeCloseTo(bin.gradient[i]!, 3);
    }
  });

  it.each(LOSSES.map((l) => [l]))('%s: the gradient matches the finite difference of the loss', (name) => {
    for (const target of [0, 1]) {
      for (const p of predictionsFor(name)) {
        const h = 1e-3, c = lossCurve(name, target, [p - h, p, p + h]);
        expect(c.gradient[1]).toBeCloseTo((c.loss[2]! - c.loss[0]!) / (2 * h), 1);
      }
    }
  });
});
