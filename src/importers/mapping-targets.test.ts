import { describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { TARGET_TABLES, TARGETS, type ValueKind } from './mapping-targets.ts';

/** DuckDB types each kind may be written to. */
const TYPES_OF: Record<ValueKind, RegExp> = {
  key: /^BIGINT$/,
  integer: /^(BIGINT|INTEGER)$/,
  decimal: /^DECIMAL/,
  double: /^DOUBLE$/,
  timestamp: /^TIMESTAMP$/,
  date: /^DATE$/,
  text: /^VARCHAR$/,
};

describe('mapping targets', () => {
  it('list exactly the schema columns of each table (except source), with fitting types', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      for (const table of TARGET_TABLES) {
        const schema = await warehouse.query(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $table AND column_name <> 'source' ORDER BY ordinal_position`,
          { table },
        );
        expect(Object.keys(TARGETS[table])).toEqual(schema.rows.map((row) => row.column_name));
        for (const row of schema.rows) {
          const target = TARGETS[table][String(row.column_name)];
          // Session keys are text in the mapping and renumbered to BIGINT ids.
          const kind = table === 'events' && row.column_name === 'session_id' ? 'key' : target?.kind;
          expect(String(row.data_type), `${table}.${row.column_name}`).toMatch(TYPES_OF[kind ?? 'text']);
        }
      }
    } finally {
      warehouse.close();
    }
  });
});
