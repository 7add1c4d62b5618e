import { ForbiddenStatementError } from './guard-errors.ts';

/**
 * Characters that DuckDB's parser (which checked the query) and ClickHouse's read differently: ClickHouse takes a
 * backslash in a string as an escape (so a string can end where DuckDB saw it continue, and a second statement
 * follow: chDB runs it), and reads backticks as identifier quotes. Model-written SQL with any of them is refused
 * before it reaches ClickHouse.
 */
const DIVERGENT = /[\\`]|#!|#\s/;

export function assertSameReadingOnClickHouse(sql: string): void {
  const match = DIVERGENT.exec(sql);
  if (!match) return;
  throw new ForbiddenStatementError({
    sql,
    reason: 'unsupported',
    statementKind: `the character ${JSON.stringify(match[0].trim() || match[0])} (ClickHouse reads it differently from the SQL check)`,
  });
}
