import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { literalIntervalSeconds, literalRangeSize } from './literal-range-size.ts';

const treeSchema = z.object({
  statements: z.array(
    z.object({
      node: z.object({
        from_table: z.object({ function: z.object({ function_name: z.string(), children: z.array(z.unknown()) }) }),
      }),
    }),
  ),
});

describe('literalRangeSize', () => {
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

  async function estimate(tableFunction: string): Promise<number | undefined> {
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [`SELECT * FROM ${tableFunction}`]);
    const tree = treeSchema.parse(JSON.parse(String(reader.getRows()[0]?.[0])));
    const call = tree.statements[0]?.node.from_table.function;
    if (!call) throw new Error('no table function in the parse tree');
    return literalRangeSize(call.function_name, call.children);
  }

  async function actualCount(tableFunction: string): Promise<number> {
    const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM ${tableFunction}`);
    return Number(reader.getRows()[0]?.[0]);
  }

  // DuckDB itself is the oracle: for small literal arguments the estimate must equal the real row count.
  const calls = [
    'range(10)',
    'range(0)',
    'range(-5)',
    'generate_series(10)',
    'range(3, 17)',
    'range(0, 100, 7)',
    'generate_series(0, 100, 7)',
    'range(10, 0, -3)',
    'generate_series(10, 0, -3)',
    'range(5, 1)',
    'range(2.5::BIGINT, 9)',
    "range(DATE '2025-01-01', DATE '2025-03-01', INTERVAL 1 DAY)",
    "generate_series(DATE '2025-01-01', DATE '2025-03-01', INTERVAL 1 DAY)",
    "generate_series(TIMESTAMP '2025-01-01 00:00:00', TIMESTAMP '2025-01-02 00:00:00', INTERVAL '90 minutes')",
    "range(TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-08', INTERVAL '6 hours')",
  ];

  for (const call of calls) {
    it(`matches DuckDB's row count for ${call}`, async () => {
      expect(await estimate(call)).toBe(await actualCount(call));
    });
  }

  it('reads hugeint, decimal and scientific literals', async () => {
    expect(await estimate('range(100000000000000000000)')).toBe(1e20);
    expect(await estimate('range(1e12)')).toBe(1e12);
    expect(await estimate('generate_series(0, 10, 2.5)')).toBe(5);
  });

  it('approximates calendar intervals (month = 30 days)', async () => {
    expect(await estimate("generate_series(DATE '2000-01-01', DATE '2100-01-01', INTERVAL 1 MONTH)")).toBe(
      Math.floor((Date.UTC(2100, 0, 1) - Date.UTC(2000, 0, 1)) / 1000 / (30 * 86_400)) + 1,
    );
  });

  it('gives up (undefined) on non-literal arguments', async () => {
    expect(await estimate('range((SELECT 5))')).toBeUndefined();
    expect(await estimate('range(length(repeat(\'x\', 5)))')).toBeUndefined();
    expect(await estimate("range(DATE '2025-01-01', current_date, INTERVAL 1 DAY)")).toBeUndefined();
    expect(await estimate('range(0, 10, 0)')).toBeUndefined();
  });

  it('reads interval literals in both spellings', () => {
    const castNode = {
      class: 'CAST',
      cast_type: { id: 'INTERVAL', type_info: null },
      child: { class: 'CONSTANT', value: { type: { id: 'VARCHAR', type_info: null }, is_null: false, value: '1 day 2 hours 30 mins' } },
    };
    expect(literalIntervalSeconds(castNode)).toBe(86_400 + 2 * 3600 + 30 * 60);
    const functionNode = {
      class: 'FUNCTION',
      function_name: 'to_weeks',
      children: [{ class: 'CONSTANT', value: { type: { id: 'INTEGER', type_info: null }, is_null: false, value: 3 } }],
    };
    expect(literalIntervalSeconds(functionNode)).toBe(3 * 7 * 86_400);
  });
});
