import express from 'express';
import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { CreateDashboardRequestSchema, PinRequestSchema } from '../web/workspace-api-schemas.ts';
import { loadAnalystAnswer } from './analyst-answers.ts';
import { DashboardRepository } from './dashboard-repository.ts';
import { viewDashboard } from './dashboard-view.ts';
import { SHARE_TTL_SECONDS, signShareToken, verifyShareToken } from './share-token.ts';
import { sendWorkspaceError } from './workspace-error.ts';
import { analystOf, parseRequest } from './workspace-request.ts';

const IdParameterSchema = z.object({ dashboardId: z.string().min(1).max(100) });
const ItemParameterSchema = IdParameterSchema.extend({ itemId: z.string().min(1).max(100) });
const ShareParameterSchema = z.object({ token: z.string().min(10).max(4096) });

type Handler = (request: express.Request, response: express.Response) => Promise<void>;
const guarded = (handler: Handler): Handler => async (request, response) => {
  try {
    await handler(request, response);
  } catch (error) {
    sendWorkspaceError(response, error);
  }
};

/**
 * Dashboards of pinned answers (analysts only, each sees only their own): list, create, pin, view (re-run now),
 * unpin, delete, and a signed read-only share link another analyst can open.
 */
export function dashboardsRouter(options: { warehouse: Warehouse; authentication: AuthenticationSettings }): express.Router {
  const { warehouse, authentication } = options;
  const repository = new DashboardRepository(warehouse);
  const router = express.Router();

  router.get('/api/web/dashboards', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    response.json({ dashboards: await repository.list(analyst.analystId) });
  }));

  router.post('/api/web/dashboards', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const body = parseRequest(CreateDashboardRequestSchema, request.body);
    const dashboard = await repository.create(analyst.analystId, body.name);
    response.status(201).json({ dashboard: await repository.summary(dashboard) });
  }));

  router.post('/api/web/dashboards/pins', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const body = parseRequest(PinRequestSchema, request.body);
    const source = await loadAnalystAnswer(warehouse, analyst.analystId, body.answer);
    const dashboard = body.dashboardId ? await repository.find(body.dashboardId, analyst.analystId) : await repository.create(analyst.analystId, body.newDashboardName as string);
    const itemId = await repository.pin(dashboard, {
      answer: source.answer,
      originalSql: source.editId ? source.originalSql : null,
      editId: source.editId,
      chartKind: body.chartKind ?? null,
      conversationId: body.answer.conversationId,
      seq: body.answer.seq,
    });
    response.status(201).json({ dashboard: await repository.summary(dashboard), itemId });
  }));

  router.get('/api/web/dashboards/:dashboardId', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const { dashboardId } = parseRequest(IdParameterSchema, request.params);
    const dashboard = await repository.find(dashboardId, analyst.analystId);
    response.json(await viewDashboard(warehouse, repository, dashboard, { key: analyst.key, readOnly: false }));
  }));

  router.delete('/api/web/dashboards/:dashboardId', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const { dashboardId } = parseRequest(IdParameterSchema, request.params);
    await repository.remove(await repository.find(dashboardId, analyst.analystId));
    response.json({ deleted: dashboardId });
  }));

  router.delete('/api/web/dashboards/:dashboardId/items/:itemId', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const { dashboardId, itemId } = parseRequest(ItemParameterSchema, request.params);
    await repository.removeItem(await repository.find(dashboardId, analyst.analystId), itemId);
    response.json({ deleted: itemId });
  }));

  router.post('/api/web/dashboards/:dashboardId/share', guarded(async (request, response) => {
    const analyst = await analystOf(request, authentication);
    const { dashboardId } = parseRequest(IdParameterSchema, request.params);
    const dashboard = await repository.find(dashboardId, analyst.analystId);
    const token = await signShareToken(authentication.secret, dashboard.dashboardId, analyst.analystId);
    response.json({ token, path: `/?dashboard=${encodeURIComponent(token)}`, expiresInSeconds: SHARE_TTL_SECONDS });
  }));

  // A shared link is read-only and for analysts: the viewer signs in as themselves, the link names the dashboard.
  router.get('/api/web/shared-dashboards/:token', guarded(async (request, response) => {
    const viewer = await analystOf(request, authentication);
    const { token } = parseRequest(ShareParameterSchema, request.params);
    const share = await verifyShareToken(authentication.secret, token);
    // The owner in the link must still own it: a deleted dashboard (or an id reused by no one) is simply gone.
    const dashboard = await repository.find(share.dashboardId, share.owner);
    response.json(await viewDashboard(warehouse, repository, dashboard, { key: viewer.key, readOnly: true }));
  }));

  return router;
}
