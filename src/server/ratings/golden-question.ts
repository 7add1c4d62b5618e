import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JsonRow } from '../../sql/json-values.ts';

/** Largest result a golden question captured from a rating may expect (a golden question checks a few rows). */
export const MAX_GOLDEN_ROWS = 200;

/** Shapes a rated SQL answer can be filed under (the golden set's shapes that come with gold SQL). */
export const GOLDEN_SQL_SHAPES = ['lookup', 'breakdown', 'ranking', 'trend', 'comparison', 'funnel', 'retention', 'distribution', 'contribution'] as const;

/**
 * One golden question as the server writes it: the gold-SQL form of evals/golden-schema.ts questionSchema (which the
 * server cannot import: src never imports evals/). evals/rated-golden.test.ts loads written files with the real
 * loader, so the two cannot drift apart unnoticed.
 */
export const GoldenQuestionEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case kebab-case'),
  language: z.enum(['zh', 'en']),
  shape: z.enum(GOLDEN_SQL_SHAPES),
  question: z.string().min(1),
  gold_sql: z.string().min(1),
  ordered: z.boolean(),
  allow_empty: z.boolean(),
  expected_rows: z.array(z.record(z.string(), z.unknown())).max(MAX_GOLDEN_ROWS),
  notes: z.string().min(1),
});
export type GoldenQuestionEntry = z.infer<typeof GoldenQuestionEntrySchema>;

export const GoldenFileSchema = z.strictObject({ description: z.string(), questions: z.array(GoldenQuestionEntrySchema).length(1) });

/** Whether the rows come in a meaningful order: the SQL sorts them (a top N, a trend). */
export function isOrdered(sql: string): boolean {
  return /\bORDER\s+BY\b[^()]*$/i.test(sql.replace(/'[^']*'/g, "''"));
}

/** A shape from the result: one row is a lookup, a sorted cut-off is a ranking, dates first a trend. */
export function guessShape(sql: string, rows: readonly JsonRow[]): (typeof GOLDEN_SQL_SHAPES)[number] {
  if (rows.length <= 1) return 'lookup';
  const first = rows[0] ?? {};
  const firstValue = Object.values(first)[0];
  if (typeof firstValue === 'string' && /^\d{4}-\d\d(-\d\d)?/.test(firstValue)) return 'trend';
  if (isOrdered(sql) && /\bLIMIT\s+\d+\s*$/i.test(sql.trim())) return 'ranking';
  return 'breakdown';
}

/** A stable kebab-case id: the question's ASCII words (if any), the language and a short hash of the rating. */
export function goldenId(question: string, language: 'zh' | 'en', ratingId: string): string {
  const words = question
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .filter(Boolean)
    .slice(0, 8)
    .join('-');
  const hash = createHash('sha256').update(ratingId).digest('hex').slice(0, 8);
  return ['rated', words, language, hash].filter(Boolean).join('-');
}
