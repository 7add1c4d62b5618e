import { closestNames } from './closest-names.ts';
import {
  ForbiddenStatementError,
  OutOfMemoryError,
  QueryTimeoutError,
  SqlExecutionError,
  SqlSyntaxError,
  UnknownColumnError,
  UnknownTableError,
} from './guard-errors.ts';
import type { SqlGuardError } from './sql-guard-error.ts';
import { asciiLower } from './sql-policy.ts';
import { positionFromErrorMessage } from './sql-position.ts';

export interface ClassifyContext {
  sql: string;
  allowedTables: readonly string[];
  /** Set when our own timer called connection.interrupt(). */
  timedOut?: { timeoutMs: number; elapsedMs: number };
}

/**
 * Turns an error DuckDB raised while binding or running already-checked SQL into a SqlGuardError.
 * DuckDB's "did you mean" hints for tables are filtered through the allowlist so that they never reveal
 * hidden tables such as audit_log.
 */
export function classifyDuckDBError(error: unknown, context: ClassifyContext): SqlGuardError {
  const message = error instanceof Error ? error.message : String(error);
  const { sql } = context;
  const position = positionFromErrorMessage(sql, message);
  const located = position ? { position } : {};
  if (context.timedOut && /INTERRUPT/i.test(message)) {
    return new QueryTimeoutError({ sql, cause: error, ...context.timedOut });
  }
  if (/^Out of Memory Error/m.test(message)) return new OutOfMemoryError({ sql, cause: error, duckdbMessage: message });
  const column = /Referenced column "([^"]+)" not found/.exec(message);
  if (column?.[1]) {
    return new UnknownColumnError({
      sql,
      cause: error,
      ...located,
      columnName: column[1],
      candidates: quotedNames(/Candidate bindings: ([^\n]*)/.exec(message)?.[1]),
      duckdbMessage: message,
    });
  }
  const qualifier = /Referenced table "([^"]+)" not found/.exec(message);
  if (qualifier?.[1]) {
    return new UnknownTableError({
      sql,
      cause: error,
      ...located,
      tableName: qualifier[1],
      // These candidates are the aliases in the query's own FROM clause, not catalog names.
      suggestions: quotedNames(/Candidate tables: ([^\n]*)/.exec(message)?.[1]),
      allowedTables: context.allowedTables,
    });
  }
  const table = /Table with name ([^\s!]+) does not exist/.exec(message);
  if (table?.[1]) {
    return new UnknownTableError({
      sql,
      cause: error,
      ...located,
      tableName: table[1],
      suggestions: closestNames(asciiLower(table[1]), context.allowedTables),
      allowedTables: context.allowedTables,
    });
  }
  if (/^Parser Error/m.test(message)) return new SqlSyntaxError({ sql, cause: error, ...located, reason: 'parse', duckdbMessage: message });
  // Defence in depth: the sandbox itself (external access off, locked configuration, read-only
  // transaction) stopped something the guard should already have refused.
  if (/^Permission Error|configuration has been locked|read-only mode|Cannot write to database/m.test(message)) {
    return new ForbiddenStatementError({ sql, cause: error, reason: 'sandbox', statementKind: 'sandbox', duckdbMessage: message });
  }
  return new SqlExecutionError({ sql, cause: error, ...located, duckdbMessage: message });
}

function quotedNames(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '').filter((name) => name !== '');
}
