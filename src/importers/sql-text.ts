/** SQL text helpers for statements that cannot take bound parameters (table functions, DDL). */

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB struct literal such as {'a': 'VARCHAR', 'b': 'BIGINT'} for read_csv's `columns`. */
export function columnsStruct(columns: readonly { name: string; type: string }[]): string {
  return `{${columns.map((column) => `${quoteLiteral(column.name)}: ${quoteLiteral(column.type)}`).join(', ')}}`;
}
