import type { DuckDBConnection } from '@duckdb/node-api';
import { closestNames } from './closest-names.ts';
import { ForbiddenFunctionError, ForbiddenTableError, SqlSyntaxError, UnknownTableError } from './guard-errors.ts';
import { literalNumber, literalRangeSize } from './literal-range-size.ts';
import { parseSingleSelect } from './parse-with-duckdb.ts';
import { checkPersonalData } from './personal-data-check.ts';
import { asciiLower, DEFAULT_SQL_POLICY, isFunctionAllowed, isFunctionDenied, type SqlPolicy } from './sql-policy.ts';
import { positionFromByteOffset } from './sql-position.ts';
import { collectReferences, type FunctionCall, type TableReference } from './walk-parse-tree.ts';
import { CACHE_SCHEMA } from '../cache-schema.ts';

export interface CheckedSql {
  /** The SQL exactly as given; this text, and nothing rewritten from it, is what gets executed. */
  sql: string;
  /** DuckDB's own rendering of the parsed statement (comments dropped), for logs and prompts. */
  normalizedSql: string;
  /** Catalog tables and views read (lower case, CTE names excluded). */
  tables: string[];
  cteNames: string[];
  /** Scalar, aggregate and window functions and operators called (lower case). */
  functions: string[];
  tableFunctions: string[];
}

const FILE_LIKE = /[/\\.:~*?]/;
const RANGE_FUNCTIONS = new Set(['range', 'generate_series']);
/**
 * Functions that build one value whose size is an argument (its index here). One such call is a single step for
 * DuckDB, so an interrupt only lands after it finished: repeat('x', 2e9) ran 24 s past a 10 s timeout.
 */
const SIZED_VALUE_FUNCTIONS = new Map([
  ['repeat', 1], ['lpad', 1], ['rpad', 1], ['list_resize', 1], ['array_resize', 1],
]);
/** Largest literal size for the functions above (characters or list elements). */
export const MAX_LITERAL_VALUE_SIZE = 10_000_000;

/**
 * Checks one piece of planner- or model-written SQL with DuckDB's own parser, without executing it:
 * exactly one SELECT, only allowlisted tables/views (or its own CTEs) in the main database, only
 * allowlisted functions and table functions, literal ranges within the cap, no personal column read. Throws a SqlGuardError
 * subclass (kind syntax, forbidden_statement, forbidden_table, unknown_table, forbidden_function or personal_data).
 */
export async function checkSql(
  connection: DuckDBConnection,
  sql: string,
  policy: SqlPolicy = DEFAULT_SQL_POLICY,
  boundParameters: ReadonlySet<string> = new Set(),
): Promise<CheckedSql> {
  if (sql.length > policy.maxSqlLength) throw new SqlSyntaxError({ sql, reason: 'too_long', maxLength: policy.maxSqlLength });
  const root = await parseSingleSelect(connection, sql);
  const references = collectReferences(root, sql, boundParameters);
  const catalog = new CatalogFacts(connection);
  for (const table of references.tables) {
    if (!table.isCte) await checkTable(table, sql, policy, catalog);
  }
  for (const call of references.functions) checkFunction(call, sql, policy);
  checkPersonalData(references, sql, policy);
  const realTables = references.tables.filter((table) => !table.isCte).map((table) => asciiLower(table.name));
  const calls = (role: FunctionCall['role'][]) =>
    unique(references.functions.filter((call) => role.includes(call.role)).map((call) => asciiLower(call.name)));
  return {
    sql,
    normalizedSql: await normalize(connection, sql),
    tables: unique(realTables),
    cteNames: references.cteNames,
    functions: calls(['scalar', 'window']),
    tableFunctions: calls(['table']),
  };
}

async function checkTable(table: TableReference, sql: string, policy: SqlPolicy, catalog: CatalogFacts): Promise<void> {
  const name = asciiLower(table.name);
  const position = positionFromByteOffset(sql, table.byteOffset);
  const located = position ? { position } : {};
  const qualifiedName = [table.catalog, table.schema, table.name].filter((part) => part !== '').join('.');
  // A cache table (derived data such as user_segments) is readable only by its schema-qualified name, and only
  // when the policy lists exactly that name.
  if (await isListedCacheTable(table, policy, catalog)) return;
  if (!(await isMainDatabase(table, catalog))) {
    throw new ForbiddenTableError({ sql, ...located, tableName: qualifiedName, reason: 'other_database', allowedTables: policy.allowedTables });
  }
  if (FILE_LIKE.test(table.name)) {
    throw new ForbiddenTableError({ sql, ...located, tableName: table.name, reason: 'file', allowedTables: policy.allowedTables });
  }
  if (policy.allowedTables.includes(name)) return;
  if ((await catalog.existingNames()).has(name)) {
    throw new ForbiddenTableError({ sql, ...located, tableName: table.name, reason: 'not_allowed', allowedTables: policy.allowedTables });
  }
  throw new UnknownTableError({
    sql,
    ...located,
    tableName: table.name,
    suggestions: closestNames(name, policy.allowedTables),
    allowedTables: policy.allowedTables,
  });
}

