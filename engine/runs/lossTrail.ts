/**
 * The batch-level loss of a run as a history keeps it: every batch while there is room,
 * then neighbouring points merged pairwise (means of step and loss) so that a run of any
 * length stays at most `maxPoints` points — the curve the Train tab drew, at a few
 * thousand points, whatever the batch size. (The renderer's live chart does the same with
 * its own series; this one is plain data, written into a run record.)
 */
export interface LossTrail {
  /** 1-based batch numbers over the whole run (a merged point: the mean of its batches'). */
  steps: number[];
  loss: number[];
}

export const MAX_TRAIL_POINTS = 2000;

export class LossTrailBuilder {
  private readonly steps: number[] = [];
  private readonly loss: number[] = [];
  private readonly counts: number[] = [];
  /** How many batches each point stands for now. */
  private bucket = 1;

  constructor(private readonly maxPoints = MAX_TRAIL_POINTS) {
    if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new RangeError(`maxPoints must be an integer ≥ 2 (got ${maxPoints}).`);
  }

  push(step: number, loss: number): void {
    // A diverged batch (NaN, ∞) says nothing a mean could keep; the run's ending says it.
    if (!Number.isFinite(step) || !Number.isFinite(loss)) return;
    const last = this.steps.length - 1;
    const n = last >= 0 ? this.counts[last]! : this.bucket;
    if (n < this.bucket) {
      this.steps[last] = (this.steps[last]! * n + step) / (n + 1);
      this.loss[last] = (this.loss[last]! * n + loss) / (n + 1);
      this.counts[last] = n + 1;
      return;
    }
    this.steps.push(step);
    this.loss.push(loss);
    this.counts.push(1);
    if (this.steps.length > this.maxPoints) this.halve();
  }

  trail(): LossTrail {
    return { steps: [...this.steps], loss: [...this.loss] };
  }

  private halve(): void {
    const steps: number[] = [], loss: number[] = [], counts: number[] = [];
    for (let i = 0; i < this.steps.length; i += 2) {
      const a = this.counts[i]!, b = this.counts[i + 1] ?? 0;
      const total = a + b;
      steps.push((this.steps[i]! * a + (this.steps[i + 1] ?? 0) * b) / total);
      loss.push((this.loss[i]! * a + (this.loss[i + 1] ?? 0) * b) / total);
      counts.push(total);
    }
    this.steps.splice(0, this.steps.length, ...steps);
    this.loss.splice(0, this.loss.length, ...loss);
    this.counts.splice(0, this.counts.length, ...counts);
    this.bucket *= 2;
  }
}
