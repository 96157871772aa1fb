/**
 * Principal component analysis of codes with ml-pca (MIT): the codes centred, their
 * covariance matrix's eigenvectors, the codes projected on the first components. Instant
 * for codes of ten numbers; deterministic (no random start).
 */
import { PCA } from 'ml-pca';

export interface Projection {
  /** `[count, components]` row-major. */
  readonly points: Float32Array;
  readonly components: number;
  /** Share of the codes' variance each component explains, largest first (all of them, not only those kept). */
  readonly explainedVariance: readonly number[];
}

export function pcaProjection(values: Float32Array, count: number, dim: number, components = 2): Projection {
  if (count < 2) throw new RangeError('PCA needs at least two samples');
  const rows = Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dim, (i + 1) * dim)));
  // The covariance route: a dim × dim eigenproblem, far cheaper than an SVD of the count × dim data.
  const pca = new PCA(rows, { method: 'covarianceMatrix', center: true });
  const kept = Math.min(components, dim);
  const projected = pca.predict(rows, { nComponents: kept }).to2DArray();
  const points = new Float32Array(count * components);
  for (let i = 0; i < count; i++) for (let c = 0; c < kept; c++) points[i * components + c] = projected[i]![c]!;
  return { points, components, explainedVariance: pca.getExplainedVariance() };
}