async function isListedCacheTable(table: TableReference, policy: SqlPolicy, catalog: CatalogFacts): Promise<boolean> {
  if (asciiLower(table.schema) !== CACHE_SCHEMA) return false;
  if (table.catalog !== '' && asciiLower(table.catalog) !== (await catalog.databaseName())) return false;
  return policy.allowedTables.includes(`${CACHE_SCHEMA}.${asciiLower(table.name)}`);
}

/** Unqualified, main schema, or this database by name; never system, temp or another attached database. */
async function isMainDatabase(table: TableReference, catalog: CatalogFacts): Promise<boolean> {
  const schema = asciiLower(table.schema);
  const catalogName = asciiLower(table.catalog);
  if (schema === '' && catalogName === '') return true;
  const database = await catalog.databaseName();
  if (catalogName === '') return schema === 'main' || schema === database;
  return catalogName === database && (schema === '' || schema === 'main');
}

function checkFunction(call: FunctionCall, sql: string, policy: SqlPolicy): void {
  const name = asciiLower(call.name);
  const position = positionFromByteOffset(sql, call.byteOffset);
  const located = position ? { position } : {};
  // The parser itself qualifies desugared built-ins (EXTRACT → main.date_part), so "main" is fine.
  if (call.catalog !== '' || !['', 'main'].includes(asciiLower(call.schema))) {
    const qualifiedName = [call.catalog, call.schema, call.name].filter((part) => part !== '').join('.');
    throw new ForbiddenFunctionError({ sql, ...located, functionName: qualifiedName, reason: 'qualified' });
  }
  if (call.role === 'table') {
    if (!policy.allowedTableFunctions.includes(name) || isFunctionDenied(policy, name)) {
      throw new ForbiddenFunctionError({ sql, ...located, functionName: call.name, reason: 'table_function' });
    }
  } else if (!isFunctionAllowed(policy, name)) {
    const denied = isFunctionDenied(policy, name);
    const suggestions = denied
      ? []
      : closestNames(name, [...policy.allowedFunctions].filter((candidate) => /^[a-z_][a-z0-9_]*$/.test(candidate)));
    throw new ForbiddenFunctionError({ sql, ...located, functionName: call.name, reason: denied ? 'denied' : 'not_allowed', suggestions });
  }
  const sizeArgument = SIZED_VALUE_FUNCTIONS.get(name);
  if (sizeArgument !== undefined && sizeArgument >= 0) {
    const size = literalNumber(call.argumentNodes[sizeArgument]);
    if (size !== undefined && size > MAX_LITERAL_VALUE_SIZE) {
      throw new ForbiddenFunctionError({ sql, ...located, functionName: call.name, reason: 'value_too_large', rangeRows: size, maxRangeRows: MAX_LITERAL_VALUE_SIZE });
    }
  }
  if (RANGE_FUNCTIONS.has(name)) {
    const rows = literalRangeSize(name, call.argumentNodes);
    if (rows !== undefined && rows > policy.maxRangeRows) {
      throw new ForbiddenFunctionError({
        sql,
        ...located,
        functionName: call.name,
        reason: 'range_too_large',
        rangeRows: rows,
        maxRangeRows: policy.maxRangeRows,
      });
    }
  }
}

/** Facts read with the application's own fixed SQL, only when a decision needs them. */
class CatalogFacts {
  private database: Promise<string> | undefined;
  private names: Promise<Set<string>> | undefined;

  constructor(private readonly connection: DuckDBConnection) {}

  databaseName(): Promise<string> {
    this.database ??= this.connection
      .runAndReadAll('SELECT current_database()')
      .then((reader) => asciiLower(String(reader.getRows()[0]?.[0] ?? '')));
    return this.database;
  }

  /** Every table and view in any attached catalog, system views included: they exist, so they are "forbidden", not "unknown". */
  existingNames(): Promise<Set<string>> {
    this.names ??= this.connection
      .runAndReadAll('SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views()')
      .then((reader) => new Set(reader.getRows().map((row) => asciiLower(String(row[0])))));
    return this.names;
  }
}

async function normalize(connection: DuckDBConnection, sql: string): Promise<string> {
  try {
    const reader = await connection.runAndReadAll('SELECT json_deserialize_sql(json_serialize_sql($1::VARCHAR))', [sql]);
    const text = reader.getRows()[0]?.[0];
    return typeof text === 'string' ? text : sql.trim();
  } catch {
    // Rendering is informational only; the original text is what runs.
    return sql.trim();
  }
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
