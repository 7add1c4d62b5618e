import type express from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { requireOperator } from '../auth/require-operator.ts';
import type { ChatHub } from '../chat-hub.ts';
import { firstIssue } from '../protocol.ts';
import { InvalidPayloadError } from '../server-errors.ts';
import { ImportRunRequestSchema, ServerImportError, type ServerImporter } from './import-runner.ts';

const ImportIdSchema = z.uuid();

/**
 * Imports while the server owns the warehouse (`shoplens import` finds the server and uses these):
 * POST /api/imports → { importId }; PUT /api/imports/:id/files/:name with the file as the raw body (streamed to the
 * server's staging folder); POST /api/imports/:id/run with the options → the data-quality report, or 422
 * { error: { code: 'import_failed', kind, message } } with nothing written; DELETE /api/imports/:id discards uploads.
 */
export function mountImportRoutes(app: express.Express, context: { hub: ChatHub; authentication: AuthenticationSettings; importer: ServerImporter }): void {
  const { hub, authentication, importer } = context;
  // Imports write the behaviour tables: only the operator.
  const operator = (request: Request) => requireOperator(request, context, 'import data');
  const importIdOf = (request: Request) => {
    const parsed = ImportIdSchema.safeParse(request.params.importId);
    if (!parsed.success) throw new InvalidPayloadError('importId', 'importId: not an import id (a UUID from POST /api/imports).');
    return parsed.data;
  };

  app.post('/api/imports', async (request, response) => {
    await operator(request);
    response.status(201).json({ importId: importer.staging.open().id });
  });

  app.put('/api/imports/:importId/files/:name', async (request, response) => {
    await operator(request);
    const importId = importIdOf(request);
    if (request.is('application/json')) throw new InvalidPayloadError('content-type', 'Send the file itself as the body (application/octet-stream), not JSON.');
    try {
      response.status(201).json(await hub.track(importer.staging.receive(importId, String(request.params.name), request)));
    } catch (error) {
      // The rest of the body was not read: this connection cannot carry another request.
      response.setHeader('Connection', 'close');
      throw error;
    }
  });

  app.post('/api/imports/:importId/run', async (request, response) => {
    await operator(request);
    const importId = importIdOf(request);
    const parsed = ImportRunRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      importer.staging.discard(importId);
      const issue = firstIssue(parsed.error);
      throw new InvalidPayloadError(issue.field, `${issue.field}: ${issue.message}`);
    }
    try {
      response.json(await hub.track(importer.run(importId, parsed.data)));
    } catch (error) {
      if (!(error instanceof ServerImportError)) throw error;
      hub.logger.info({ kind: error.kind, reason: error.message }, 'import through the server refused; nothing written');
      response.status(422).json({ error: { code: 'import_failed', kind: error.kind, message: error.message } });
    }
  });

  app.delete('/api/imports/:importId', async (request, response) => {
    await operator(request);
    importer.staging.discard(importIdOf(request));
    response.json({ discarded: true });
  });
}
