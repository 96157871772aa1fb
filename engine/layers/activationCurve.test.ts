import { describe, expect, it } from 'vitest';
import { activationCurve, linspace } from './activationCurve';
import { ACTIVATIONS } from './activations';

/** f′ by central differences on f as the curve gives it, to check the backward it reports. */
function numericSlope(name: (typeof ACTIVATIONS)[number], x: number): number {
  const h = 1e-2, c = activationCurve(name, [x - h, x + h]);
  return (c.y[1]! - c.y[0]!) / (2 * h);
}

describe('activationCurve', () => {
  it('gives f and f′ of the engine’s activations (sigmoid at 0: ½ and ¼, its maximum)', () => {
    const c = activationCurve('sigmoid', linspace(-6, 6, 121));
    expect(c.y[60]).toBeCloseTo(0.5, 6);
    expect(c.dy[60]).toBeCloseTo(0.25, 6);
    expect(Math.max(...c.dy)).toBeCloseTo(0.25, 6);
  });

  it('has ReLU′ = 0 on the dead side and 1 on the other, tanh′(0) = 1, linear′ = 1', () => {
    const relu = activationCurve('relu', [-2, -0.5, 0.5, 2]);
    expect([...relu.y]).toEqual([0, 0, 0.5, 2]);
    expect([...relu.dy]).toEqual([0, 0, 1, 1]);
    expect(activationCurve('tanh', [0]).dy[0]).toBe(1);
    expect([...activationCurve('linear', [-3, 4]).dy]).toEqual([1, 1]);
  });

  it.each(ACTIVATIONS.map((a) => [a]))('%s: f′ matches the finite difference of f', (name) => {
    for (const x of [-2.3, -0.7, 0.4, 1.9]) {
      expect(activationCurve(name, [x]).dy[0]).toBeCloseTo(numericSlope(name, x), 3);
    }
  });

  it('softmax on (x, 0) is σ(x), with derivative σ(x)(1 − σ(x))', () => {
    const s = activationCurve('softmax', [1.5]), sig = activationCurve('sigmoid', [1.5]);
    expect(s.y[0]).toBeCloseTo(sig.y[0]!, 6);
    expect(s.dy[0]).toBeCloseTo(sig.dy[0]!, 6);
  });

  it('linspace includes both ends', () => {
    expect(linspace(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});
