import { z } from 'zod';
import {
  DashboardListResponseSchema,
  DashboardViewSchema,
  EditedAnswerSchema,
  EditListResponseSchema,
  PinResponseSchema,
  RateResponseSchema,
  ShareResponseSchema,
  type AnswerReference,
  type ChartChoice,
} from '../../../src/server/web/workspace-api-schemas.ts';
import { headersOf, type Credential } from '../shared/credentials.ts';
import { ApiError, fetchJson } from '../shared/fetch-json.ts';

/** The analyst's workspace endpoints (src/server/dashboards, src/server/ratings), validated on arrival. */
export class WorkspaceApi {
  constructor(private readonly credential: Credential) {}

  dashboards() {
    return fetchJson('/api/web/dashboards', DashboardListResponseSchema, { credential: this.credential });
  }

  pin(answer: AnswerReference, target: { dashboardId: string } | { newDashboardName: string }, chartKind: ChartChoice | null) {
    return fetchJson('/api/web/dashboards/pins', PinResponseSchema, { credential: this.credential, method: 'POST', body: { answer, ...target, ...(chartKind ? { chartKind } : {}) } });
  }

  dashboard(dashboardId: string) {
    return fetchJson(`/api/web/dashboards/${encodeURIComponent(dashboardId)}`, DashboardViewSchema, { credential: this.credential });
  }

  sharedDashboard(token: string) {
    return fetchJson(`/api/web/shared-dashboards/${encodeURIComponent(token)}`, DashboardViewSchema, { credential: this.credential });
  }

  share(dashboardId: string) {
    return fetchJson(`/api/web/dashboards/${encodeURIComponent(dashboardId)}/share`, ShareResponseSchema, { credential: this.credential, method: 'POST', body: {} });
  }

  /** Re-runs one of the analyst's answers with edited SQL (same guard as run_sql); refusals come back as ApiError 422. */
  rerun(answer: AnswerReference, sql: string) {
    return fetchJson('/api/web/answers/rerun', EditedAnswerSchema, { credential: this.credential, method: 'POST', body: { answer: { conversationId: answer.conversationId, seq: answer.seq }, sql } });
  }

  /** The answer's table as an .xlsx workbook, built by the server. */
  async xlsx(answer: AnswerReference): Promise<Blob> {
    const response = await fetch('/api/web/answers/xlsx', { method: 'POST', headers: { 'content-type': 'application/json', ...headersOf(this.credential) }, body: JSON.stringify(answer), credentials: 'same-origin' });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${response.status}`);
    }
    return response.blob();
  }

  rate(answer: AnswerReference, rating: 'up' | 'down', comment: string) {
    return fetchJson('/api/web/ratings', RateResponseSchema, { credential: this.credential, method: 'POST', body: { answer, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
  }

  removeItem(dashboardId: string, itemId: string) {
    return fetchJson(`/api/web/dashboards/${encodeURIComponent(dashboardId)}/items/${encodeURIComponent(itemId)}`, z.object({ deleted: z.string() }), { credential: this.credential, method: 'DELETE' });
  }

  removeDashboard(dashboardId: string) {
    return fetchJson(`/api/web/dashboards/${encodeURIComponent(dashboardId)}`, z.object({ deleted: z.string() }), { credential: this.credential, method: 'DELETE' });
  }

  /** The analyst's SQL edits in one conversation, to mark replayed answers that were edited. */
  edits(conversationId: string) {
    return fetchJson(`/api/web/answers/edits?conversationId=${encodeURIComponent(conversationId)}`, EditListResponseSchema, { credential: this.credential });
  }

  /** An earlier edit of an answer, its SQL re-run now (not recorded again). */
  openEdit(answer: AnswerReference & { editId: string }) {
    return fetchJson('/api/web/answers/edited', EditedAnswerSchema, { credential: this.credential, method: 'POST', body: answer });
  }
}
