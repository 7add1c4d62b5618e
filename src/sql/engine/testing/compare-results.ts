import type { JsonRow, JsonValue } from '../../json-values.ts';

/** Floats are equal when within 1e-9 relative (at least 1e-9 absolute): engines sum in different orders. */
export function sameValue(left: JsonValue, right: JsonValue): boolean {
  if (typeof left === 'number' && typeof right === 'number') {
    return Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

function sortKey(row: JsonRow, columns: readonly string[]): string {
  return JSON.stringify(columns.map((column) => {
    const value = row[column] ?? null;
    return typeof value === 'number' ? Number(value.toPrecision(6)) : value;
  }));
}

/**
 * Differences between two results as readable lines (empty when equal): same column names in the same order,
 * same number of rows, and the same rows compared as a multiset (ties in ORDER BY may come back in either order).
 */
export function resultDifferences(
  duckdb: { columns: readonly { name: string }[]; rows: readonly JsonRow[] },
  other: { columns: readonly { name: string }[]; rows: readonly JsonRow[] },
  limit = 5,
): string[] {
  const names = duckdb.columns.map((column) => column.name);
  const otherNames = other.columns.map((column) => column.name);
  if (JSON.stringify(names) !== JSON.stringify(otherNames)) return [`columns differ: ${names.join(',')} vs ${otherNames.join(',')}`];
  if (duckdb.rows.length !== other.rows.length) return [`row counts differ: ${duckdb.rows.length} vs ${other.rows.length}`];
  const sorted = (rows: readonly JsonRow[]) => [...rows].sort((a, b) => sortKey(a, names).localeCompare(sortKey(b, names)));
  const left = sorted(duckdb.rows);
  const right = sorted(other.rows);
  const differences: string[] = [];
  left.forEach((row, index) => {
    const otherRow = right[index] as JsonRow;
    const columns = names.filter((name) => !sameValue(row[name] ?? null, otherRow[name] ?? null));
    if (columns.length > 0 && differences.length < limit) {
      differences.push(columns.map((name) => `${name}: ${JSON.stringify(row[name])} vs ${JSON.stringify(otherRow[name])}`).join('; '));
    }
  });
  return differences;
}
