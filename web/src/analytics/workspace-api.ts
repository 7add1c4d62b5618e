import {
  DashboardListResponseSchema,
  DashboardViewSchema,
  PinResponseSchema,
  ShareResponseSchema,
  type AnswerReference,
  type ChartChoice,
} from '../../../src/server/web/workspace-api-schemas.ts';
import type { Credential } from '../shared/credentials.ts';
import { fetchJson } from '../shared/fetch-json.ts';

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
}

