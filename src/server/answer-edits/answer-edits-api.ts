import express from 'express';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { listEdits, loadAnalystAnswer, recordEdit } from '../dashboards/analyst-answers.ts';
import { rerunSql } from '../dashboards/rerun-sql.ts';
import { sendWorkspaceError } from '../dashboards/workspace-error.ts';
import { analystOf, parseRequest } from '../dashboards/workspace-request.ts';
import { z } from 'zod';
import { AnswerReferenceSchema, RerunRequestSchema, type EditedAnswer } from '../web/workspace-api-schemas.ts';
import { editedAnswer } from './edited-answer.ts';

/**
 * POST /api/web/answers/rerun: one of the analyst's own answers re-run with SQL they edited, under the same guard,
 * policy, timeout and row cap as run_sql. Only SQL that ran is recorded as an edit (answer_edits), and the returned
 * answer says it was edited; a refusal is a 422 with the guard's reason in the answer's language.
 */
export function answerEditsRouter(options: { warehouse: Warehouse; authentication: AuthenticationSettings }): express.Router {
  const router = express.Router();
  router.post('/api/web/answers/rerun', async (request, response) => {
    try {
      const started = performance.now();
      const analyst = await analystOf(request, options.authentication);
      const body = parseRequest(RerunRequestSchema, request.body);
      const source = await loadAnalystAnswer(options.warehouse, analyst.analystId, body.answer);
      const result = await rerunSql(options.warehouse, analyst.key, body.sql, source.answer);
      const edit = await recordEdit(options.warehouse, analyst.analystId, body.answer, source.answer.sql, body.sql);
      const reply: EditedAnswer = { editId: edit.editId, originalSql: source.answer.sql, editedAt: edit.editedAt, answer: editedAnswer(source.answer, body.sql, result, performance.now() - started) };
      response.json(reply);
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });
  // The edits of one conversation, so a replayed conversation can say which answers were edited.
  router.get('/api/web/answers/edits', async (request, response) => {
    try {
      const analyst = await analystOf(request, options.authentication);
      const { conversationId } = parseRequest(z.object({ conversationId: z.string().min(1).max(100) }), request.query);
      response.json({ edits: await listEdits(options.warehouse, analyst.analystId, conversationId) });
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });

  // An earlier edit opened again: its SQL re-run now (under the guard), not recorded as a new edit.
  router.post('/api/web/answers/edited', async (request, response) => {
    try {
      const started = performance.now();
      const analyst = await analystOf(request, options.authentication);
      const reference = parseRequest(AnswerReferenceSchema.required({ editId: true }), request.body);
      const source = await loadAnalystAnswer(options.warehouse, analyst.analystId, reference);
      const sql = source.answer.sql as string;
      const result = await rerunSql(options.warehouse, analyst.key, sql, source.answer);
      const edits = await listEdits(options.warehouse, analyst.analystId, reference.conversationId);
      const editedAt = edits.find((edit) => edit.editId === reference.editId)?.editedAt ?? '';
      const reply: EditedAnswer = { editId: reference.editId, originalSql: source.originalSql, editedAt, answer: editedAnswer({ ...source.answer, sql: source.originalSql }, sql, result, performance.now() - started) };
      response.json(reply);
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });
  return router;
}
