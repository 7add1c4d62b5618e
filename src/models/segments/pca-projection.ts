import { PCA } from 'ml-pca';

export interface Projection {
  /** [x, y] per input row. */
  points: [number, number][];
  /** Share of variance explained by the two axes. */
  explainedVariance: [number, number];
}

/**
 * 2-D PCA of already standardised rows (so centring only, no extra scaling), for a scatter chart. The
 * covariance-matrix method keeps it fast on tens of thousands of rows. Axis signs are fixed so that the
 * largest loading of each axis is positive: the same data always gives the same picture.
 */
export function projectTo2d(rows: readonly (readonly number[])[]): Projection {
  const dimensions = rows[0]?.length ?? 0;
  if (rows.length < 2 || dimensions === 0) return { points: rows.map(() => [0, 0]), explainedVariance: [0, 0] };
  const data = rows.map((row) => [...row]);
  const pca = new PCA(data, { method: 'covarianceMatrix', center: true, scale: false });
  const components = Math.min(2, dimensions);
  const projected = pca.predict(data, { nComponents: components }).to2DArray();
  const loadings = pca.getLoadings().to2DArray();
  const signs = [0, 1].map((axis) => {
    const loading = loadings[axis];
    if (!loading) return 1;
    const largest = loading.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
    return largest < 0 ? -1 : 1;
  });
  const variance = pca.getExplainedVariance();
  return {
    points: projected.map((row) => [(row[0] ?? 0) * (signs[0] as number), components > 1 ? (row[1] ?? 0) * (signs[1] as number) : 0]),
    explainedVariance: [variance[0] ?? 0, variance[1] ?? 0],
  };
}
