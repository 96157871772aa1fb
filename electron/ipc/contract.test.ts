import { describe, expect, it } from 'vitest';
import { hyperparamsSchema, MAX_TRAINING_THREADS, parseRequest } from './contract';

const hyperparams = {
  epochs: 1, batchSize: 32, learningRate: 0.05, optimizer: 'adam', schedule: { type: 'constant' },
  weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 100, seed: 1,
};
const start = (h: Record<string, unknown>) => ({
  spec: { input_shape: [28, 28, 1], layers: [] }, hyperparams: h, dataset: { source: { kind: 'bundled' }, limit: null },
});

describe('hyperparams.threads', () => {
  it('is optional: absent means automatic', () => {
    const r = parseRequest('train:start', start(hyperparams));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.hyperparams).not.toHaveProperty('threads');
  });

  it('accepts whole numbers from 1 to 64', () => {
    expect(MAX_TRAINING_THREADS).toBe(64);
    for (const threads of [1, 2, 7, 64]) {
      const r = parseRequest('train:start', start({ ...hyperparams, threads }));
      expect(r.ok && r.value.hyperparams.threads, String(threads)).toBe(threads);
    }
  });

  it('refuses anything else, naming the field', () => {
    for (const threads of [0, 1.5, 65, -1, '2', Number.NaN, Infinity, null, [2], { n: 2 }]) {
      expect(hyperparamsSchema.safeParse({ ...hyperparams, threads }).success, String(threads)).toBe(false);
      const r = parseRequest('train:start', start({ ...hyperparams, threads }));
      expect(r.ok ? null : r.message, String(threads)).toMatch(/^Invalid request to train:start: .*\(at hyperparams\.threads\)\.$/);
    }
  });
});
