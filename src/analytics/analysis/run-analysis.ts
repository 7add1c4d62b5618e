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
  userActivityDaysReady,
  USER_ACTIVITY_DAYS,
  type CompiledQuery,
  type DerivedTables,
} from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
import type { AnswerShape, ResultColumn, ResultTable } from '../../presentation/result-table.ts';
import type { AnalysisRequest } from './analysis-request.ts';
import { CACHE_SCHEMA } from '../../sql/cache-schema.ts';

/** Model-written and planner-written SQL may also read the tables the behaviour models write. */
export const ANALYTICS_SQL_POLICY = createSqlPolicy({ extraTables: [`${CACHE_SCHEMA}.user_segments`, USER_ACTIVITY_DAYS, 'support_events'] });
/**
 * The same checks for SQL the semantic layer compiled: a "why did the conversion rate change" decomposes a ratio
 * over every dimension and runs past the 20,000 characters allowed to model-written SQL, which is a limit on what a
 * model may send, not on what ShopLens builds itself.
 */
export const COMPILED_ANALYTICS_SQL_POLICY = createSqlPolicy({
  extraTables: [`${CACHE_SCHEMA}.user_segments`, USER_ACTIVITY_DAYS, 'support_events'],
  maxSqlLength: 200_000,
});

export interface AnalysisResult extends ResultTable {
  analysis: AnalysisRequest['analysis'];
  /** Time spent inside DuckDB (check + run), for latency accounting. */
  duckdbMs: number;
  /** Time spent compiling the request to SQL. */
  compileMs: number;
}

export function compileAnalysisRequest(request: AnalysisRequest, tables: readonly string[], extra: { dialect?: SqlDialect; derived?: DerivedTables } = {}): CompiledQuery {
  const options = { tables, ...extra };
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
  const compiling = performance.now();
  // Behaviour tables in ClickHouse: the guard checks the DuckDB form, ClickHouse runs its own spelling.
  const engine = warehouse.behaviourEngine;
  const engineQuery = engine ? compileAnalysisRequest(request, tables, { dialect: engine.dialect }) : undefined;
  // Retention and cohort questions read the per-user-day cache instead of events when it is current; the cache is
  // checked, and rebuilt when the data changed, only for those. The cache lives in DuckDB, so a ClickHouse warehouse
  // reads its own events. Every use of the cache names its table, so SQL compiled for it that does not name it is
  // the events-table SQL, and is not compiled a second time; the events-table SQL of one that does is compiled only
  // when the cache is not current (it used to be compiled first and then dropped).
  const fromCache = engine ? undefined : compileAnalysisRequest(request, tables, { derived: { userActivityDays: true } });
  let compileMs = performance.now() - compiling;
  const readsCache = fromCache !== undefined && fromCache.sql.includes(USER_ACTIVITY_DAYS);
  let compiled: CompiledQuery;
  if (fromCache && (!readsCache || (await userActivityDaysReady(warehouse)))) compiled = fromCache;
  else {
    const compilingEvents = performance.now();
    compiled = compileAnalysisRequest(request, tables);
    compileMs += performance.now() - compilingEvents;
  }
  const started = performance.now();
  const result = await runGuardedSql(warehouse, compiled.sql, {
    policy: COMPILED_ANALYTICS_SQL_POLICY,
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
    ...(typeof request.query.offset === 'number' && request.query.offset > 0 ? { firstPlace: request.query.offset + 1 } : {}),
    duckdbMs,
    compileMs,
  };
}
