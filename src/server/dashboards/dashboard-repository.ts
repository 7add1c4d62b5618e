import { randomUUID } from 'node:crypto';
import { AnswerSchema, type Answer } from '../../analytics/answer/answer.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { ChartChoiceSchema, type ChartChoice, type DashboardSummary } from '../web/workspace-api-schemas.ts';
import { WorkspaceConflictError, WorkspaceNotFoundError } from './workspace-error.ts';
import { ensureWorkspaceSchema, WORKSPACE_SCHEMA } from './workspace-schema.ts';

export const MAX_DASHBOARDS_PER_ANALYST = 50;
export const MAX_ITEMS_PER_DASHBOARD = 24;

export interface StoredDashboard {
  dashboardId: string;
  analystId: string;
  name: string;
}

export interface StoredItem {
  itemId: string;
  question: string;
  language: 'en' | 'zh';
  sql: string | null;
  originalSql: string | null;
  editId: string | null;
  chartKind: ChartChoice | null;
  pinnedAt: string;
  pinnedAnswer: Answer;
}

export interface NewItem {
  answer: Answer;
  originalSql: string | null;
  editId: string | null;
  chartKind: ChartChoice | null;
  conversationId: string;
  seq: number;
}

const now = () => new Date().toISOString().replace('Z', '');

/** Named dashboards of pinned answers, per analyst, in the workspace schema. */
export class DashboardRepository {
  constructor(private readonly warehouse: Warehouse) {}

  async list(analystId: string): Promise<DashboardSummary[]> {
    await ensureWorkspaceSchema(this.warehouse);
    const result = await this.warehouse.query(
      `SELECT d.dashboard_id, d.name, strftime(d.updated_at, '%Y-%m-%dT%H:%M:%S') AS updated_at,
              (SELECT count(*) FROM ${WORKSPACE_SCHEMA}.dashboard_items i WHERE i.dashboard_id = d.dashboard_id) AS item_count
         FROM ${WORKSPACE_SCHEMA}.dashboards d WHERE d.analyst_id = $analyst ORDER BY d.updated_at DESC, d.name`,
      { analyst: analystId },
    );
    return result.rows.map((row) => ({ dashboardId: String(row.dashboard_id), name: String(row.name), itemCount: Number(row.item_count), updatedAt: String(row.updated_at) }));
  }

  async create(analystId: string, name: string): Promise<StoredDashboard> {
    await ensureWorkspaceSchema(this.warehouse);
    const existing = await this.list(analystId);
    if (existing.some((dashboard) => dashboard.name === name)) throw new WorkspaceConflictError(`You already have a dashboard named "${name}".`);
    if (existing.length >= MAX_DASHBOARDS_PER_ANALYST) throw new WorkspaceConflictError(`You have ${existing.length} dashboards, the most one analyst may keep; delete one first.`);
    const dashboardId = randomUUID();
    await this.warehouse.run(`INSERT INTO ${WORKSPACE_SCHEMA}.dashboards VALUES ($id, $analyst, $name, $at::TIMESTAMP, $at::TIMESTAMP)`, { id: dashboardId, analyst: analystId, name, at: now() });
    return { dashboardId, analystId, name };
  }

  /** The dashboard, if it is this analyst's (analystId null: anyone's, for a verified share link). */
  async find(dashboardId: string, analystId: string | null): Promise<StoredDashboard> {
    await ensureWorkspaceSchema(this.warehouse);
    const result = await this.warehouse.query(`SELECT dashboard_id, analyst_id, name FROM ${WORKSPACE_SCHEMA}.dashboards WHERE dashboard_id = $id`, { id: dashboardId });
    const row = result.rows[0];
    if (!row || (analystId !== null && row.analyst_id !== analystId)) throw new WorkspaceNotFoundError(`No dashboard ${dashboardId} among yours.`);
    return { dashboardId: String(row.dashboard_id), analystId: String(row.analyst_id), name: String(row.name) };
  }

