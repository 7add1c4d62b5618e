import type { Answer } from '../../analytics/answer/answer.ts';
import { chartFor, type ChartSpec } from '../../analytics/answer/chart-spec.ts';
import { COMPILED_ANALYTICS_SQL_POLICY } from '../../analytics/analysis/run-analysis.ts';
import { inferColumns, type AnswerShape, type ResultColumn } from '../../presentation/result-table.ts';
import { isSqlGuardError, runAsQueryUser, runGuardedSql } from '../../sql/guard/index.ts';
import type { JsonRow } from '../../sql/json-values.ts';
import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { WorkspaceQueryError } from './workspace-error.ts';

export interface RerunResult {
  columns: ResultColumn[];
  rows: JsonRow[];
  truncated: boolean;
  chart: ChartSpec | null;
  /** The data's latest day when it ran (see loadAsOfDate). */
  asOf: string;
  ranAt: string;
  duckdbMs: number;
}

/** The shape chartFor needs, read off the chart the answer was first drawn with. */
function shapeOfChart(kind: string | undefined): AnswerShape | null {
  if (kind === undefined) return null;
  if (kind === 'line' || kind === 'multi-line') return 'trend';
  if (kind === 'funnel') return 'funnel';
  if (kind === 'heatmap') return 'retention';
  return 'breakdown';
}

/**
 * Runs SQL an analyst kept or edited under the guard run_sql uses: the same policy (analytics tables, no personal
 * columns), timeout and row cap, with the length limit of compiled SQL (a kept answer's SQL can be long), in the analyst's share of the query gate. Columns keep the meaning
 * (labels, unit, role, currency) the original answer gave them; new columns are inferred from their types.
 */
export async function rerunSql(warehouse: Warehouse, analystKey: string, sql: string, original: Pick<Answer, 'columns' | 'chart' | 'language'>): Promise<RerunResult> {
  try {
    const result = await runAsQueryUser(analystKey, () => runGuardedSql(warehouse, sql, { policy: COMPILED_ANALYTICS_SQL_POLICY }));
    const known = new Map(original.columns.map((column) => [column.id, column]));
    const columns = inferColumns(result.columns).map((column) => known.get(column.id) ?? column);
    const shape = shapeOfChart(original.chart?.kind);
    const chart = shape ? chartFor({ shape, columns, rows: result.rows, sql, assumptions: [] }, original.language) : null;
    return { columns, rows: result.rows, truncated: result.truncated, chart, asOf: await loadAsOfDate(warehouse), ranAt: new Date().toISOString(), duckdbMs: result.elapsedMs };
  } catch (error) {
    if (isSqlGuardError(error)) throw new WorkspaceQueryError(error.kind, error.messageFor(original.language), error.toFeedback());
    throw error;
  }
}
