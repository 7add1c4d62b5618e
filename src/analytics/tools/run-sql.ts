import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { inferColumns, type ResultTable } from '../../presentation/result-table.ts';
import { ANALYTICS_SQL_POLICY } from '../analysis/run-analysis.ts';
import { runGuardedSql } from '../../sql/guard/index.ts';

export const runSqlTool = defineTool({
  name: 'run_sql',
  description:
    'Run one read-only DuckDB SELECT over the warehouse tables (see describe_schema) when query_metrics cannot express the question. Writes, files, URLs, settings and system tables are refused. Results are capped at 10,000 rows; errors say what to fix.',
  parameters: z.object({
    sql: z.string().min(1).max(20_000).describe('One SELECT statement (CTEs allowed)'),
  }),
  async execute({ sql }, context): Promise<ResultTable & { duckdbMs: number }> {
    const result = await runGuardedSql(context.warehouse, sql, { policy: ANALYTICS_SQL_POLICY });
    return {
      shape: 'table',
      columns: inferColumns(result.columns),
      rows: result.rows,
      sql: result.sql,
      truncated: result.truncated,
      assumptions: [],
      duckdbMs: result.elapsedMs,
    };
  },
});
