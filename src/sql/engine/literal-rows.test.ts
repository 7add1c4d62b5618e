import { describe, expect, it } from 'vitest';
import { CLICKHOUSE_DIALECT } from './clickhouse-dialect.ts';
import { LiteralRowError, literalTuples } from './literal-rows.ts';
import { DUCKDB_DIALECT } from './sql-dialect.ts';
import { Warehouse } from '../warehouse.ts';

const COLUMNS = [{ name: 'id', type: 'integer' as const }, { name: 'kind', type: 'text' as const }, { name: 'happened', type: 'timestamp' as const }];

describe('literal rows (generated rows read next to real tables)', () => {
  it('refuses anything that could end a string literal on either engine, and non-finite numbers', () => {
    for (const value of ["x' OR 1=1 --", 'nobody\\', 'a"b', '蓝牙']) {
      expect(() => literalTuples(COLUMNS, [[1, value, '2025-11-01 00:00:00']])).toThrow(LiteralRowError);
    }
    expect(() => literalTuples(COLUMNS, [[Number.NaN, 'view', '2025-11-01 00:00:00']])).toThrow(/not a finite number/);
    expect(() => literalTuples(COLUMNS, [[1, 'view']])).toThrow(/2 values for 3 columns/);
    expect(() => literalTuples([{ name: 'a b', type: 'text' }], [['x']])).toThrow(/not a plain column name/);
  });

  it('gives DuckDB typed columns, NULLs included', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      const relation = DUCKDB_DIALECT.literalRows(COLUMNS, [[1, 'view', '2025-11-01 04:00:00.250'], [2, null, '2025-11-02 00:00:00']]);
      const result = await warehouse.query(`SELECT id, kind, happened, typeof(id) AS id_type, typeof(happened) AS happened_type FROM ${relation} generated ORDER BY id`);
      expect(result.rows).toEqual([
        { id: 1, kind: 'view', happened: '2025-11-01 04:00:00.25', id_type: 'BIGINT', happened_type: 'TIMESTAMP' },
        { id: 2, kind: null, happened: '2025-11-02 00:00:00', id_type: 'BIGINT', happened_type: 'TIMESTAMP' },
      ]);
    } finally {
      warehouse.close();
    }
  });

  it('spells a ClickHouse VALUES structure with Nullable only where a value is NULL and UTC timestamps', () => {
    const relation = CLICKHOUSE_DIALECT.literalRows(COLUMNS, [[1, null, '2025-11-01 04:00:00']]);
    expect(relation).toBe("(SELECT * FROM VALUES('id Int64, kind Nullable(String), happened DateTime64(6, ''UTC'')', (1, NULL, '2025-11-01 04:00:00')))");
  });
});
