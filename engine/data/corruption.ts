/**
 * Corruption of an autoencoder's *inputs* (the denoising lessons of document 003): the
 * network sees a damaged image and is asked for the clean one. Only the training batches'
 * inputs are corrupted, each draw from a generator derived from the run's seed; targets
 * are always the clean images, and validation and test are measured on clean inputs, so
 * a run's test figures compare with runs that had no corruption (the issue's table). A
 * view that wants a corrupted test image (the reconstruction grid) calls
 * `corruptInputs` itself with its own seeded generator.
 *
 * Applied in this order, each optional:
 *   1. binarisation: x ← 1 if x ≥ threshold else 0;
 *   2. Gaussian noise: x ← clamp(x + σ·N(0, 1), 0, 1), kept in the pixel range the network meets at test time;
 *   3. masking: each value set to 0 with probability `fraction` (masked pixels are blank, whatever came before).
 */
import type { Rng } from '../core/rng';
import { msg, type Message } from '../messages';

export interface Corruption {
  /** Standard deviation of the Gaussian noise added to each value, 0 to 2. */
  readonly noise?: number;
  /** Threshold of the binarisation, strictly between 0 and 1. */
  readonly binarize?: number;
  /** Share of the values set to 0, from 0 up to (not including) 1. */
  readonly mask?: number;
}

/** Whether the corruption changes anything (absent, or every part off). */
export function isCorrupting(c: Corruption | null | undefined): c is Corruption {
  return !!c && ((c.noise ?? 0) > 0 || c.binarize !== undefined || (c.mask ?? 0) > 0);
}

/** Every problem with a corruption's settings, as catalog messages. */
export function corruptionProblems(c: Corruption): Message[] {
  const out: Message[] = [];
  const has = (v: unknown) => v !== undefined;
  if (has(c.noise) && !(typeof c.noise === 'number' && c.noise >= 0 && c.noise <= 2)) out.push(msg('train.corruptionNoise', { got: String(c.noise) }));
  if (has(c.binarize) && !(typeof c.binarize === 'number' && c.binarize > 0 && c.binarize < 1)) out.push(msg('train.corruptionBinarize', { got: String(c.binarize) }));
  if (has(c.mask) && !(typeof c.mask === 'number' && c.mask >= 0 && c.mask < 1)) out.push(msg('train.corruptionMask', { got: String(c.mask) }));
  return out;
}

/**
 * Corrupts `x[0 … count·perSample)` in place. Draws from `rng` only for the parts that are
 * on, one value after the other, so the same generator state gives the same damage.
 */
export function corruptInputs(x: Float32Array, count: number, perSample: number, c: Corruption, rng: Rng): void {
  const n = count * perSample;
  if (c.binarize !== undefined) {
    const t = c.binarize;
    for (let i = 0; i < n; i++) x[i] = x[i]! >= t ? 1 : 0;
  }
  const sigma = c.noise ?? 0;
  if (sigma > 0) {
    for (let i = 0; i < n; i++) {
      const v = x[i]! + sigma * rng.normal();
      x[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  const fraction = c.mask ?? 0;
  if (fraction > 0) {
    for (let i = 0; i < n; i++) if (rng.next() < fraction) x[i] = 0;
  }
}

/** A corruption as a saved file or a message from the UI holds it, checked; null when it is not one (or corrupts nothing). */
export function readCorruption(raw: unknown): Corruption | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const c: { noise?: number; binarize?: number; mask?: number } = {};
  for (const k of ['noise', 'binarize', 'mask'] as const) if (typeof o[k] === 'number') c[k] = o[k];
  return corruptionProblems(c).length === 0 && isCorrupting(c) ? c : null;
}
