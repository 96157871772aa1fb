/**
 * What Draw & test offers for a model, from what it reads (its input shape) and what its
 * outputs mean (its task): the drawing pad for images, the plane for 2 numbers, number
 * fields for n numbers; and how to read an answer — classes with their probabilities, or
 * predicted values. Pure: the components show what these functions say.
 */
import type { DatasetChoice, ModelData, Prediction } from '../../../../electron/ipc/contract';
import { analyzeNetwork, type Task, type NetworkSpec } from '$engine';

export type InputKind = { kind: 'image' } | { kind: 'plane' } | { kind: 'numbers'; count: number };

/** The most number fields offered (a wider table is not typed in by hand). */
export const MAX_NUMBER_FIELDS = 64;

export function inputKind(shape: readonly number[] | null | undefined): InputKind {
  if (!shape || shape.length !== 1) return { kind: 'image' };
  const n = shape[0]!;
  if (n === 2) return { kind: 'plane' };
  return n >= 1 && n <= MAX_NUMBER_FIELDS ? { kind: 'numbers', count: n } : { kind: 'image' };
}

/** An answer as the result card shows it. */
export type Answer =
  | { kind: 'classes'; probs: number[]; predicted: number; classNames: string[] }
  | { kind: 'values'; values: number[]; names: string[] };

/**
 * Softmax outputs are classes; one sigmoid output of a binary task is P(second class);
 * anything else (regression, or a model whose task is unknown and gives one number) is values.
 */
export function answerOf(p: Prediction, task: Task | null): Answer {
  const names = (count: number, given: readonly string[] | undefined) =>
    given && given.length === count ? [...given] : Array.from({ length: count }, (_, i) => String(i));
  if (task?.kind === 'regression' || (task === null && p.probs.length === 1)) {
    return { kind: 'values', values: [...p.probs], names: task?.kind === 'regression' ? names(p.probs.length, task.targetNames) : ['y'] };
  }
  if (p.probs.length === 1) {
    const one = Math.min(1, Math.max(0, p.probs[0]!));
    return { kind: 'classes', probs: [1 - one, one], predicted: one >= 0.5 ? 1 : 0, classNames: names(2, task?.kind === 'binary' ? task.classNames : undefined) };
  }
  const classNames = task?.kind === 'classification' || task?.kind === 'binary' ? task.classNames : undefined;
  return { kind: 'classes', probs: [...p.probs], predicted: p.predicted, classNames: names(p.probs.length, classNames) };
}

/** What the model of a run is known to read and answer, from its request (`task` and `bounds`: the plane data's). */
export function runData(
  spec: Pick<NetworkSpec, 'input_shape'>, dataset: DatasetChoice, plane: { task: Task | null; bounds: ModelData['bounds'] },
): ModelData {
  const source = dataset.source.kind === 'generated' || dataset.source.kind === 'points' ? dataset.source : null;
  return {
    inputShape: [...spec.input_shape],
    task: source ? plane.task : null,
    source,
    bounds: source ? plane.bounds : null,
  };
}

/** The decimals a predicted value needs, at most `max`, without trailing zeros (3, not 3.000; 0.25, not 0.250). */
export function shortDigits(value: number, max = 3): number {
  const s = Math.abs(value).toFixed(max).replace(/0+$/, '');
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * An autoencoder: a model trained to rebuild its input (the reconstruction task), or whose
 * output has its input's shape (a file saved without its task). Draw & test then shows the
 * drawing's reconstruction and code rather than classes.
 */
export function isAutoencoder(spec: NetworkSpec | null, task: Task | null): boolean {
  if (task?.kind === 'reconstruction') return true;
  if (!spec || spec.layers.length === 0 || task !== null) return false;
  const out = analyzeNetwork(spec, { numClasses: null }).outputShape;
  return out !== null && out.length === spec.input_shape.length && out.every((d, i) => d === spec.input_shape[i]);
}
