/**
 * What a dataset asks a network to do. The dataset carries it; training, evaluation,
 * metrics, the shape analysis and the model files read it from there.
 *
 * - classification: one of K ≥ 2 named classes (output K values, softmax + cross-entropy);
 * - binary: one of two named classes as one number (output 1 value, sigmoid + binary cross-entropy);
 * - regression: a vector of numbers (output as many values, mean squared error);
 * - reconstruction: the input itself (output of the input's shape; the autoencoders).
 */
export type Task =
  | { readonly kind: 'classification'; readonly classNames: readonly string[] }
  | { readonly kind: 'binary'; readonly classNames: readonly [string, string] }
  | { readonly kind: 'regression'; readonly targetNames: readonly string[] }
  | { readonly kind: 'reconstruction' };

export const TASK_KINDS = ['classification', 'binary', 'regression', 'reconstruction'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Class names "0" … "K−1", as digits and numbered labels are named. */
export function numberedClasses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i));
}

/** How many classes a task predicts among (0 for regression and reconstruction). */
export function classCount(task: Task): number {
  return task.kind === 'classification' || task.kind === 'binary' ? task.classNames.length : 0;
}

/** A task as a saved model file records it, checked (names at most 100 of 100 characters); null when it is not one. */
export function readTask(raw: unknown): Task | null {
  if (raw === null || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const names = (v: unknown, min: number): string[] | null =>
    Array.isArray(v) && v.length >= min && v.length <= 100 && v.every((s) => typeof s === 'string' && s.length <= 100) ? [...v] as string[] : null;
  switch (o.kind) {
    case 'classification': {
      const classNames = names(o.classNames, 2);
      return classNames ? { kind: 'classification', classNames } : null;
    }
    case 'binary': {
      const classNames = names(o.classNames, 2);
      return classNames && classNames.length === 2 ? { kind: 'binary', classNames: [classNames[0]!, classNames[1]!] } : null;
    }
    case 'regression': {
      const targetNames = names(o.targetNames, 1);
      return targetNames ? { kind: 'regression', targetNames } : null;
    }
    case 'reconstruction':
      return { kind: 'reconstruction' };
    default:
      return null;
  }
}
