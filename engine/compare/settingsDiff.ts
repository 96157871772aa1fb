/**
 * Which settings differ between runs set side by side: what a comparison's legend and
 * table show, and nothing else ("batch 1 · 64 · 55,000" — not the dozen settings the runs
 * share). Pure: it reads what run records hold (the request's hyperparameters, the
 * network, the data) and says, per setting that differs, each run's value in run order.
 *
 * The network is compared layer by layer when the runs have the same layers (so "the
 * activation of layer 2" or "the rate of the dropout" is named by itself); networks with
 * different layers differ as a whole ("architecture").
 */
import type { NetworkSpec } from '../model/spec';

/** What a run brings to a comparison of settings (a run record or the run under way). */
export interface ComparedSettings {
  hyperparams: Readonly<Record<string, unknown>>;
  /** The learning rate set while it trained (watch mode), which then replaces its own; null if none. */
  learningRateSet?: number | null;
  spec: NetworkSpec;
  /** The data's name as the run's 'started' event said it, and the request's choice (a generator's settings…). */
  dataset: { name: string; choice?: Readonly<Record<string, unknown>> };
}

/**
 * One setting that differs. `key` names it: a hyperparameter (`batchSize`, `learningRate`,
 * `optimizer`, `loss`, `schedule`, …), `dataset`, `architecture`, or a layer's setting as
 * `layer` (0-based) and `field` (`activation`, `rate`, `kernel_initializer`, `units`…).
 */
export interface SettingDiff {
  key: string;
  layer?: number;
  field?: string;
  /** Each run's value, in the runs' order (undefined: the run does not set it). */
  values: unknown[];
}

/** Hyperparameters that say how fast, not what: never a difference worth showing. */
const IGNORED_HYPERPARAMS: ReadonlySet<string> = new Set(['threads']);
/** The order the table lists them in: the course's comparisons first. */
const HYPERPARAM_ORDER = ['batchSize', 'learningRate', 'optimizer', 'loss', 'schedule', 'weightDecay', 'epochs', 'validationSize', 'seed'];

export function differingSettings(runs: readonly ComparedSettings[]): SettingDiff[] {
  if (runs.length < 2) return [];
  const diffs: SettingDiff[] = [];
  const datasetOf = (r: ComparedSettings) => (r.dataset.choice ? { name: r.dataset.name, choice: r.dataset.choice } : { name: r.dataset.name });
  if (!allSame(runs.map(datasetOf))) diffs.push({ key: 'dataset', values: runs.map((r) => r.dataset.name) });

  const hyper = runs.map((r): Record<string, unknown> => ({ ...r.hyperparams, ...(r.learningRateSet != null ? { learningRate: r.learningRateSet } : {}) }));
  const keys = [...new Set(hyper.flatMap((h) => Object.keys(h)))]
    .filter((k) => !IGNORED_HYPERPARAMS.has(k))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const key of keys) {
    const values = hyper.map((h) => h[key]);
    if (!allSame(values)) diffs.push({ key, values });
  }

  const layerLists = runs.map((r) => r.spec.layers);
  const sameShape = allSame(runs.map((r) => r.spec.input_shape)) && allSame(layerLists.map((ls) => ls.map((l) => l.type)));
  if (!sameShape) {
    diffs.push({ key: 'architecture', values: runs.map((r) => r.spec.layers.map((l) => l.type)) });
    return diffs;
  }
  layerLists[0]!.forEach((_, i) => {
    const layers = layerLists.map((ls) => ls[i] as unknown as Record<string, unknown>);
    const fields = [...new Set(layers.flatMap((l) => Object.keys(l)))].filter((f) => f !== 'type' && f !== 'name');
    for (const field of fields) {
      const values = layers.map((l) => l[field]);
      if (!allSame(values)) diffs.push({ key: 'layer', layer: i, field, values });
    }
  });
  return diffs;
}

function rank(key: string): number {
  const i = HYPERPARAM_ORDER.indexOf(key);
  return i < 0 ? HYPERPARAM_ORDER.length : i;
}

function allSame(values: readonly unknown[]): boolean {
  const first = canonical(values[0]);
  return values.every((v) => canonical(v) === first);
}

/** JSON with sorted keys, so that two settings written in another key order still compare equal. */
function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value);
}