  async summary(dashboard: StoredDashboard): Promise<DashboardSummary> {
    const found = (await this.list(dashboard.analystId)).find((candidate) => candidate.dashboardId === dashboard.dashboardId);
    if (!found) throw new WorkspaceNotFoundError(`No dashboard ${dashboard.dashboardId}.`);
    return found;
  }

  /** Appends an answer to the dashboard, in one transaction with its updated_at. */
  async pin(dashboard: StoredDashboard, item: NewItem): Promise<string> {
    const itemId = randomUUID();
    await this.warehouse.transaction(async (connection) => {
      const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS items, coalesce(max(position), 0)::INTEGER AS last FROM ${WORKSPACE_SCHEMA}.dashboard_items WHERE dashboard_id = $id`, { id: dashboard.dashboardId });
      const [items, last] = count.getRows()[0] as [number, number];
      if (items >= MAX_ITEMS_PER_DASHBOARD) throw new WorkspaceConflictError(`"${dashboard.name}" already holds ${items} answers, the most a dashboard may; pin to another one.`);
      const at = now();
      await connection.run(
        `INSERT INTO ${WORKSPACE_SCHEMA}.dashboard_items VALUES ($item, $dashboard, $position, $question, $language, $sql, $original, $edit, $chart, $conversation, $seq, $answer, $at::TIMESTAMP)`,
        {
          item: itemId,
          dashboard: dashboard.dashboardId,
          position: last + 1,
          question: item.answer.question,
          language: item.answer.language,
          sql: item.answer.sql,
          original: item.originalSql,
          edit: item.editId,
          chart: item.chartKind,
          conversation: item.conversationId,
          seq: item.seq,
          answer: JSON.stringify(item.answer),
          at,
        },
      );
      await connection.run(`UPDATE ${WORKSPACE_SCHEMA}.dashboards SET updated_at = $at::TIMESTAMP WHERE dashboard_id = $id`, { id: dashboard.dashboardId, at });
    });
    return itemId;
  }

  async items(dashboardId: string): Promise<StoredItem[]> {
    const result = await this.warehouse.query(
      `SELECT item_id, question, language, sql, original_sql, edit_id, chart_kind, strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS pinned_at, pinned_answer
         FROM ${WORKSPACE_SCHEMA}.dashboard_items WHERE dashboard_id = $id ORDER BY position`,
      { id: dashboardId },
    );
    return result.rows.map((row) => ({
      itemId: String(row.item_id),
      question: String(row.question),
      language: row.language === 'zh' ? 'zh' : 'en',
      sql: typeof row.sql === 'string' ? row.sql : null,
      originalSql: typeof row.original_sql === 'string' ? row.original_sql : null,
      editId: typeof row.edit_id === 'string' ? row.edit_id : null,
      chartKind: ChartChoiceSchema.nullable().catch(null).parse(row.chart_kind ?? null),
      pinnedAt: String(row.pinned_at),
      pinnedAnswer: AnswerSchema.parse(JSON.parse(String(row.pinned_answer))),
    }));
  }

  async removeItem(dashboard: StoredDashboard, itemId: string): Promise<void> {
    const result = await this.warehouse.query(`DELETE FROM ${WORKSPACE_SCHEMA}.dashboard_items WHERE dashboard_id = $dashboard AND item_id = $item RETURNING item_id`, { dashboard: dashboard.dashboardId, item: itemId });
    if (result.rows.length === 0) throw new WorkspaceNotFoundError(`No item ${itemId} on "${dashboard.name}".`);
  }

  async remove(dashboard: StoredDashboard): Promise<void> {
    await this.warehouse.transaction(async (connection) => {
      await connection.run(`DELETE FROM ${WORKSPACE_SCHEMA}.dashboard_items WHERE dashboard_id = $id`, { id: dashboard.dashboardId });
      await connection.run(`DELETE FROM ${WORKSPACE_SCHEMA}.dashboards WHERE dashboard_id = $id`, { id: dashboard.dashboardId });
    });
  }
}
