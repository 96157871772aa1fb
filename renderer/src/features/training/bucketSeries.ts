/**
 * A curve with a bounded number of points. Every value is kept while there is room; when
 * the series is full, neighbouring points are merged pairwise (weighted means) and each
 * point from then on stands for twice as many values. A full-MNIST run with batch size 1
 * (165,000 batches) stays a few thousand points, so the chart stays quick to draw.
 */
export interface Point {
  x: number;
  y: number;
}

export class BucketSeries {
  /** The points, oldest first (the last one may still be growing). */
  readonly points: Point[] = [];
  /** Bumped whenever existing points are rewritten (a merge or a reset): a copy must be re-read in full. */
  generation = 0;
  private readonly counts: number[] = [];
  private bucket = 1;

  constructor(readonly maxPoints = 2000) {
    if (!(maxPoints >= 2 && Number.isInteger(maxPoints))) throw new RangeError(`maxPoints must be an integer ≥ 2 (got ${maxPoints}).`);
  }

  /** How many values each point stands for now. */
  get bucketSize(): number {
    return this.bucket;
  }

  push(x: number, y: number): void {
    const last = this.points.length - 1;
    const n = last >= 0 ? this.counts[last]! : this.bucket;
    if (n < this.bucket) {
      const p = this.points[last]!;
      this.points[last] = { x: (p.x * n + x) / (n + 1), y: (p.y * n + y) / (n + 1) };
      this.counts[last] = n + 1;
      return;
    }
    this.points.push({ x, y });
    this.counts.push(1);
    if (this.points.length > this.maxPoints) this.halve();
  }

  clear(): void {
    this.points.length = 0;
    this.counts.length = 0;
    this.bucket = 1;
    this.generation++;
  }

  private halve(): void {
    const points: Point[] = [];
    const counts: number[] = [];
    for (let i = 0; i < this.points.length; i += 2) {
      const a = this.points[i]!, na = this.counts[i]!;
      const b = this.points[i + 1];
      if (!b) {
        points.push(a);
        counts.push(na);
        break;
      }
      const nb = this.counts[i + 1]!, n = na + nb;
      points.push({ x: (a.x * na + b.x * nb) / n, y: (a.y * na + b.y * nb) / n });
      counts.push(n);
    }
    this.points.splice(0, this.points.length, ...points);
    this.counts.splice(0, this.counts.length, ...counts);
    this.bucket *= 2;
    this.generation++;
  }
}

/**
 * Brings `target` (a chart's own copy) up to date with `source` at little cost: only the
 * new points (and the last one, which may have grown) are copied, unless the source was
 * rewritten since `syncedGeneration`. Returns the generation now copied.
 */
export function syncPoints(target: Point[], source: { points: readonly Point[]; generation: number }, syncedGeneration: number): number {
  if (syncedGeneration !== source.generation || target.length > source.points.length) {
    target.splice(0, target.length, ...source.points);
    return source.generation;
  }
  const from = Math.max(0, target.length - 1);
  for (let i = from; i < source.points.length; i++) target[i] = source.points[i]!;
  return source.generation;
}
