import express from 'express';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { editedAnswer } from '../answer-edits/edited-answer.ts';
import { loadAnalystAnswer } from '../dashboards/analyst-answers.ts';
import { rerunSql } from '../dashboards/rerun-sql.ts';
import { sendWorkspaceError } from '../dashboards/workspace-error.ts';
import { analystOf, parseRequest } from '../dashboards/workspace-request.ts';
import { AnswerReferenceSchema } from '../web/workspace-api-schemas.ts';
import { answerWorkbook } from './answer-workbook.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name from a question: letters (any script), digits and dashes only. */
function fileName(question: string): string {
  const slug = question.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `shoplens-${slug || 'result'}-${new Date().toISOString().slice(0, 10)}.xlsx`;
}

/**
 * POST /api/web/answers/xlsx { conversationId, seq, editId? }: the table of one of the analyst's own answers as an
 * Excel workbook. Built on the server (exceljs is a server dependency; in the browser it would be a 900 kB chunk).
 * The stored answer's rows are exported as shown; an edited answer is re-run with its edited SQL first.
 */
export function xlsxExportRouter(options: { warehouse: Warehouse; authentication: AuthenticationSettings }): express.Router {
  const router = express.Router();
  router.post('/api/web/answers/xlsx', async (request, response) => {
    try {
      const analyst = await analystOf(request, options.authentication);
      const reference = parseRequest(AnswerReferenceSchema, request.body);
      const source = await loadAnalystAnswer(options.warehouse, analyst.analystId, reference);
      let answer = source.answer;
      if (source.editId && answer.sql) answer = editedAnswer(answer, answer.sql, await rerunSql(options.warehouse, analyst.key, answer.sql, answer), 0);
      const workbook = await answerWorkbook(answer, answer.language === 'zh' ? '结果' : 'Result');
      const name = fileName(answer.question);
      response.setHeader('content-type', XLSX_TYPE);
      response.setHeader('content-disposition', `attachment; filename="shoplens.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
      response.send(workbook);
    } catch (error) {
      sendWorkspaceError(response, error);
    }
  });
  return router;
}
