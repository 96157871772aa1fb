/**
 * Learning-rate schedules, evaluated once per optimizer step.
 *   constant:     lr
 *   step:         lr · factor^⌊epoch / every⌋            (drop every `every` epochs)
 *   exponential:  lr · rate^(step / decay_steps)          (smooth decay per batch)
 */
import { msg, type Message } from '../messages';
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
export function checkSchedule(s: ScheduleSpec): Message | null {
  switch (s.type) {
    case 'constant':
      return null;
    case 'step':
      if (!(Number.isInteger(s.every) && s.every >= 1)) return msg('train.stepEvery');
      if (!(s.factor > 0 && s.factor <= 1)) return msg('train.stepFactor');
      return null;
    case 'exponential':
      if (!(s.rate > 0 && s.rate <= 1)) return msg('train.expRate');
      if (!(s.decay_steps > 0)) return msg('train.expSteps');
      return null;
    default:
      return msg('train.unknownSchedule', { got: String(JSON.stringify((s as { type: unknown }).type)) });
  }
}
