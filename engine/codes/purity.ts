/**
 * How well clusters match the classes: the cluster × label table (how many samples of each
 * label each cluster holds) and its purity, Σ over clusters of the count of its most common
 * label, over all samples. 1 when every cluster holds one class; about the largest class's
 * share when clusters ignore the classes (1/k for k balanced classes). Document 003 reports
 * 0.63 for its autoencoder's codes.
 */

/** `table[cluster][label]` counts. */
export function clusterLabelTable(clusters: ArrayLike<number>, labels: ArrayLike<number>, k: number, classes: number): number[][] {
  if (clusters.length !== labels.length) throw new RangeError(`${clusters.length} clusters for ${labels.length} labels`);
  const table = Array.from({ length: k }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < clusters.length; i++) table[clusters[i]!]![labels[i]!]!++;
  return table;
}

export function purity(table: readonly (readonly number[])[]): number {
  let top = 0, total = 0;
  for (const row of table) {
    let max = 0;
    for (const v of row) {
      total += v;
      if (v > max) max = v;
    }
    top += max;
  }
  return total ? top / total : 0;
}

/** The label most of each cluster's samples have (-1 for an empty cluster): how a table's rows are named. */
export function majorityLabels(table: readonly (readonly number[])[]): number[] {
  return table.map((row) => {
    let best = -1, max = 0;
    row.forEach((v, l) => {
      if (v > max) [best, max] = [l, v];
    });
    return best;
  });
}
