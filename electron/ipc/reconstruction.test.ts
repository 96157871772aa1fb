import { describe, expect, it } from 'vitest';
import { parseRequest } from './contract';

const start = (reconstruct: unknown) => ({
  spec: { input_shape: [28, 28, 1], layers: [] },
  hyperparams: {
    epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', schedule: { type: 'constant' },
    weightDecay: 0, loss: 'binary_crossentropy', validationSize: 100, seed: 1,
  },
  dataset: { source: { kind: 'bundled' }, limit: 5000 },
  reconstruct,
});
const ok = (reconstruct: unknown) => parseRequest('train:start', start(reconstruct)).ok;

describe('train:start’s reconstruct', () => {
  it('takes a corruption of any of its parts, the grid and the code layer, or nothing', () => {
    expect(ok({ corruption: { noise: 0.3, binarize: 0.5, mask: 0.25 }, view: { count: 8, everyMs: 2000 }, codeLayer: 2 })).toBe(true);
    expect(ok({ corruption: null, view: null, codeLayer: null })).toBe(true);
    expect(ok(null)).toBe(true);
    expect(parseRequest('train:start', { ...start(null), reconstruct: undefined }).ok).toBe(true);
  });

  it('refuses damage the engine would refuse, a grid too big or too fast, and unknown fields', () => {
    expect(ok({ corruption: { noise: 2.5 }, view: null, codeLayer: null })).toBe(false);
    expect(ok({ corruption: { binarize: 1 }, view: null, codeLayer: null })).toBe(false);
    expect(ok({ corruption: { mask: 1 }, view: null, codeLayer: null })).toBe(false);
    expect(ok({ corruption: { blur: 1 }, view: null, codeLayer: null })).toBe(false);
    expect(ok({ corruption: null, view: { count: 17, everyMs: 2000 }, codeLayer: null })).toBe(false);
    expect(ok({ corruption: null, view: { count: 8, everyMs: 10 }, codeLayer: null })).toBe(false);
    expect(ok({ corruption: null, view: null, codeLayer: -1 })).toBe(false);
    expect(ok({ corruption: null, view: null })).toBe(false);
  });
});
