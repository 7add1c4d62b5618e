import express from 'express';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from '../auth/authenticate.ts';
import { EvalRunReader } from './eval-run-reader.ts';
import { sendWebApiError } from './web-api-error.ts';

/**
 * Read-only eval runs for the eval viewer: GET /api/evals/runs, /api/evals/runs/:runId and
 * /api/evals/runs/:runId/questions/:questionId. Analyst credentials only: transcripts contain SQL and result rows.
 */
export function evalsRouter(options: { evalsDirectory: string; authentication: AuthenticationSettings }): express.Router {
  const reader = new EvalRunReader(options.evalsDirectory);
  const router = express.Router();
  const analystOnly: express.RequestHandler = (request, response, next) => {
    authenticate(credentialsOfHeaders(request.headers), ['analyst'], options.authentication).then(
      () => next(),
      (error: unknown) => sendWebApiError(response, error),
    );
  };

  router.get('/api/evals/runs', analystOnly, async (_request, response) => {
    try {
      response.json(await reader.listRuns());
    } catch (error) {
      sendWebApiError(response, error);
    }
  });

  router.get('/api/evals/runs/:runId', analystOnly, async (request, response) => {
    try {
      response.json(await reader.runDetail(String(request.params.runId)));
    } catch (error) {
      sendWebApiError(response, error);
    }
  });

  router.get('/api/evals/runs/:runId/questions/:questionId', analystOnly, async (request, response) => {
    try {
      const runId = String(request.params.runId);
      response.json({ runId, question: await reader.question(runId, String(request.params.questionId)) });
    } catch (error) {
      sendWebApiError(response, error);
    }
  });
  return router;
}
