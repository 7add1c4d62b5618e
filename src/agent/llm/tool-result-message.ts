import type { ToolOutcome } from '../planner.ts';
import type { ChatMessage } from './chat-model.ts';

const ROWS_SHOWN_TO_MODEL = 30;

/**
 * What the model reads back from a tool: errors with their kind (so it can repair SQL), and tables cut to
 * a few rows. An empty result says so loudly: the model must not narrate numbers it does not have.
 */
export function toolResultMessage(outcome: ToolOutcome): ChatMessage {
  if (!outcome.ok) {
    return {
      role: 'tool',
      toolCallId: outcome.callId,
      content: JSON.stringify({ error: outcome.error?.kind ?? 'other', message: outcome.error?.message, detail: outcome.error?.detail }),
    };
  }
  const result = outcome.result;
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray((result as { rows: unknown }).rows)) {
    const rows = (result as { rows: unknown[] }).rows;
    const note = rows.length === 0
      ? 'The query returned 0 rows. Do not state any number; check filters and values with search_values, or tell the user there is no data.'
      : undefined;
    return {
      role: 'tool',
      toolCallId: outcome.callId,
      content: JSON.stringify({ ...result, rows: rows.slice(0, ROWS_SHOWN_TO_MODEL), rowCount: rows.length, note }),
    };
  }
  return { role: 'tool', toolCallId: outcome.callId, content: JSON.stringify(result ?? null) };
}
