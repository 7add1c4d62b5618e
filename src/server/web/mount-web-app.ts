import type express from 'express';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import type { AppExtension } from '../http-routes.ts';
import { answerEditsRouter } from '../answer-edits/answer-edits-api.ts';
import { dashboardsRouter } from '../dashboards/dashboards-api.ts';
import { xlsxExportRouter } from '../exports/xlsx-export-api.ts';
import { ratingsRouter } from '../ratings/ratings-api.ts';
import { analyticsConversationsRouter } from './analytics-conversations-api.ts';
import { demoLoginEnabled, demoLoginRouter } from './demo-login.ts';
import { evalsRouter } from './evals-api.ts';
import { staticPagesRouter } from './static-pages.ts';

export interface WebAppOptions {
  /** Folder of eval runs (evals/runs): read-only, for /evals. */
  evalsDirectory: string;
  /** The server's token secret and API key: the evals API and the conversation list are for analysts only. */
  authentication: AuthenticationSettings;
  /** For the analyst's conversation list and the demo customers; without it those endpoints are absent or empty. */
  warehouse?: Warehouse;
  /** Where "make golden question" writes (default evals/rated/ under the working directory). */
  ratedGoldenDirectory?: string;
  /** The built bundle (default web/dist). */
  distDirectory?: string;
  /** Demo sign-in endpoints (default: SHOPLENS_DEMO_LOGIN=1). Never enable on a server others can reach. */
  demoLogin?: boolean;
}

/**
 * Mounts the web front end on the server's express app: the pages /, /support, /agents, /evals from web/dist and
 * their small read-only APIs. Call it before the app's 404 handler.
 */
export function mountWebApp(app: express.Express, options: WebAppOptions): void {
  const demoLogin = options.demoLogin ?? demoLoginEnabled();
  app.use(demoLoginRouter({ enabled: demoLogin, secret: options.authentication.secret, warehouse: options.warehouse }));
  app.use(evalsRouter({ evalsDirectory: options.evalsDirectory, authentication: options.authentication }));
  if (options.warehouse) {
    app.use(analyticsConversationsRouter({ warehouse: options.warehouse, authentication: options.authentication }));
    app.use(dashboardsRouter({ warehouse: options.warehouse, authentication: options.authentication }));
    app.use(answerEditsRouter({ warehouse: options.warehouse, authentication: options.authentication }));
    app.use(xlsxExportRouter({ warehouse: options.warehouse, authentication: options.authentication }));
    app.use(ratingsRouter({ warehouse: options.warehouse, authentication: options.authentication, goldenDirectory: options.ratedGoldenDirectory }));
  }
  app.use(staticPagesRouter({ distDirectory: options.distDirectory }));
}

/**
 * The same as an `extendApp` hook for createShopLensServer / startServer, which supply the warehouse and the
 * authentication settings: `extendApp: webAppExtension({ evalsDirectory: 'evals/runs' })`.
 */
export function webAppExtension(options: Omit<WebAppOptions, 'authentication' | 'warehouse'>): AppExtension {
  return (app, context) => mountWebApp(app, { ...options, warehouse: context.warehouse, authentication: context.authentication });
}
