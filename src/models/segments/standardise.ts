export interface StandardisedMatrix {
  /** Rows × kept columns, each column with mean 0 and standard deviation 1. */
  rows: number[][];
  /** Indices (into the input columns) of the columns kept: constant columns carry no information and are dropped. */
  keptColumns: number[];
  means: number[];
  standardDeviations: number[];
}

/**
 * z-scores per column after the given transform. Missing values (a user without views has no dwell time)
 * are imputed with the column mean, i.e. z = 0: "nothing known" counts as average, not as extreme.
 */
export function standardise(rows: readonly (readonly (number | null)[])[], transforms: readonly ('log1p' | 'identity')[]): StandardisedMatrix {
  const columnCount = transforms.length;
  const transformed = rows.map((row) =>
    transforms.map((transform, column) => {
      const value = row[column];
      if (value === null || value === undefined || !Number.isFinite(value)) return null;
      return transform === 'log1p' ? Math.log1p(Math.max(value, 0)) : value;
    }),
  );
  const means: number[] = [];
  const standardDeviations: number[] = [];
  const keptColumns: number[] = [];
  for (let column = 0; column < columnCount; column++) {
    let sum = 0;
    let count = 0;
    for (const row of transformed) {
      const value = row[column];
      if (value !== null && value !== undefined) {
        sum += value;
        count += 1;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (const row of transformed) {
      const value = row[column] ?? mean;
      squares += (value - mean) ** 2;
    }
    const deviation = rows.length > 1 ? Math.sqrt(squares / rows.length) : 0;
    // Relative threshold: a column that only differs by floating-point noise is constant.
    if (count > 0 && deviation > 1e-9 * Math.max(1, Math.abs(mean))) {
      keptColumns.push(column);
      means.push(mean);
      standardDeviations.push(deviation);
    }
  }
  const standardised = transformed.map((row) =>
    keptColumns.map((column, index) => ((row[column] ?? (means[index] as number)) - (means[index] as number)) / (standardDeviations[index] as number)),
  );
  return { rows: standardised, keptColumns, means, standardDeviations };
}
