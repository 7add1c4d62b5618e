import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { loadAnalystAnswer } from '../dashboards/analyst-answers.ts';
import { rerunSql } from '../dashboards/rerun-sql.ts';
import { sendWorkspaceError, WorkspaceConflictError } from '../dashboards/workspace-error.ts';
import { analystOf, parseRequest } from '../dashboards/workspace-request.ts';
import { GoldenRequestSchema, RateRequestSchema } from '../web/workspace-api-schemas.ts';
import { writeGoldenQuestion } from './golden-writer.ts';
import { RatingRepository } from './rating-repository.ts';

/**
 * Where golden questions captured from ratings go: evals/rated/ under the server's working directory, like the eval
 * runs it reads from evals/runs (reviewed there, then moved to evals/golden/).
 */
export const DEFAULT_RATED_GOLDEN_DIRECTORY = 'evals/rated';

const RatingParameterSchema = z.object({ ratingId: z.string().min(1).max(100) });

/**
 * Ratings of answers (analysts only): POST /api/web/ratings rates one of the analyst's own answers (as shown:
 * original or SQL-edited), GET lists the team's ratings for the evals page, and POST …/golden turns a rated answer
 * into a golden question: only an answer rated good (typically the corrected, SQL-edited one), whose SQL runs under
 * the guard for the expected rows.
 */
export function ratingsRouter(options: { warehouse: Warehouse; authentication: AuthenticationSettings; goldenDirectory?: string }): express.Router {
  const { warehouse, authentication } = options;
  const ratings = new RatingRepository(warehouse);
  const goldenDirectory = path.resolve(options.goldenDirectory ?? DEFAULT_RATED_GOLDEN_DIRECTORY);
  const router = express.Router();

  router.post('/api/web/ratings', async (request, response) => {
    try {
      const analyst = await analystOf(request, authentication);
      const body = parseRequest(RateRequestSchema, request.body);
      const source = await loadAnalystAnswer(warehouse, analyst.analystId, body.answer);
      response.json({ rating: await ratings.rate(analyst.analystId, source, body.rating, body.comment || null) });
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });

  router.get('/api/web/ratings', async (request, response) => {
    try {
      await analystOf(request, authentication);
      response.json({ ratings: await ratings.list() });
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });

  router.post('/api/web/ratings/:ratingId/golden', async (request, response) => {
    try {
      const analyst = await analystOf(request, authentication);
      const { ratingId } = parseRequest(RatingParameterSchema, request.params);
      const body = parseRequest(GoldenRequestSchema, request.body);
      const rating = await ratings.find(ratingId);
      if (rating.goldenFile) throw new WorkspaceConflictError(`This answer is already the golden question ${rating.goldenId} (${rating.goldenFile}).`);
      if (rating.rating === 'down') throw new WorkspaceConflictError('This answer was rated wrong, so its SQL is not gold: correct it with Edit SQL, rate the corrected answer as good, and file that one.');
      if (!rating.sql) throw new WorkspaceConflictError('This answer came from a model tool, not SQL: a golden question needs gold SQL. Add it to evals/golden/model-tools.yaml by hand.');
      const result = await rerunSql(warehouse, analyst.key, rating.sql, { columns: [], chart: null, language: rating.language });
      if (result.truncated) throw new WorkspaceConflictError('The gold SQL returns more rows than the row cap; narrow it before filing it as a golden question.');
      const written = writeGoldenQuestion(goldenDirectory, { rating, goldSql: rating.sql, rows: result.rows, shape: body.shape, ordered: body.ordered });
      // Shown as written: relative to the working directory when under it (evals/rated/…), else the full path.
      const location = path.relative(process.cwd(), path.join(goldenDirectory, written.file));
      const file = location.startsWith('..') ? path.join(goldenDirectory, written.file) : location;
      await ratings.markGolden(rating.ratingId, file, written.id);
      response.status(201).json({ goldenId: written.id, file, expectedRowCount: result.rows.length, rating: await ratings.find(rating.ratingId) });
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });
  return router;
}
