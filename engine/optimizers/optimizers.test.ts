import { describe, expect, it } from 'vitest';
import { makeParam, type Param } from '../layers/layer';
import { Adam } from './adam';
import { learningRateAt } from './schedule';
import { Sgd } from './sgd';

function param(values: number[], grads: number[], decay = true): Param {
  const p = makeParam('kernel', [values.length], decay);
  p.value.set(values);
  p.grad.set(grads);
  return p;
}

describe('optimizers', () => {
  it('SGD: w ← w − lr·g', () => {
    const p = param([1, 2], [0.5, -1]);
    new Sgd().step([p], 0.1);
    expect([...p.value]).toEqual([Math.fround(0.95), Math.fround(2.1)]);
  });

  it('SGD with momentum accumulates velocity; Nesterov looks ahead', () => {
    const p = param([0], [1]), q = param([0], [1]);
    const plain = new Sgd(0.9), nesterov = new Sgd(0.9, true);
    plain.step([p], 1);
    plain.step([p], 1); // v = 1, then 1.9 → w = −2.9
    expect(p.value[0]).toBeCloseTo(-2.9, 6);
    nesterov.step([q], 1); // v = 1, w −= 1 + 0.9
    nesterov.step([q], 1); // v = 1.9, w −= 1 + 1.71
    expect(q.value[0]).toBeCloseTo(-1.9 - 2.71, 5);
  });

  it('L2 weight decay adds λ·w to kernels only', () => {
    const kernel = param([2], [0]), bias = param([2], [0], false);
    new Sgd(0, false, 0.5).step([kernel, bias], 1);
    expect(kernel.value[0]).toBeCloseTo(1, 6);
    expect(bias.value[0]).toBe(2);
  });

  it('Adam: the first step moves each weight by about lr, against its gradient', () => {
    const p = param([1, 1, 1], [10, -0.001, 0]);
    new Adam().step([p], 0.01);
    expect(p.value[0]).toBeCloseTo(0.99, 4);
    expect(p.value[1]).toBeCloseTo(1.01, 3);
    expect(p.value[2]).toBe(1);
  });

  it('Adam minimises a quadratic', () => {
    const p = param([3, -4], [0, 0]);
    const adam = new Adam();
    for (let i = 0; i < 2000; i++) {
      p.grad[0] = 2 * p.value[0]!;
      p.grad[1] = 2 * p.value[1]!;
      adam.step([p], 0.05);
    }
    expect(Math.abs(p.value[0]!)).toBeLessThan(1e-2);
    expect(Math.abs(p.value[1]!)).toBeLessThan(1e-2);
  });

  it('learning-rate schedules', () => {
    expect(learningRateAt(0.1, { type: 'constant' }, 5, 500)).toBe(0.1);
    expect(learningRateAt(0.1, { type: 'step', every: 2, factor: 0.5 }, 0, 0)).toBe(0.1);
    expect(learningRateAt(0.1, { type: 'step', every: 2, factor: 0.5 }, 3, 0)).toBe(0.05);
    expect(learningRateAt(0.1, { type: 'step', every: 2, factor: 0.5 }, 4, 0)).toBeCloseTo(0.025, 10);
    expect(learningRateAt(0.1, { type: 'exponential', rate: 0.5, decay_steps: 100 }, 0, 200)).toBeCloseTo(0.025, 10);
  });
});
