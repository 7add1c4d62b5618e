import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse.ts';
import { checkSql } from './check-sql.ts';
import { ALLOWED_FUNCTIONS, DENIED_FUNCTIONS, DENIED_FUNCTION_PREFIXES } from './function-allowlist.ts';
import { ForbiddenFunctionError, ForbiddenTableError, SqlSyntaxError, UnknownTableError } from './guard-errors.ts';
import { createSqlPolicy, DEFAULT_ALLOWED_TABLES } from './sql-policy.ts';

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the SQL to be refused');
}

describe('checkSql', () => {
  let warehouse: Warehouse;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'sandboxed' });
    // A view the semantic layer would create.
    await warehouse.run(
      'CREATE VIEW city_revenue AS SELECT u.city, sum(o.total_amount) AS revenue FROM orders o JOIN users u USING (user_id) GROUP BY 1',
    );
    connection = await warehouse.connect();
  });
  afterAll(() => {
    connection.closeSync();
    warehouse.close();
  });

  it('reports the tables, CTEs, functions and table functions a query uses', async () => {
    const checked = await checkSql(
      connection,
      `WITH monthly AS (
         SELECT date_trunc('month', o.created_at) AS month, sum(i.amount) AS revenue
         FROM orders o JOIN order_items i ON i.order_id = o.order_id
         GROUP BY 1
       )
       SELECT m.month, m.revenue, lag(m.revenue) OVER (ORDER BY m.month) AS previous, d.day
       FROM monthly m, generate_series(1, 3) AS d(day)
       WHERE m.revenue > 0`,
    );
    expect(checked.tables.sort()).toEqual(['order_items', 'orders']);
    expect(checked.cteNames).toEqual(['monthly']);
    expect(checked.tableFunctions).toEqual(['generate_series']);
    expect(checked.functions.sort()).toEqual(['date_trunc', 'lag', 'sum'].sort());
    expect(checked.normalizedSql).toMatch(/^WITH monthly AS/);
    expect(checked.normalizedSql).not.toContain('\n       ');
  });

  it('accepts CTE names that are not tables, and a CTE that shadows an allowed table', async () => {
    const checked = await checkSql(connection, 'WITH users AS (SELECT 1 AS user_id), spine AS (SELECT * FROM users) SELECT * FROM spine');
    expect(checked.tables).toEqual([]);
    expect(checked.cteNames).toEqual(['users', 'spine']);
  });

  it('lets the recursive part of a recursive CTE see itself', async () => {
    const checked = await checkSql(
      connection,
      'WITH RECURSIVE countdown(n) AS (SELECT 3 UNION ALL SELECT n - 1 FROM countdown WHERE n > 1) SELECT * FROM countdown',
    );
    expect(checked.tables).toEqual([]);
  });

  it('accepts names qualified with main or the database name, nothing else', async () => {
    await expect(checkSql(connection, 'SELECT user_id FROM main.users')).resolves.toMatchObject({ tables: ['users'] });
    await expect(checkSql(connection, 'SELECT user_id FROM memory.main.users')).resolves.toMatchObject({ tables: ['users'] });
    await expect(checkSql(connection, 'SELECT user_id FROM memory.users')).resolves.toMatchObject({ tables: ['users'] });
    const error = await refusal(checkSql(connection, 'SELECT * FROM other_db.main.users'));
    expect(error).toBeInstanceOf(ForbiddenTableError);
    expect((error as ForbiddenTableError).reason).toBe('other_database');
  });

  it('reads a cache table only by its qualified name and only when the policy lists exactly that name', async () => {
    await warehouse.run('CREATE SCHEMA IF NOT EXISTS shoplens_cache; CREATE TABLE IF NOT EXISTS shoplens_cache.user_segments (user_id BIGINT, segment VARCHAR); CREATE TABLE IF NOT EXISTS shoplens_cache.trained_models (payload VARCHAR)');
    const policy = createSqlPolicy({ extraTables: ['shoplens_cache.user_segments'] });
    await expect(checkSql(connection, 'SELECT segment FROM shoplens_cache.user_segments', policy)).resolves.toMatchObject({ tables: ['user_segments'] });
    await expect(checkSql(connection, 'SELECT segment FROM memory.shoplens_cache.user_segments', policy)).resolves.toMatchObject({ tables: ['user_segments'] });
    for (const sql of ['SELECT payload FROM shoplens_cache.trained_models', 'SELECT segment FROM other_db.shoplens_cache.user_segments']) {
      expect(await refusal(checkSql(connection, sql, policy))).toBeInstanceOf(ForbiddenTableError);
    }
    // Without the policy entry, the default policy refuses it like any other schema.
    expect(await refusal(checkSql(connection, 'SELECT segment FROM shoplens_cache.user_segments'))).toBeInstanceOf(ForbiddenTableError);
  });

  it('allows semantic-layer views only when the policy lists them', async () => {
    const refused = await refusal(checkSql(connection, 'SELECT * FROM city_revenue'));
    expect(refused).toBeInstanceOf(ForbiddenTableError);
    expect((refused as ForbiddenTableError).reason).toBe('not_allowed');
    const policy = createSqlPolicy({ extraTables: ['City_Revenue'] });
    expect(policy.allowedTables).toEqual([...DEFAULT_ALLOWED_TABLES, 'city_revenue']);
    await expect(checkSql(connection, 'SELECT city FROM city_revenue', policy)).resolves.toMatchObject({ tables: ['city_revenue'] });
  });

  it('can narrow the table list', async () => {
    const policy = createSqlPolicy({ allowedTables: ['orders'] });
    const error = await refusal(checkSql(connection, 'SELECT * FROM users', policy));
    expect(error).toBeInstanceOf(ForbiddenTableError);
    expect((error as ForbiddenTableError).allowedTables).toEqual(['orders']);
  });

  it('suggests only allowed tables for unknown names and points at the reference', async () => {
    const sql = 'SELECT *\nFROM orders o\n  JOIN order_item i ON i.order_id = o.order_id';
    const error = await refusal(checkSql(connection, sql));
    expect(error).toBeInstanceOf(UnknownTableError);
    const unknown = error as UnknownTableError;
    expect(unknown.tableName).toBe('order_item');
    expect(unknown.suggestions[0]).toBe('order_items');
    expect(unknown.position).toEqual({ offset: sql.indexOf('order_item '), line: 3, column: 8 });
    expect(unknown.toFeedback()).toMatchObject({ kind: 'unknown_table', object: 'order_item', suggestions: unknown.suggestions });
  });

  it('never suggests hidden tables', async () => {
    const error = await refusal(checkSql(connection, 'SELECT * FROM audit_logs'));
    expect(error).toBeInstanceOf(UnknownTableError);
    expect((error as UnknownTableError).suggestions).not.toContain('audit_log');
  });

  it('suggests allowed functions for a misspelt one', async () => {
    const error = await refusal(checkSql(connection, "SELECT date_trunk('month', created_at) FROM orders"));
    expect(error).toBeInstanceOf(ForbiddenFunctionError);
    expect((error as ForbiddenFunctionError).reason).toBe('not_allowed');
    expect((error as ForbiddenFunctionError).suggestions).toContain('date_trunc');
  });

  it('caps literal ranges at the policy limit but leaves computed bounds to the runtime limits', async () => {
    await expect(checkSql(connection, 'SELECT * FROM range(1000000)')).resolves.toMatchObject({ tableFunctions: ['range'] });
    const error = await refusal(checkSql(connection, 'SELECT * FROM range(1000001)'));
    expect(error).toMatchObject({ reason: 'range_too_large', rangeRows: 1_000_001, maxRangeRows: 1_000_000 });
    const tight = createSqlPolicy({ maxRangeRows: 10 });
    await expect(checkSql(connection, 'SELECT * FROM generate_series(1, 11)', tight)).rejects.toBeInstanceOf(ForbiddenFunctionError);
    await expect(checkSql(connection, 'SELECT * FROM range((SELECT count(*) FROM orders))', tight)).resolves.toMatchObject({
      tables: ['orders'],
    });
  });

  it('reports parser errors with line and column, counting characters not bytes', async () => {
    const sql = "SELECT '中文' AS 名称,\n  count(*) FROM orders WHERE WHERE";
    const error = await refusal(checkSql(connection, sql));
    expect(error).toBeInstanceOf(SqlSyntaxError);
    const syntax = error as SqlSyntaxError;
    expect(syntax.position?.line).toBe(2);
    expect(syntax.position?.column).toBe(sql.split('\n')[1]!.lastIndexOf('WHERE') + 1);
    expect(syntax.messageFor('en')).toContain('line 2');
    expect(syntax.messageFor('zh')).toContain('第 2 行');
  });

  it('reads the same verdict for upper, lower and quoted spellings', async () => {
    for (const sql of ['SELECT user_id FROM USERS', 'select user_id from "Users"', 'SeLeCt user_id FrOm users']) {
      await expect(checkSql(connection, sql)).resolves.toMatchObject({ tables: ['users'] });
    }
  });
});

describe('function allowlist', () => {
  it('names only functions that exist in this DuckDB build', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      const result = await warehouse.query('SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions()');
      const existing = new Set(result.rows.map((row) => String(row.name)));
      expect([...ALLOWED_FUNCTIONS].filter((name) => !existing.has(name))).toEqual([]);
    } finally {
      warehouse.close();
    }
  });

  it('never overlaps the denylist', () => {
    const overlapping = [...ALLOWED_FUNCTIONS].filter(
      (name) => DENIED_FUNCTIONS.has(name) || DENIED_FUNCTION_PREFIXES.some((prefix) => name.startsWith(prefix)),
    );
    expect(overlapping).toEqual([]);
  });

  it('keeps denied functions refused even when a policy tries to add them', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', mode: 'sandboxed' });
    const connection = await warehouse.connect();
    try {
      const policy = createSqlPolicy({ extraFunctions: ['current_setting', 'duckdb_secrets'] });
      const error = await refusal(checkSql(connection, "SELECT current_setting('threads')", policy));
      expect(error).toMatchObject({ reason: 'denied', functionName: 'current_setting' });
    } finally {
      connection.closeSync();
      warehouse.close();
    }
  });
});
