import { TSNE } from '@keckelt/tsne';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { SeededTsne } from './tsne';

describe('t-SNE', () => {
  it('our one-pass gradient is the library\'s, with and without early exaggeration', () => {
    const rng = new Rng(4);
    const data = Array.from({ length: 40 }, () => Array.from({ length: 5 }, () => rng.normal()));
    const t = new SeededTsne({ perplexity: 8 }, new Rng(1));
    t.initDataRaw(data);
    const Y = Array.from({ length: 40 }, () => [rng.normal(), rng.normal()]);
    for (const iter of [0, 150]) {
      (t as unknown as { iter: number }).iter = iter;
      const ours = t.costGrad(Y).grad, theirs = TSNE.prototype.costGrad.call(t, Y).grad as number[][];
      const scale = Math.max(...theirs.flat().map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      for (let i = 0; i < 40; i++) for (let d = 0; d < 2; d++) expect(Math.abs(ours[i]![d]! - theirs[i]![d]!) / scale).toBeLessThan(1e-9);
    }
  });
});
