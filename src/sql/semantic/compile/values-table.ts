/**
 * A small constant table as SELECT … UNION ALL SELECT …: DuckDB's `(VALUES …) AS t(a, b)` has no ClickHouse
 * spelling, this form runs on both. Cells are SQL expressions (literals of catalogue constants).
 */
export function valuesTableSql(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `SELECT ${row.map((cell, index) => `${cell} AS ${columns[index]}`).join(', ')}`).join(' UNION ALL ');
}
