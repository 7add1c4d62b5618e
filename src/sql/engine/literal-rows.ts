import type { ParameterType } from './sql-dialect.ts';

/** A column of rows that ShopLens generates itself (synthetic anomalies), with its type. */
export interface LiteralColumn {
  name: string;
  type: ParameterType;
}

export type LiteralValue = string | number | null;

// Generated rows hold numbers, fixed words and timestamps only. Anything else means data (which must travel as a
// parameter) reached this path by mistake, so it is refused rather than escaped: no quote or backslash can ever pass.
const PLAIN_TEXT = /^[\w .:-]*$/;
const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

export class LiteralRowError extends Error {
  override readonly name = 'LiteralRowError';
  constructor(
    message: string,
    readonly kind: 'not_plain_text' | 'not_finite' | 'bad_shape',
  ) {
    super(message);
  }
}

/** One value as SQL text that DuckDB and ClickHouse read alike (a number, NULL, or a single-quoted plain word). */
export function literalSql(value: LiteralValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new LiteralRowError(`A generated row holds ${value}, which is not a finite number.`, 'not_finite');
    return String(value);
  }
  if (!PLAIN_TEXT.test(value)) throw new LiteralRowError(`A generated row holds ${JSON.stringify(value)}: only letters, digits, spaces and . : - _ may be written into SQL.`, 'not_plain_text');
  return `'${value}'`;
}

/** The rows' SQL tuples, after checking that every row has one value per column and every name is plain. */
export function literalTuples(columns: readonly LiteralColumn[], rows: readonly (readonly LiteralValue[])[]): string[] {
  for (const column of columns) if (!PLAIN_NAME.test(column.name)) throw new LiteralRowError(`"${column.name}" is not a plain column name.`, 'bad_shape');
  if (rows.length === 0) throw new LiteralRowError('A relation of generated rows needs at least one row.', 'bad_shape');
  return rows.map((row) => {
    if (row.length !== columns.length) throw new LiteralRowError(`A generated row has ${row.length} values for ${columns.length} columns.`, 'bad_shape');
    return `(${row.map(literalSql).join(', ')})`;
  });
}
