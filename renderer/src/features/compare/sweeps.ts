/**
 * Sweeps: "compare values of…" one setting, run one after the other with the same data and
 * seed. A plan names the setting (a hyperparameter, or a layer's activation, initializer or
 * dropout rate) and its 2–6 values; `applyToSpec` gives each run its network, and
 * `sweepSettingsOf` the hyperparameters it sets. The course's comparisons ship as named
 * sweeps, planned from the network and settings in place (so a rate sweep brackets the
 * rate chosen, and "tanh vs ReLU" changes every hidden layer's activation).
 */
import type { LayerSpec, NetworkSpec } from '$engine';
import { SETTING_LIMITS } from '$engine';

export const SWEEP_SETTINGS = ['batchSize', 'learningRate', 'optimizer', 'loss', 'schedule', 'activation', 'initializer', 'dropout'] as const;
export type SweepSetting = (typeof SWEEP_SETTINGS)[number];
export type SweepValue = number | string;
export const MIN_SWEEP_VALUES = 2;
export const MAX_SWEEP_VALUES = 6;

export interface SweepPlan {
  setting: SweepSetting;
  /** For a layer's setting: its index in the network; null: every layer it applies to (every hidden layer for an activation). */
  layer: number | null;
  values: SweepValue[];
  /** The named sweep it came from, if any (its title in the UI). */
  named: NamedSweep | null;
}

export const NAMED_SWEEPS = ['descent', 'learningRate', 'activation', 'loss'] as const;
export type NamedSweep = (typeof NAMED_SWEEPS)[number];
/** The whole training set in one batch (the settings' WHOLE_SET). */
export const WHOLE_SET = 0;

/** Where the setting lives: in the network (its spec changes) or in the hyperparameters. */
export const isLayerSetting = (s: SweepSetting): s is 'activation' | 'initializer' | 'dropout' =>
  s === 'activation' || s === 'initializer' || s === 'dropout';

/** The course's comparisons, planned for the network and the learning rate in place. */
export function namedSweep(name: NamedSweep, spec: NetworkSpec, learningRate: number): SweepPlan {
  switch (name) {
    case 'descent':
      // Stochastic (one sample per update), mini-batch, and the whole set in one batch.
      return { setting: 'batchSize', layer: null, values: [1, 32, WHOLE_SET], named: name };
    case 'learningRate': {
      const most = SETTING_LIMITS.learningRate.max;
      const values = [learningRate / 100, learningRate, Math.min(most, learningRate * 100)].map((v) => Number(v.toPrecision(3)));
      return { setting: 'learningRate', layer: null, values: [...new Set(values)], named: name };
    }
    case 'activation':
      return { setting: 'activation', layer: null, values: ['tanh', 'relu'], named: name };
    case 'loss':
      return { setting: 'loss', layer: null, values: ['mean_squared_error', 'binary_crossentropy'], named: name };
  }
}

/** The layers a layer setting may change (indices): weighted layers with an activation, dropout layers. */
export function layersFor(setting: SweepSetting, spec: NetworkSpec): number[] {
  const has = (l: LayerSpec, k: string) => k in (l as unknown as Record<string, unknown>);
  return spec.layers.flatMap((l, i) => {
    if (setting === 'dropout') return l.type === 'Dropout' ? [i] : [];
    if (setting === 'activation') return has(l, 'activation') ? [i] : [];
    if (setting === 'initializer') return l.type === 'Dense' || l.type === 'Conv2D' ? [i] : [];
    return [];
  });
}

/**
 * The network a run of the sweep trains: `spec` with the value set on the chosen layer, or
 * on every layer it applies to (an activation: every hidden layer, the output keeps its own).
 * Hyperparameter sweeps return `spec` as is.
 */
export function applyToSpec(spec: NetworkSpec, plan: Pick<SweepPlan, 'setting' | 'layer'>, value: SweepValue): NetworkSpec {
  if (!isLayerSetting(plan.setting)) return spec;
  let targets = layersFor(plan.setting, spec);
  if (plan.layer !== null) targets = targets.filter((i) => i === plan.layer);
  else if (plan.setting === 'activation') {
    const last = targets.at(-1);
    targets = targets.filter((i) => i !== last);
  }
  const field = plan.setting === 'dropout' ? 'rate' : plan.setting === 'initializer' ? 'kernel_initializer' : 'activation';
  return {
    ...spec,
    layers: spec.layers.map((l, i) => (targets.includes(i) ? ({ ...l, [field]: value } as LayerSpec) : l)),
  };
}

/** Reads a typed list of numbers ("1, 32; 0,5" — a French decimal comma is fine when values are separated by ";" or spaces). */
export function parseNumberList(text: string): number[] | null {
  const parts = text.includes(';') ? text.split(';') : text.split(/[\s,]+/);
  const values = parts.map((p) => p.trim()).filter(Boolean).map((p) => Number(p.replace(',', '.')));
  return values.length > 0 && values.every((v) => Number.isFinite(v)) ? values : null;
}
