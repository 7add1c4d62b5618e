import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from './warehouse.ts';

describe('toJsonValue via Warehouse.query', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
  });
  afterAll(() => warehouse.close());

  it('turns every DuckDB type the warehouse uses into plain JSON', async () => {
    const result = await warehouse.query(`
      SELECT 1::BIGINT AS small_bigint,
             9007199254740993::BIGINT AS huge_bigint,
             12.34::DECIMAL(12, 2) AS money,
             123456789012345678901::HUGEINT AS hugeint,
             TIMESTAMP '2025-11-11 20:15:00' AS at,
             DATE '2025-11-11' AS day,
             [1, 2]::INTEGER[] AS list,
             {'x': 1.5::DECIMAL(4,1)} AS struct,
             'nan'::DOUBLE AS not_a_number,
             NULL::VARCHAR AS nothing,
             INTERVAL 3 DAY AS span,
             [0.5, 0.25]::FLOAT[2] AS vector,
             true AS flag`);
    expect(result.rows).toEqual([
      {
        small_bigint: 1,
        huge_bigint: '9007199254740993',
        money: 12.34,
        hugeint: '123456789012345678901',
        at: '2025-11-11 20:15:00',
        day: '2025-11-11',
        list: [1, 2],
        struct: { x: 1.5 },
        not_a_number: null,
        nothing: null,
        span: '3 days',
        vector: [0.5, 0.25],
        flag: true,
      },
    ]);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    expect(result.columns.map((column) => column.type)).toContain('DECIMAL(12,2)');
  });
});
