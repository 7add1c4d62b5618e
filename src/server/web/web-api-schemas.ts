/**
 * Payloads of the web app's own read-only endpoints (src/server/web), shared by the server that sends them and
 * the browser that validates them, so the two cannot drift apart. No Node imports here: the browser bundles it.
 */
import { z } from 'zod';

// ---------------------------------------------------------------- GET /api/web/config

export const WebConfigSchema = z.object({
  /** True when SHOPLENS_DEMO_LOGIN=1: the demo token endpoints below exist. */
  demoLogin: z.boolean(),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;

// ---------------------------------------------------------------- demo login (dev only)

export const DemoCustomerSchema = z.object({
  customerId: z.number().int().positive(),
  name: z.string().nullable(),
  orderCount: z.number().int().min(0),
  latestOrderNumber: z.string().nullable(),
  latestOrderStatus: z.string().nullable(),
});
export type DemoCustomer = z.infer<typeof DemoCustomerSchema>;
export const DemoCustomersResponseSchema = z.object({ customers: z.array(DemoCustomerSchema) });

export const DemoTokenRequestSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('analyst') }),
  z.strictObject({ role: z.literal('agent') }),
  z.strictObject({ role: z.literal('customer'), customerId: z.number().int().positive() }),
]);
export type DemoTokenRequest = z.infer<typeof DemoTokenRequestSchema>;
export const DemoTokenResponseSchema = z.object({ token: z.string().min(1), expiresInSeconds: z.number() });

// ---------------------------------------------------------------- GET /api/web/analytics/conversations

export const ConversationSummarySchema = z.object({
  conversationId: z.string(),
  title: z.string().nullable(),
  language: z.string().nullable(),
  lastSeq: z.number().int().min(0),
  updatedAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;
export const ConversationListResponseSchema = z.object({ conversations: z.array(ConversationSummarySchema) });

// ---------------------------------------------------------------- evals: /api/evals/...

export const TallySchema = z.object({ passed: z.number(), total: z.number(), accuracy: z.number() });
export type Tally = z.infer<typeof TallySchema>;

/** One run as listed: its headline numbers (summary.json without the per-question lines). */
export const EvalRunOverviewSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  planner: z.string(),
  filters: z.record(z.string(), z.string()),
  overall: TallySchema,
  byLanguage: z.record(z.string(), TallySchema),
  byShape: z.record(z.string(), TallySchema),
  byPlanner: z.record(z.string(), TallySchema),
  byTool: z.record(z.string(), TallySchema),
  byReason: z.record(z.string(), z.number()),
  agentMs: z.object({ median: z.number(), p95: z.number(), max: z.number() }),
  questionCount: z.number().int().min(0),
});
export type EvalRunOverview = z.infer<typeof EvalRunOverviewSchema>;
export const EvalRunListResponseSchema = z.object({
  runs: z.array(EvalRunOverviewSchema),
  /** Folders that are not readable runs, with why (so a broken run is visible, not silently missing). */
  skipped: z.array(z.object({ runId: z.string(), reason: z.string() })),
});

/** One question of a run, enough to filter and compare (language, shape, planner come from its file). */
export const EvalQuestionIndexEntrySchema = z.object({
  id: z.string(),
  question: z.string(),
  language: z.string(),
  shape: z.string(),
  planner: z.string(),
  passed: z.boolean(),
  reason: z.string(),
  message: z.string(),
  agentMs: z.number().nullable(),
});
export type EvalQuestionIndexEntry = z.infer<typeof EvalQuestionIndexEntrySchema>;
export const EvalRunDetailResponseSchema = z.object({ run: EvalRunOverviewSchema, questions: z.array(EvalQuestionIndexEntrySchema) });
export type EvalRunDetailResponse = z.infer<typeof EvalRunDetailResponseSchema>;

const ColumnOfEvalSchema = z.union([z.string(), z.object({ id: z.string(), label_en: z.string().optional(), label_zh: z.string().optional(), unit: z.string().optional() }).loose()]);
const PreviewRowsSchema = z.array(z.record(z.string(), z.unknown())).nullable();

/** questions/<id>.json as evals/run-files.ts writes it; unknown extra fields are kept. */
export const EvalQuestionDocumentSchema = z
  .object({
    id: z.string(),
    chain_id: z.string().nullable().default(null),
    turn: z.number().nullable().default(null),
    language: z.string(),
    shape: z.string(),
    question: z.string(),
    notes: z.string().nullish(),
    planner: z.string(),
    routing: z.string().nullish(),
    conversation_id: z.string().nullish(),
    verdict: z
      .object({
        passed: z.boolean(),
        reason: z.string(),
        message: z.string(),
        column_mapping: z.record(z.string(), z.string()).nullish(),
        tool_calls: z.unknown().optional(),
        argument_differences: z.unknown().optional(),
      })
      .loose(),
    expected: z
      .object({
        status: z.string().nullish(),
        sql: z.string().nullish(),
        tool: z.unknown().optional(),
        ordered: z.boolean().nullish(),
        columns: z.array(ColumnOfEvalSchema).nullish(),
        row_count: z.number().nullish(),
        rows_preview: PreviewRowsSchema.optional(),
        elapsed_ms: z.number().nullish(),
        error: z.unknown().optional(),
      })
      .loose(),
    actual: z
      .object({
        status: z.string().nullish(),
        answer: z.string().nullish(),
        sql: z.string().nullish(),
        columns: z.array(ColumnOfEvalSchema).nullish(),
        row_count: z.number().nullish(),
        rows_preview: PreviewRowsSchema.optional(),
        assumptions: z.array(z.string()).nullish(),
        timings: z.object({ total_ms: z.number(), duckdb_ms: z.number() }).loose().nullish(),
        error: z.unknown().optional(),
      })
      .loose(),
    diff: z
      .object({
        goldRowCount: z.number().optional(),
        answerRowCount: z.number().optional(),
        answerColumns: z.array(z.string()).optional(),
        unmatchedGoldColumns: z.array(z.object({ goldColumn: z.string(), closestAnswerColumn: z.string().nullable(), sharedValues: z.number(), goldSample: z.array(z.string()) }).loose()).optional(),
        goldRowsMissing: z.array(z.record(z.string(), z.unknown())).optional(),
        unexpectedAnswerRows: z.array(z.record(z.string(), z.unknown())).optional(),
        firstOrderDifference: z.object({ position: z.number(), gold: z.record(z.string(), z.unknown()), answer: z.record(z.string(), z.unknown()) }).nullish(),
        hints: z.array(z.string()).optional(),
      })
      .loose()
      .nullable()
      .default(null),
    transcript: z.array(z.unknown()).default([]),
    timing: z.object({ agent_ms: z.number().nullish(), gold_ms: z.number().nullish() }).loose().default({}),
  })
  .loose();
export type EvalQuestionDocument = z.infer<typeof EvalQuestionDocumentSchema>;
export const EvalQuestionResponseSchema = z.object({ runId: z.string(), question: EvalQuestionDocumentSchema });

/** The error body every endpoint above answers with (the same shape as the rest of the server's REST). */
export const WebApiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
