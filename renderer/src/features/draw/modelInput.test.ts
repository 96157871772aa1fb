import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../electron/ipc/contract';
import { PRESETS } from '$engine';
import { answerOf, inputKind, isAutoencoder, runData, shortDigits } from './modelInput';

const said = (probs: number[], predicted = 0): Prediction => ({ probs, predicted, layers: null, milliseconds: 1 });

describe('inputKind', () => {
  it('offers the pad for images, the plane for 2 numbers, fields for n numbers', () => {
    expect(inputKind([28, 28, 1])).toEqual({ kind: 'image' });
    expect(inputKind(null)).toEqual({ kind: 'image' });
    expect(inputKind([2])).toEqual({ kind: 'plane' });
    expect(inputKind([4])).toEqual({ kind: 'numbers', count: 4 });
    expect(inputKind([1])).toEqual({ kind: 'numbers', count: 1 });
    expect(inputKind([784])).toEqual({ kind: 'image' });
  });
});

describe('answerOf', () => {
  it('reads softmax outputs as classes named by the task', () => {
    const a = answerOf(said([0.2, 0.7, 0.1], 1), { kind: 'classification', classNames: ['a', 'b', 'c'] });
    expect(a).toEqual({ kind: 'classes', probs: [0.2, 0.7, 0.1], predicted: 1, classNames: ['a', 'b', 'c'] });
  });
  it('numbers the classes when the task is unknown or does not match the outputs', () => {
    expect(answerOf(said([0.6, 0.4]), null)).toMatchObject({ classNames: ['0', '1'], predicted: 0 });
    expect(answerOf(said([0.6, 0.4]), { kind: 'classification', classNames: ['a', 'b', 'c'] })).toMatchObject({ classNames: ['0', '1'] });
  });
  it('reads one sigmoid output of a binary task as two classes', () => {
    expect(answerOf(said([0.8]), { kind: 'binary', classNames: ['no', 'yes'] })).toEqual({ kind: 'classes', probs: [0.19999999999999996, 0.8], predicted: 1, classNames: ['no', 'yes'] });
  });
  it('reads a regression (or one number of an unknown task) as values', () => {
    expect(answerOf(said([1.5]), { kind: 'regression', targetNames: ['z'] })).toEqual({ kind: 'values', values: [1.5], names: ['z'] });
    expect(answerOf(said([-0.25]), null)).toEqual({ kind: 'values', values: [-0.25], names: ['y'] });
  });
});

describe('runData', () => {
  const spec = { input_shape: [2], layers: [] };
  const bounds = { x1: [-1, 1] as [number, number], x2: [-1, 1] as [number, number] };
  const task = { kind: 'classification', classNames: ['0', '1'] } as const;
  it('keeps the source, task and square of a run on points in the plane', () => {
    const source = { kind: 'generated', generator: 'xor', points: 200, noise: null, arms: 2, seed: 1, testShare: 0.2 } as const;
    expect(runData(spec, { source, limit: null }, { task, bounds })).toEqual({ inputShape: [2], task, source, bounds });
  });
  it('records no plane data for MNIST', () => {
    expect(runData({ input_shape: [28, 28, 1], layers: [] }, { source: { kind: 'bundled' }, limit: 1000 }, { task, bounds }))
      .toEqual({ inputShape: [28, 28, 1], task: null, source: null, bounds: null });
  });
});

describe('shortDigits', () => {
  it('gives a value the decimals it needs, at most 3', () => {
    expect(shortDigits(3)).toBe(0);
    expect(shortDigits(0.25)).toBe(2);
    expect(shortDigits(-1.23456)).toBe(3);
    expect(shortDigits(2.9999999)).toBe(0);
  });
});

describe('isAutoencoder', () => {
  it('is one for the reconstruction task, or an output of the input\'s shape when the task is unknown', () => {
    expect(isAutoencoder(PRESETS.autoencoder2d, null)).toBe(true);
    expect(isAutoencoder(PRESETS.autoencoder, { kind: 'reconstruction' })).toBe(true);
    expect(isAutoencoder(PRESETS.mlp, null)).toBe(false);
    expect(isAutoencoder(PRESETS.empty, null)).toBe(false);
    expect(isAutoencoder(PRESETS.autoencoder2d, { kind: 'classification', classNames: ['a', 'b'] })).toBe(false);
    expect(isAutoencoder(null, null)).toBe(false);
  });
});
