import { z } from 'zod';
import type { JsonValue } from '../src/sql/json-values.ts';

/** Question shapes the golden set covers; accuracy is reported per shape. */
export const QUESTION_SHAPES = [
  'lookup',
  'breakdown',
  'ranking',
  'trend',
  'comparison',
  'funnel',
  'retention',
  'distribution',
  'contribution',
  'follow_up',
  'refusal',
  'clarification',
  'model_tool',
] as const;
export type QuestionShape = (typeof QUESTION_SHAPES)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type QuestionLanguage = (typeof LANGUAGES)[number];

/** Statuses a golden item may expect instead of a result set. */
export const EXPECTED_STATUSES = ['refused', 'clarify'] as const;
export type ExpectedStatus = (typeof EXPECTED_STATUSES)[number];

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

/**
 * A behaviour-model tool the agent must call: its name and, optionally, arguments the call must contain
 * (a subset: the call may pass more, e.g. defaults the planner fills in).
 */
export const expectedToolSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'tool names are snake_case, e.g. forecast_metric' }),
    arguments: z.record(z.string(), jsonValueSchema).optional(),
  })
  .strict();
export type ExpectedTool = z.infer<typeof expectedToolSchema>;

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'ids are lower-case kebab-case, e.g. gmv-last-week-zh' });

// What one question (or one turn of a chain) expects: gold SQL whose result the answer must reproduce,
// a status the agent must end with, or a behaviour-model tool call that answered with rows.
const expectationShape = {
  question: z.string().min(1),
  gold_sql: z.string().min(1).optional(),
  expect_status: z.enum(EXPECTED_STATUSES).optional(),
  expect_tool: expectedToolSchema.optional(),
  /** True only when the question asks for an order (top N, a trend); rows are otherwise compared as a set. */
  ordered: z.boolean().default(false),
  /** True when an empty result is the intended answer (golden-sql tests otherwise require at least one row). */
  allow_empty: z.boolean().default(false),  /**
   * The rows gold_sql returned when the question was captured (from a rated answer in the web app): a record for the
   * reviewer. Scoring always re-runs gold_sql, so the expectation follows the data.
   */
  expected_rows: z.array(z.record(z.string(), jsonValueSchema)).optional(),
};

function exactlyOneExpectation(entry: { gold_sql?: string; expect_status?: string; expect_tool?: ExpectedTool }): boolean {
  return [entry.gold_sql, entry.expect_status, entry.expect_tool].filter((expectation) => expectation !== undefined).length === 1;
}
const EXPECTATION_MESSAGE = 'give exactly one of gold_sql, expect_status (refused | clarify) or expect_tool ({ name, arguments })';

export const turnSchema = z
  .object({ ...expectationShape, notes: z.string().optional() })
  .strict()
  .refine(exactlyOneExpectation, { message: EXPECTATION_MESSAGE });
export type GoldenTurn = z.infer<typeof turnSchema>;

export const questionSchema = z
  .object({
    id: idSchema,
    language: z.enum(LANGUAGES),
    shape: z.enum(QUESTION_SHAPES).exclude(['follow_up']),
    ...expectationShape,
    notes: z.string().min(1),
  })
  .strict()
  .refine(exactlyOneExpectation, { message: EXPECTATION_MESSAGE })
  .refine((entry) => (entry.shape === 'refusal') === (entry.expect_status === 'refused'), {
    message: "shape 'refusal' goes with expect_status: refused (and only with it)",
  })
  .refine((entry) => (entry.shape === 'clarification') === (entry.expect_status === 'clarify'), {
    message: "shape 'clarification' goes with expect_status: clarify (and only with it)",
  })
  .refine((entry) => (entry.shape === 'model_tool') === (entry.expect_tool !== undefined), {
    message: "shape 'model_tool' goes with expect_tool (and only with it)",
  });
export type GoldenQuestion = z.infer<typeof questionSchema>;

/** A conversation: each turn is asked in the same conversation and scored given the turns before it. */
export const chainSchema = z
  .object({
    id: idSchema,
    language: z.enum(LANGUAGES),
    shape: z.literal('follow_up'),
    notes: z.string().min(1),
    turns: z.array(turnSchema).min(2).max(4),
  })
  .strict();
export type GoldenChain = z.infer<typeof chainSchema>;
