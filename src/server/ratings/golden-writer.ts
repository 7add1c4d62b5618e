import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { JsonRow } from '../../sql/json-values.ts';
import type { RatedAnswer } from '../web/workspace-api-schemas.ts';
import { WorkspaceConflictError } from '../dashboards/workspace-error.ts';
import { GoldenFileSchema, goldenId, guessShape, isOrdered, MAX_GOLDEN_ROWS, type GoldenQuestionEntry } from './golden-question.ts';

export interface GoldenCapture {
  rating: RatedAnswer;
  goldSql: string;
  rows: JsonRow[];
  shape?: GoldenQuestionEntry['shape'];
  ordered?: boolean;
}

/**
 * Writes a rated answer as a one-question golden file (evals/golden-schema.ts format, gold SQL with the rows it
 * returned) into `directory`, atomically (temp file, then rename), never over an existing file. Returns the file
 * name and the question's id.
 */
export function writeGoldenQuestion(directory: string, capture: GoldenCapture): { file: string; id: string } {
  const { rating } = capture;
  if (capture.rows.length > MAX_GOLDEN_ROWS) {
    throw new WorkspaceConflictError(`The gold SQL returns ${capture.rows.length} rows; a golden question may expect at most ${MAX_GOLDEN_ROWS}. Narrow the SQL (a filter, a LIMIT) and rate that answer.`);
  }
  const id = goldenId(rating.question, rating.language, rating.ratingId);
  const verdict = rating.rating === 'up' ? 'rated good' : 'rated wrong';
  const notes = [`From a rated answer (${verdict} by ${rating.analyst}, ${rating.ratedAt}${rating.edited ? ', SQL corrected by the analyst' : ''}).`, rating.comment ? `Comment: ${rating.comment}` : null].filter(Boolean).join(' ');
  const entry: GoldenQuestionEntry = {
    id,
    language: rating.language,
    shape: capture.shape ?? guessShape(capture.goldSql, capture.rows),
    question: rating.question,
    gold_sql: capture.goldSql,
    ordered: capture.ordered ?? isOrdered(capture.goldSql),
    allow_empty: capture.rows.length === 0,
    expected_rows: capture.rows,
    notes,
  };
  const document = GoldenFileSchema.parse({
    description: 'Captured from the web app: an analyst rated this answer and filed it as a golden question. Review it, then move it into evals/golden/.',
    questions: [entry],
  });
  mkdirSync(directory, { recursive: true });
  const file = `${id}.yaml`;
  const target = path.join(directory, file);
  if (existsSync(target)) throw new WorkspaceConflictError(`${file} already exists in ${directory}.`);
  const temporary = path.join(directory, `.${file}.${process.pid}.tmp`);
  writeFileSync(temporary, stringify(document, { lineWidth: 0 }));
  renameSync(temporary, target);
  return { file, id };
}
