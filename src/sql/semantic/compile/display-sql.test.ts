import { describe, expect, it } from 'vitest';
import { CLICKHOUSE_DIALECT } from '../../engine/clickhouse-dialect.ts';
import { compileSemanticQuery } from './compile-query.ts';
import { displaySql } from './display-sql.ts';

const QUERY = {
  metrics: ['gmv'],
  dimensions: ['city'],
  filters: [{ dimension: 'city', operator: 'in', values: ["O'Hare\\"] }, { dimension: 'weekday', operator: 'in', values: [6] }],
  timeRange: { start: '2025-11-01', end: '2025-11-30' },
};

describe('compiled filter values', () => {
  it('travel as parameters, never inside the SQL', () => {
    for (const options of [{}, { dialect: CLICKHOUSE_DIALECT }]) {
      const compiled = compileSemanticQuery(QUERY, options);
      expect(compiled.sql).not.toContain("O'Hare");
      expect(Object.values(compiled.parameters)).toEqual(expect.arrayContaining(["o'hare\\", 6]));
    }
  });

  it('are written back in, escaped for each engine, only in the SQL shown to people', () => {
    const duckdb = displaySql(compileSemanticQuery(QUERY));
    expect(duckdb).toContain("'o''hare\\'");
    expect(duckdb).toContain('IN (6)');
    expect(duckdb).not.toMatch(/\$p\d/);
    const clickhouse = displaySql(compileSemanticQuery(QUERY, { dialect: CLICKHOUSE_DIALECT }));
    expect(clickhouse).toContain("'o''hare\\\\'");
    expect(clickhouse).not.toMatch(/\{p\d/);
  });
});
