/**
 * The task an image dataset trains for: classify the digits (as ever), or give each image
 * back (an autoencoder), optionally from a damaged input — Gaussian noise, binarisation,
 * masked pixels, each off until ticked (the denoising lessons of the course). The values
 * are kept when a part is switched off, so ticking it again brings them back.
 */
import type { CorruptionSettings, ReconstructRequest, SavedReconstruction } from '../../../../electron/ipc/contract';
import type { Problem } from './settingsRules';

export type ImageTask = 'classify' | 'reconstruct';
export const IMAGE_TASKS: readonly ImageTask[] = ['classify', 'reconstruct'];
export type CorruptionPart = 'noise' | 'binarize' | 'mask';
export const CORRUPTION_PARTS: readonly CorruptionPart[] = ['noise', 'binarize', 'mask'];

/** Each part's range (the engine's, engine/data/corruption.ts) and its value when first ticked. */
export const CORRUPTION_RANGES: Readonly<Record<CorruptionPart, { min: number; max: number; step: number; start: number; maxIncluded: boolean }>> = {
  noise: { min: 0, max: 2, step: 0.05, start: 0.3, maxIncluded: true },
  binarize: { min: 0, max: 1, step: 0.05, start: 0.5, maxIncluded: false },
  mask: { min: 0, max: 1, step: 0.05, start: 0.25, maxIncluded: false },
};

/** The live grid: 8 test images, a frame every 2 seconds (and at every epoch's end). */
export const GRID_VIEW = { count: 8, everyMs: 2000 } as const;

/** The corruption as kept across launches: each part's tick and value. */
export type StoredCorruption = Partial<Record<CorruptionPart, { on: boolean; value: number | null }>>;

/** The sound parts of a kept corruption (ranges are checked by the form, as for any typed value). */
export function readStoredCorruption(raw: unknown): StoredCorruption | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const out: StoredCorruption = {};
  for (const part of CORRUPTION_PARTS) {
    const p = (raw as Record<string, unknown>)[part] as { on?: unknown; value?: unknown } | null | undefined;
    const value = p?.value;
    if (typeof p?.on === 'boolean' && (value === null || (typeof value === 'number' && Number.isFinite(value)))) out[part] = { on: p.on, value };
  }
  return out;
}

export class ReconstructionSettings {
  task = $state<ImageTask>('classify');
  readonly on = $state<Record<CorruptionPart, boolean>>({ noise: false, binarize: false, mask: false });
  readonly values = $state<Record<CorruptionPart, number | null>>({ noise: 0.3, binarize: 0.5, mask: 0.25 });

  /** The parts ticked whose value is missing or out of range, with the message to show. */
  readonly problems = $derived.by(() => {
    const out: Partial<Record<CorruptionPart, Problem>> = {};
    for (const part of CORRUPTION_PARTS) {
      if (!this.on[part]) continue;
      const v = this.values[part], r = CORRUPTION_RANGES[part];
      const fits = v !== null && v > r.min && (r.maxIncluded ? v <= r.max : v < r.max);
      if (!fits) out[part] = { key: `autoencoder.problem.${part}`, params: { max: r.max } };
    }
    return out;
  });
  readonly valid = $derived(Object.keys(this.problems).length === 0);

  /** The corruption asked for (null when every part is off). */
  corruption(): CorruptionSettings | null {
    const c: CorruptionSettings = {};
    for (const part of CORRUPTION_PARTS) if (this.on[part] && this.values[part] !== null) c[part] = this.values[part];
    return Object.keys(c).length > 0 ? c : null;
  }

  snapshot(): StoredCorruption {
    return Object.fromEntries(CORRUPTION_PARTS.map((part) => [part, { on: this.on[part], value: this.values[part] }]));
  }

  restore(kept: StoredCorruption): void {
    for (const part of CORRUPTION_PARTS) {
      const k = kept[part];
      if (!k) continue;
      this.on[part] = k.on;
      this.values[part] = k.value;
    }
  }

  /** `train:start`'s `reconstruct` for a run on images (null when classifying); `codeLayer`: the builder's mark. */
  toRequest(codeLayer: number | null): ReconstructRequest | null {
    if (this.task !== 'reconstruct') return null;
    return { corruption: this.corruption(), view: { ...GRID_VIEW }, codeLayer };
  }

  /** A saved autoencoder reopened: the task it trained for, and its corruption (every part it did not use off). */
  adopt(saved: SavedReconstruction | null | undefined, reconstructs: boolean): void {
    this.task = reconstructs ? 'reconstruct' : 'classify';
    if (!reconstructs) return;
    for (const part of CORRUPTION_PARTS) {
      const v = saved?.corruption?.[part];
      this.on[part] = v !== undefined;
      if (v !== undefined) this.values[part] = v;
    }
  }
}
