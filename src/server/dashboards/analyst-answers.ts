import { randomUUID } from 'node:crypto';
import { AnswerSchema, type Answer } from '../../analytics/answer/answer.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AnswerReference } from '../web/workspace-api-schemas.ts';
import { WorkspaceNotFoundError } from './workspace-error.ts';
import { ensureWorkspaceSchema, WORKSPACE_SCHEMA } from './workspace-schema.ts';

/** A stored answer an analyst may act on, with the SQL edit it was seen through, if any. */
export interface AnalystAnswer {
  reference: AnswerReference;
  answer: Answer;
  /** The answer's SQL as first written (differs from answer.sql when edited). */
  originalSql: string | null;
  editId: string | null;
}

/**
 * The answer stored with assistant message `seq` of one of this analyst's own analytics conversations (the server
 * keeps the whole Answer in messages.payload). Someone else's conversation reads as missing.
 */
export async function loadAnalystAnswer(warehouse: Warehouse, analystId: string, reference: AnswerReference): Promise<AnalystAnswer> {
  const result = await warehouse.query(
    `SELECT m.payload FROM messages m JOIN conversations c ON c.conversation_id = m.conversation_id
      WHERE m.conversation_id = $conversation AND m.seq = $seq AND m.role = 'assistant' AND c.kind = 'analytics' AND c.analyst_id = $analyst`,
    { conversation: reference.conversationId, seq: reference.seq, analyst: analystId },
  );
  const payload = result.rows[0]?.payload;
  const parsed = AnswerSchema.safeParse(typeof payload === 'string' ? (JSON.parse(payload) as { answer?: unknown }).answer : undefined);
  if (!parsed.success) throw new WorkspaceNotFoundError(`No answer ${reference.conversationId}#${reference.seq} among your conversations.`);
  const answer = parsed.data;
  if (!reference.editId) return { reference, answer, originalSql: answer.sql, editId: null };
  const edit = await findEdit(warehouse, analystId, reference);
  return { reference, answer: { ...answer, sql: edit.editedSql }, originalSql: edit.originalSql, editId: reference.editId };
}

async function findEdit(warehouse: Warehouse, analystId: string, reference: AnswerReference): Promise<{ originalSql: string | null; editedSql: string }> {
  await ensureWorkspaceSchema(warehouse);
  const result = await warehouse.query(
    `SELECT original_sql, edited_sql FROM ${WORKSPACE_SCHEMA}.answer_edits
      WHERE edit_id = $edit AND analyst_id = $analyst AND conversation_id = $conversation AND seq = $seq`,
    { edit: reference.editId ?? '', analyst: analystId, conversation: reference.conversationId, seq: reference.seq },
  );
  const row = result.rows[0];
  if (!row) throw new WorkspaceNotFoundError(`No SQL edit ${reference.editId} of answer ${reference.conversationId}#${reference.seq} among yours.`);
  return { originalSql: typeof row.original_sql === 'string' ? row.original_sql : null, editedSql: String(row.edited_sql) };
}

/** Records that an analyst re-ran an answer with their own SQL; returns the edit's id and time. */
export async function recordEdit(warehouse: Warehouse, analystId: string, reference: AnswerReference, originalSql: string | null, editedSql: string): Promise<{ editId: string; editedAt: string }> {
  await ensureWorkspaceSchema(warehouse);
  const editId = randomUUID();
  const editedAt = new Date().toISOString();
  await warehouse.run(
    `INSERT INTO ${WORKSPACE_SCHEMA}.answer_edits VALUES ($edit, $analyst, $conversation, $seq, $original, $edited, $at::TIMESTAMP)`,
    { edit: editId, analyst: analystId, conversation: reference.conversationId, seq: reference.seq, original: originalSql, edited: editedSql, at: editedAt.replace('Z', '') },
  );
  return { editId, editedAt };
}

/** The SQL edits an analyst made to answers of one of their conversations, newest first per answer. */
export async function listEdits(warehouse: Warehouse, analystId: string, conversationId: string): Promise<{ editId: string; seq: number; editedAt: string }[]> {
  await ensureWorkspaceSchema(warehouse);
  const result = await warehouse.query(
    `SELECT edit_id, seq, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS edited_at FROM ${WORKSPACE_SCHEMA}.answer_edits
      WHERE analyst_id = $analyst AND conversation_id = $conversation ORDER BY seq, created_at DESC LIMIT 1000`,
    { analyst: analystId, conversation: conversationId },
  );
  return result.rows.map((row) => ({ editId: String(row.edit_id), seq: Number(row.seq), editedAt: String(row.edited_at) }));
}

