import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { ForbiddenStatementError, SqlSyntaxError } from './guard-errors.ts';
import { roughStatementCount } from './rough-statement-count.ts';
import { positionFromCodePointOffset } from './sql-position.ts';

const serializedErrorSchema = z.looseObject({
  error: z.literal(true),
  error_type: z.string(),
  error_message: z.string(),
  position: z.string().optional(),
});

const serializedTreeSchema = z.looseObject({
  error: z.literal(false),
  statements: z.array(z.looseObject({ node: z.unknown() })),
});

const serializedSchema = z.discriminatedUnion('error', [serializedErrorSchema, serializedTreeSchema]);

export class ParseTreeUnavailableError extends Error {
  override readonly name = 'ParseTreeUnavailableError';

  constructor(options: { cause: unknown }) {
    super(
      'DuckDB did not return a parse tree from json_serialize_sql(); the json extension must be built in. ' +
        'Check that @duckdb/node-api is installed correctly (npm ci) and that nothing disabled the json extension.',
      { cause: options.cause },
    );
  }
}

/**
 * Parses `sql` with DuckDB's own parser, never executing it. json_serialize_sql only serializes SELECT
 * statements and reports an error object for everything else, so it decides first; only when every
 * statement is a SELECT is the count cross-checked with extractStatements (which, unlike the plain
 * parser, expands IMPORT DATABASE and other PRAGMA-style statements by reading files, so it must never
 * see anything else). Returns the single SELECT's query node.
 */
export async function parseSingleSelect(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const serialized = await serializeSql(connection, sql);
  if (serialized.error) {
    if (serialized.error_type === 'parser') {
      throw new SqlSyntaxError({
        sql,
        reason: 'parse',
        duckdbMessage: serialized.error_message,
        ...optionalPosition(sql, serialized.position),
      });
    }
    throw refusalOfNonSelect(sql, serialized.error_message);
  }
  const statementCount = serialized.statements.length;
  if (statementCount === 0) throw new SqlSyntaxError({ sql, reason: 'empty' });
  if (statementCount > 1) {
    throw new ForbiddenStatementError({ sql, reason: 'multiple_statements', statementKind: `${statementCount} statements` });
  }
  // Same parser, second opinion: a disagreement means something is off, so refuse.
  const extractedCount = await countStatements(connection, sql);
  if (extractedCount !== 1) {
    throw new ForbiddenStatementError({ sql, reason: 'multiple_statements', statementKind: `${extractedCount} statements` });
  }
  const [statement] = serialized.statements;
  return statement?.node;
}

function refusalOfNonSelect(sql: string, duckdbMessage: string): ForbiddenStatementError {
  const keyword = leadingKeyword(sql);
  if (keyword === 'PIVOT' || keyword === 'UNPIVOT') {
    // A top-level PIVOT without an IN list expands into CREATE TYPE … plus a SELECT.
    return new ForbiddenStatementError({
      sql,
      reason: 'unsupported',
      statementKind: `top-level ${keyword}; use SELECT * FROM (${keyword} … ON column IN (…) USING …)`,
      duckdbMessage,
    });
  }
  const count = roughStatementCount(sql);
  if (count > 1) {
    return new ForbiddenStatementError({ sql, reason: 'multiple_statements', statementKind: `${count} statements`, duckdbMessage });
  }
  return new ForbiddenStatementError({ sql, reason: 'not_select', statementKind: keyword, duckdbMessage });
}

async function serializeSql(connection: DuckDBConnection, sql: string): Promise<z.infer<typeof serializedSchema>> {
  let text: unknown;
  try {
    // A bound parameter: the SQL under test is only ever a string value here, never SQL text.
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    text = reader.getRows()[0]?.[0];
  } catch (error) {
    throw new ParseTreeUnavailableError({ cause: error });
  }
  if (typeof text !== 'string') throw new ParseTreeUnavailableError({ cause: new Error(`got ${typeof text}`) });
  const parsed = serializedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new ParseTreeUnavailableError({ cause: parsed.error });
  return parsed.data;
}

async function countStatements(connection: DuckDBConnection, sql: string): Promise<number> {
  try {
    return (await connection.extractStatements(sql)).count;
  } catch (error) {
    // The node binding throws instead of returning 0 for input that is only whitespace, comments or ';'.
    if (/native callback/i.test((error as Error).message)) return 0;
    throw new SqlSyntaxError({ sql, reason: 'parse', duckdbMessage: (error as Error).message, cause: error });
  }
}

function optionalPosition(sql: string, position: string | undefined) {
  const parsed = position === undefined ? undefined : positionFromCodePointOffset(sql, Number(position));
  return parsed ? { position: parsed } : {};
}

/** First keyword after comments and parentheses, for messages only (the decision is DuckDB's). */
export function leadingKeyword(sql: string): string {
  const stripped = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/^[\s(]+/, '');
  const word = /^[A-Za-z_]+/.exec(stripped)?.[0];
  return word ? word.toUpperCase() : 'non-SELECT';
}
