/**
 * Learning-rate schedules, evaluated once per optimizer step.
 *   constant:     lr
 *   step:         lr · factor^⌊epoch / every⌋            (drop every `every` epochs)
 *   exponential:  lr · rate^(step / decay_steps)          (smooth decay per batch)
 */
export type ScheduleSpec =
  | { type: 'constant' }
  | { type: 'step'; every: number; factor: number }
  | { type: 'exponential'; rate: number; decay_steps: number };

export function learningRateAt(base: number, schedule: ScheduleSpec, epoch: number, step: number): number {
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'step':
      return base * Math.pow(schedule.factor, Math.floor(epoch / schedule.every));
    case 'exponential':
      return base * Math.pow(schedule.rate, step / schedule.decay_steps);
  }
}

/** A problem with a schedule's numbers, or null. */
export function checkSchedule(s: ScheduleSpec): string | null {
  switch (s.type) {
    case 'constant':
      return null;
    case 'step':
      if (!(Number.isInteger(s.every) && s.every >= 1)) return 'step decay: "every" must be a whole number of epochs ≥ 1.';
      if (!(s.factor > 0 && s.factor <= 1)) return 'step decay: "factor" must be in (0, 1].';
      return null;
    case 'exponential':
      if (!(s.rate > 0 && s.rate <= 1)) return 'exponential decay: "rate" must be in (0, 1].';
      if (!(s.decay_steps > 0)) return 'exponential decay: "decay_steps" must be > 0.';
      return null;
    default:
      return `unknown learning-rate schedule ${JSON.stringify((s as { type: unknown }).type)}; use constant, step or exponential.`;
  }
}
