import { performance } from 'node:perf_hooks';
import { createSqlPolicy, runGuardedSql } from '../../sql/guard/index.ts';
import {
  compileContribution,
  compileDistribution,
  compileFunnel,
  compileRetention,
  compileSemanticQuery,
  displaySql,
  loadAvailableTables,
  type CompiledQuery,
} from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
import type { AnswerShape, ResultColumn, ResultTable } from '../../presentation/result-table.ts';
import type { AnalysisRequest } from './analysis-request.ts';
import { CACHE_SCHEMA } from '../../sql/cache-schema.ts';

/** Model-written and planner-written SQL may also read the tables the behaviour models write. */
export const ANALYTICS_SQL_POLICY = createSqlPolicy({ extraTables: [`${CACHE_SCHEMA}.user_segments`, 'support_events'] });

export interface AnalysisResult extends ResultTable {
  analysis: AnalysisRequest['analysis'];
  /** Time spent inside DuckDB (check + run), for latency accounting. */
  duckdbMs: number;
}

function compile(request: AnalysisRequest, tables: readonly string[], dialect?: SqlDialect): CompiledQuery {
  const options = { tables, ...(dialect ? { dialect } : {}) };
  switch (request.analysis) {
    case 'metrics':
      return compileSemanticQuery(request.query, options);
    case 'funnel':
      return compileFunnel(request.query, options);
    case 'retention':
      return compileRetention(request.query, options);
    case 'distribution':
      return compileDistribution(request.query, options);
    case 'contribution':
      return compileContribution(request.query, options);
  }
}

/** The answer shape a metrics query has, from what it asks for. */
export function shapeOfMetricsQuery(query: Record<string, unknown>, columns: readonly ResultColumn[]): AnswerShape {
  const dimensions = columns.filter((column) => column.role === 'dimension');
  if (query.compareTo) return 'comparison';
  if (dimensions.length === 0) return 'single';
  // "哪个月订单最多" ranks months: a ranked time dimension reads as a ranking, not as a trend.
  if (query.orderBy && query.limit !== undefined) return 'ranking';
  if (dimensions.some((column) => ['day', 'week', 'month', 'hour', 'weekday'].includes(column.id))) return 'trend';
  return 'breakdown';
}

const SHAPES: Record<Exclude<AnalysisRequest['analysis'], 'metrics'>, AnswerShape> = {
  funnel: 'funnel',
  retention: 'retention',
  distribution: 'distribution',
  contribution: 'contribution',
};

/** Compiles a semantic request and runs it through the SQL guard on the sandboxed warehouse. */
export async function runAnalysis(warehouse: Warehouse, request: AnalysisRequest): Promise<AnalysisResult> {
  // Read fresh every time (one catalogue query, well under a millisecond): a model tool may have just created
  // a table such as user_segments.
  const tables = await loadAvailableTables(warehouse);
  const compiled = compile(request, tables);
  // Behaviour tables in ClickHouse: the guard checks the DuckDB form, ClickHouse runs its own spelling.
  const engine = warehouse.behaviourEngine;
  const engineQuery = engine ? compile(request, tables, engine.dialect) : undefined;
  const started = performance.now();
  const result = await runGuardedSql(warehouse, compiled.sql, {
    policy: ANALYTICS_SQL_POLICY,
    parameters: compiled.parameters,
    ...(engineQuery ? { engineQuery: { sql: engineQuery.sql, parameters: engineQuery.parameters } } : {}),
  });
  const duckdbMs = performance.now() - started;
  const columns: ResultColumn[] = compiled.columns.map((column) => ({ ...column }));
  const orderBy = request.query.orderBy as { direction?: string } | undefined;
  return {
    analysis: request.analysis,
    shape: request.analysis === 'metrics' ? shapeOfMetricsQuery(request.query, columns) : SHAPES[request.analysis],
    columns,
    rows: result.rows,
    // What actually ran: the ClickHouse spelling when the behaviour tables live there.
    sql: displaySql(engineQuery ?? compiled),
    truncated: result.truncated,
    assumptions: compiled.assumptions,
    direction: orderBy?.direction === 'asc' ? 'asc' : 'desc',
    duckdbMs,
  };
}
