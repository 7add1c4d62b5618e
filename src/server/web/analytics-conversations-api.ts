import express from 'express';
import type { Warehouse } from '../../sql/warehouse.ts';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from '../auth/authenticate.ts';
import type { ConversationSummary } from './web-api-schemas.ts';
import { sendWebApiError } from './web-api-error.ts';

const MAX_CONVERSATIONS = 100;

/** The analyst's analytics conversations, most recent first (only ones with at least one message). */
export async function listAnalystConversations(warehouse: Warehouse, analystId: string): Promise<ConversationSummary[]> {
  const result = await warehouse.query(
    `SELECT conversation_id, title, language, last_seq, strftime(updated_at, '%Y-%m-%dT%H:%M:%S') AS updated_at
       FROM conversations
      WHERE kind = 'analytics' AND analyst_id = $analyst AND last_seq > 0
      ORDER BY updated_at DESC, conversation_id
      LIMIT ${MAX_CONVERSATIONS}`,
    { analyst: analystId },
  );
  return result.rows.map((row) => ({
    conversationId: String(row.conversation_id),
    title: typeof row.title === 'string' ? row.title : null,
    language: typeof row.language === 'string' ? row.language : null,
    lastSeq: Number(row.last_seq),
    updatedAt: String(row.updated_at),
  }));
}

/**
 * GET /api/web/analytics/conversations: the sidebar history from DuckDB, so it survives a cleared browser as well
 * as a server restart. The messages themselves come over the socket (resume with lastSeq 0).
 */
export function analyticsConversationsRouter(options: { warehouse: Warehouse; authentication: AuthenticationSettings }): express.Router {
  const router = express.Router();
  router.get('/api/web/analytics/conversations', async (request, response) => {
    try {
      const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], options.authentication);
      if (principal.role !== 'analyst') throw new Error('unreachable: authenticate checked the role');
      response.json({ conversations: await listAnalystConversations(options.warehouse, principal.analystId) });
    } catch (error) {
      sendWebApiError(response, error);
    }
  });
  return router;
}
