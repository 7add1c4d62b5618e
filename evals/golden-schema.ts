import { z } from 'zod';

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
] as const;
export type QuestionShape = (typeof QUESTION_SHAPES)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type QuestionLanguage = (typeof LANGUAGES)[number];

/** Statuses a golden item may expect instead of a result set. */
export const EXPECTED_STATUSES = ['refused', 'clarify'] as const;
export type ExpectedStatus = (typeof EXPECTED_STATUSES)[number];

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'ids are lower-case kebab-case, e.g. gmv-last-week-zh' });

// What one question (or one turn of a chain) expects: gold SQL whose result the answer must reproduce,
// or a status the agent must end with.
const expectationShape = {
  question: z.string().min(1),
  gold_sql: z.string().min(1).optional(),
  expect_status: z.enum(EXPECTED_STATUSES).optional(),
  /** True only when the question asks for an order (top N, a trend); rows are otherwise compared as a set. */
  ordered: z.boolean().default(false),
  /** True when an empty result is the intended answer (golden-sql tests otherwise require at least one row). */
  allow_empty: z.boolean().default(false),
};

function exactlyOneExpectation(entry: { gold_sql?: string; expect_status?: string }): boolean {
  return (entry.gold_sql === undefined) !== (entry.expect_status === undefined);
}
const EXPECTATION_MESSAGE = 'give exactly one of gold_sql or expect_status (refused | clarify)';

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
