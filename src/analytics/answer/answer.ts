import type { JsonValue } from '../../sql/json-values.ts';
import { z } from 'zod';
import { ChartSpecSchema } from './chart-spec.ts';
import { ResultColumnSchema } from '../../presentation/result-table.ts';

const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

/** What `shoplens ask --json`, POST /api/ask and the web client receive. */
export const AnswerSchema = z.object({
  status: z.enum(['answered', 'clarify', 'refused', 'error']),
  language: z.enum(['en', 'zh']),
  question: z.string(),
  answer: z.string(),
  sql: z.string().nullable(),
  columns: z.array(ResultColumnSchema),
  rows: z.array(z.record(z.string(), JsonValueSchema)),
  truncated: z.boolean(),
  chart: ChartSpecSchema.nullable(),
  assumptions: z.array(z.string()),
  follow_ups: z.array(z.string()),
  clarification: z.object({ question: z.string(), options: z.array(z.string()) }).nullable(),
  planner: z.string(),
  as_of: z.string(),
  conversation_id: z.string().nullable(),
  /**
   * planner_ms: reading the question, planning, compiling SQL and checking follow-ups (not DuckDB, not an LLM call);
   * optional because answers stored before it existed are replayed through this schema.
   */
  timings: z.object({ total_ms: z.number(), duckdb_ms: z.number(), planner_ms: z.number().optional() }),
});
export type Answer = z.infer<typeof AnswerSchema>;
