/**
 * The stages of one explained training step, in the order the stepper shows them: the sample,
 * each layer forward, the loss, each layer backward (last layer first), the update. Pure, so
 * the order and the phase buttons (Forward, Backward, Update) are tested without a page.
 */
import type { StepTrace } from '$engine';

export type Stage =
  | { readonly phase: 'sample' }
  | { readonly phase: 'forward'; readonly layer: number }
  | { readonly phase: 'loss' }
  | { readonly phase: 'backward'; readonly layer: number }
  | { readonly phase: 'update' };

export type Phase = Stage['phase'];

export function stagesOf(trace: Pick<StepTrace, 'layers'>): Stage[] {
  const n = trace.layers.length;
  const forward = Array.from({ length: n }, (_, layer): Stage => ({ phase: 'forward', layer }));
  const backward = Array.from({ length: n }, (_, k): Stage => ({ phase: 'backward', layer: n - 1 - k }));
  return [{ phase: 'sample' }, ...forward, { phase: 'loss' }, ...backward, { phase: 'update' }];
}

/** The index of the first stage of `phase` ('forward' and 'backward' start at their first layer). */
export function firstOf(stages: readonly Stage[], phase: Phase): number {
  return Math.max(0, stages.findIndex((s) => s.phase === phase));
}

/** Whether stage `index` has been reached when the stepper stands at `current`. */
export function isReached(index: number, current: number): boolean {
  return index <= current;
}
