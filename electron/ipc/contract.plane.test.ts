/** The plane's datasets, plane views and `predict:plane` at the boundary: what is accepted, what is refused. */
import { describe, expect, it } from 'vitest';
import { parseRequest } from './contract';

const generated = { kind: 'generated', generator: 'circles', points: 400, noise: null, arms: 2, seed: 7, testShare: 0.2 };
const rows = (n: number, classes = 2) => Array.from({ length: n }, (_, i) => [i / n - 0.5, 0.25, i % classes]);
const own = { kind: 'points', points: rows(10), seed: 1, testShare: 0.2 };
const describeSource = (source: unknown) => parseRequest('datasets:describe', { source, limit: null });

describe('generated and own-points sources', () => {
  it('accept the settings the playground offers', () => {
    expect(describeSource(generated).ok).toBe(true);
    expect(describeSource({ ...generated, generator: 'spiral', arms: 3, noise: 2, points: 2000, testShare: 0.5 }).ok).toBe(true);
    expect(describeSource(own).ok).toBe(true);
    expect(describeSource({ ...own, points: rows(2000, 6) }).ok).toBe(true);
  });

  it('refuse a generated set out of range or of an unknown kind', () => {
    for (const bad of [
      { ...generated, points: 49 }, { ...generated, points: 2001 }, { ...generated, noise: 2.5 }, { ...generated, noise: -0.1 },
      { ...generated, arms: 4 }, { ...generated, generator: 'checkerboard' }, { ...generated, testShare: 0.6 }, { ...generated, testShare: 0.01 },
      { ...generated, extra: 1 }, { ...generated, seed: -1 },
    ]) expect(describeSource(bad).ok, JSON.stringify(bad)).toBe(false);
  });

  it('refuse bad points: NaN, too many, class 6, one class only, extra keys, too few, outside ±10', () => {
    const cases: [string, unknown][] = [
      ['NaN', { ...own, points: [...rows(10), [Number.NaN, 0, 1]] }],
      ['Infinity', { ...own, points: [...rows(10), [0, Infinity, 1]] }],
      ['2001 points', { ...own, points: rows(2001) }],
      ['class 6', { ...own, points: [...rows(10), [0, 0, 6]] }],
      ['class 1.5', { ...own, points: [...rows(10), [0, 0, 1.5]] }],
      ['one class', { ...own, points: rows(10, 1) }],
      ['extra key', { ...own, colour: 'red' }],
      ['extra column', { ...own, points: [...rows(10), [0, 0, 1, 1]] }],
      ['3 points', { ...own, points: rows(3) }],
      ['x₁ = 11', { ...own, points: [...rows(10), [11, 0, 1]] }],
    ];
    for (const [what, bad] of cases) {
      const r = describeSource(bad);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.detail.key, what).toBe('general.invalidRequest');
    }
    const one = describeSource({ ...own, points: rows(10, 1) });
    expect(one.ok ? '' : one.message).toMatch(/need at least two classes \(at source\.points\)\.$/);
  });
});

describe('planeView and predict:plane', () => {
  const start = (planeView: unknown) => ({
    spec: { input_shape: [2], layers: [] },
    hyperparams: {
      epochs: 1, batchSize: 10, learningRate: 0.1, optimizer: 'adam', schedule: { type: 'constant' },
      weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 0, seed: 1,
    },
    dataset: { source: generated, limit: null },
    ...(planeView === undefined ? {} : { planeView }),
  });

  it('train:start takes an optional plane view within its bounds', () => {
    expect(parseRequest('train:start', start(undefined)).ok).toBe(true);
    expect(parseRequest('train:start', start(null)).ok).toBe(true);
    expect(parseRequest('train:start', start({ resolution: 200, unitResolution: 32, everyMs: 66 })).ok).toBe(true);
    for (const bad of [
      { resolution: 15, unitResolution: 32, everyMs: 66 }, { resolution: 257, unitResolution: 32, everyMs: 66 },
      { resolution: 200, unitResolution: 65, everyMs: 66 }, { resolution: 200, unitResolution: 32, everyMs: 29 },
      { resolution: 200, unitResolution: 32, everyMs: 66, extra: true }, { resolution: 200.5, unitResolution: 32, everyMs: 66 },
    ]) expect(parseRequest('train:start', start(bad)).ok, JSON.stringify(bad)).toBe(false);
  });

  it('predict:plane needs a model, ordered bounds and resolutions in range', () => {
    const ok = { model: { kind: 'current' }, bounds: { x1: [-1, 1], x2: [-2, 2] }, resolution: 64, unitResolution: 16 };
    expect(parseRequest('predict:plane', ok).ok).toBe(true);
    for (const bad of [
      { ...ok, bounds: { x1: [1, -1], x2: [-2, 2] } }, { ...ok, bounds: { x1: [-1, 1], x2: [0, Number.NaN] } },
      { ...ok, resolution: 300 }, { ...ok, unitResolution: 4 }, { ...ok, model: { kind: 'saved', id: '../x' } }, { ...ok, more: 1 },
    ]) expect(parseRequest('predict:plane', bad).ok, JSON.stringify(bad)).toBe(false);
  });
});
