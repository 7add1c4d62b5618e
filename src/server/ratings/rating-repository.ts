import { randomUUID } from 'node:crypto';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { AnalystAnswer } from '../dashboards/analyst-answers.ts';
import { WorkspaceNotFoundError } from '../dashboards/workspace-error.ts';
import { ensureWorkspaceSchema, WORKSPACE_SCHEMA } from '../dashboards/workspace-schema.ts';
import type { RatedAnswer } from '../web/workspace-api-schemas.ts';

const COLUMNS = `rating_id, analyst_id, conversation_id, seq, edit_id, rating, comment, question, language, sql, golden_file, golden_id,
  strftime(updated_at, '%Y-%m-%dT%H:%M:%S') AS rated_at`;

function toRated(row: Record<string, unknown>): RatedAnswer {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    ratingId: String(row.rating_id),
    analyst: String(row.analyst_id),
    conversationId: String(row.conversation_id),
    seq: Number(row.seq),
    rating: row.rating === 'down' ? 'down' : 'up',
    comment: text(row.comment),
    question: String(row.question),
    language: row.language === 'zh' ? 'zh' : 'en',
    sql: text(row.sql),
    edited: typeof row.edit_id === 'string',
    goldenFile: text(row.golden_file),
    goldenId: text(row.golden_id),
    ratedAt: String(row.rated_at),
  };
}

/** Thumbs up or down (with an optional comment) per analyst and answer, as seen (original or one SQL edit). */
export class RatingRepository {
  constructor(private readonly warehouse: Warehouse) {}

  /** Rates an answer; rating it again changes the one rating (its comment too). */
  async rate(analystId: string, source: AnalystAnswer, rating: 'up' | 'down', comment: string | null): Promise<RatedAnswer> {
    await ensureWorkspaceSchema(this.warehouse);
    const at = new Date().toISOString().replace('Z', '');
    const key = { analyst: analystId, conversation: source.reference.conversationId, seq: source.reference.seq, edit: source.editId ?? '' };
    const ratingId = await this.warehouse.transaction(async (connection) => {
      const found = await connection.runAndReadAll(
        `SELECT rating_id FROM ${WORKSPACE_SCHEMA}.answer_ratings WHERE analyst_id = $analyst AND conversation_id = $conversation AND seq = $seq AND coalesce(edit_id, '') = $edit`,
        key,
      );
      const existing = found.getRows()[0]?.[0];
      if (typeof existing === 'string') {
        await connection.run(`UPDATE ${WORKSPACE_SCHEMA}.answer_ratings SET rating = $rating, comment = $comment, updated_at = $at::TIMESTAMP WHERE rating_id = $id`, { id: existing, rating, comment, at });
        return existing;
      }
      const id = randomUUID();
      await connection.run(
        `INSERT INTO ${WORKSPACE_SCHEMA}.answer_ratings VALUES ($id, $analyst, $conversation, $seq, $editId, $rating, $comment, $question, $language, $sql, NULL, NULL, $at::TIMESTAMP, $at::TIMESTAMP)`,
        { id, analyst: key.analyst, conversation: key.conversation, seq: key.seq, editId: source.editId, rating, comment, question: source.answer.question, language: source.answer.language, sql: source.answer.sql, at },
      );
      return id;
    });
    return this.find(ratingId);
  }

  async find(ratingId: string): Promise<RatedAnswer> {
    await ensureWorkspaceSchema(this.warehouse);
    const result = await this.warehouse.query(`SELECT ${COLUMNS} FROM ${WORKSPACE_SCHEMA}.answer_ratings WHERE rating_id = $id`, { id: ratingId });
    const row = result.rows[0];
    if (!row) throw new WorkspaceNotFoundError(`No rating ${ratingId}.`);
    return toRated(row);
  }

  /** Every analyst's ratings, newest first: the team's evals page reviews them together. */
  async list(limit = 500): Promise<RatedAnswer[]> {
    await ensureWorkspaceSchema(this.warehouse);
    const result = await this.warehouse.query(`SELECT ${COLUMNS} FROM ${WORKSPACE_SCHEMA}.answer_ratings ORDER BY updated_at DESC, rating_id LIMIT ${Math.trunc(limit)}`);
    return result.rows.map(toRated);
  }

  async markGolden(ratingId: string, file: string, goldenId: string): Promise<void> {
    await this.warehouse.run(`UPDATE ${WORKSPACE_SCHEMA}.answer_ratings SET golden_file = $file, golden_id = $golden WHERE rating_id = $id`, { id: ratingId, file, golden: goldenId });
  }
}
