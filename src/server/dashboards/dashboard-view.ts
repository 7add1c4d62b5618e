import type { Warehouse } from '../../sql/warehouse.ts';
import type { DashboardItemView, DashboardView } from '../web/workspace-api-schemas.ts';
import type { DashboardRepository, StoredDashboard, StoredItem } from './dashboard-repository.ts';
import { rerunSql } from './rerun-sql.ts';
import { WorkspaceQueryError } from './workspace-error.ts';

/**
 * One pinned question against the current data: its SQL runs again under the guard (model answers without SQL
 * are shown as pinned, and say so). The SQL keeps the periods it was written for (the planner writes literal
 * dates), so "last week" pinned on 2025-11-30 stays that week; new or corrected rows of that period show up.
 */
async function viewOfItem(warehouse: Warehouse, viewerKey: string, item: StoredItem): Promise<DashboardItemView> {
  const base = {
    itemId: item.itemId,
    question: item.question,
    language: item.language,
    sql: item.sql,
    edited: item.editId !== null,
    chartKind: item.chartKind,
    pinnedAt: item.pinnedAt,
    pinnedAsOf: item.pinnedAnswer.as_of,
  };
  if (!item.sql) {
    const answer = item.pinnedAnswer;
    return { ...base, status: 'snapshot', asOf: answer.as_of, ranAt: null, columns: answer.columns, rows: answer.rows, truncated: answer.truncated, chart: answer.chart, message: null };
  }
  try {
    const result = await rerunSql(warehouse, viewerKey, item.sql, item.pinnedAnswer);
    return { ...base, status: 'rerun', asOf: result.asOf, ranAt: result.ranAt, columns: result.columns, rows: result.rows, truncated: result.truncated, chart: result.chart, message: null };
  } catch (error) {
    if (!(error instanceof WorkspaceQueryError)) throw error;
    return { ...base, status: 'failed', asOf: item.pinnedAnswer.as_of, ranAt: null, columns: [], rows: [], truncated: false, chart: null, message: error.message };
  }
}

/** A dashboard with every item re-run now, one after another (each takes the viewer's share of the query gate). */
export async function viewDashboard(warehouse: Warehouse, repository: DashboardRepository, dashboard: StoredDashboard, viewer: { key: string; readOnly: boolean }): Promise<DashboardView> {
  const items: DashboardItemView[] = [];
  for (const item of await repository.items(dashboard.dashboardId)) items.push(await viewOfItem(warehouse, viewer.key, item));
  return { dashboardId: dashboard.dashboardId, name: dashboard.name, owner: dashboard.analystId, readOnly: viewer.readOnly, items };
}
