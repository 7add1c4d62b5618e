import type { PreviousTurn } from '../../agent/planner.ts';
import type { SqlRunner } from '../sql-runner.ts';

const MAX_TURNS = 8;

/**
 * Earlier turns of the current thread only (messages after threadStartSeq), for the LLM planner. A thread a
 * human resolved is never re-read, so an old complaint cannot pull the bot back into it.
 */
export async function threadHistory(runner: SqlRunner, conversationId: string, threadStartSeq: number, currentText: string): Promise<PreviousTurn[]> {
  const result = await runner.query(
    `SELECT role, content FROM messages WHERE conversation_id = $id AND seq > $start AND role IN ('user', 'assistant', 'agent') AND content IS NOT NULL ORDER BY seq`,
    { id: conversationId, start: threadStartSeq },
  );
  const turns: PreviousTurn[] = [];
  for (const row of result.rows) {
    const content = String(row.content).slice(0, 1000);
    if (row.role === 'user') turns.push({ question: content });
    else if (turns.length > 0) {
      const last = turns[turns.length - 1] as PreviousTurn;
      last.memory = typeof last.memory === 'string' ? `${last.memory}\n${content}` : content;
    }
  }
  // The server may have stored the current message already.
  const last = turns[turns.length - 1];
  if (last && last.memory === undefined && last.question === currentText.slice(0, 1000)) turns.pop();
  return turns.slice(-MAX_TURNS);
}
