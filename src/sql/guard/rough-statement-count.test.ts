import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roughStatementCount } from './rough-statement-count.ts';

describe('roughStatementCount', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  // DuckDB's own statement splitter is the oracle (safe here: every input is SELECT-only).
  const inputs = [
    'SELECT 1',
    'SELECT 1;',
    'SELECT 1; SELECT 2',
    "SELECT ';' AS s; SELECT 2",
    "SELECT 'it''s; fine'",
    'SELECT 1 AS ";"',
    'SELECT 1 -- ; comment\n; SELECT 2',
    'SELECT 1 /* ; */ ; SELECT 2 /* ; */',
    'SELECT $$;$$, $tag$ ; $tag$',
    ';;SELECT 1;;',
    'SELECT 1;\n\n  ',
  ];

  for (const sql of inputs) {
    it(`agrees with extractStatements on ${JSON.stringify(sql)}`, async () => {
      const extracted = await connection.extractStatements(sql);
      expect(roughStatementCount(sql)).toBe(extracted.count);
    });
  }

  it('counts nothing in whitespace and comments', () => {
    expect(roughStatementCount('  -- only a comment\n /* and another */ ')).toBe(0);
  });
});
