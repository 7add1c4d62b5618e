import { z } from 'zod';

/** What a planner may decide next. The loop in agent-loop.ts switches on `type`. */
export const NextStepSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tool-call'),
    callId: z.string(),
    toolName: z.string(),
    arguments: z.unknown(),
    /** Why the planner chose this call, for the transcript. */
    rationale: z.string().optional(),
  }),
  z.object({
    type: z.literal('answer'),
    /** Planner-written narrative; verified against the result rows before it is shown. */
    text: z.string().optional(),
  }),
  z.object({
    type: z.literal('clarify'),
    question: z.string(),
    options: z.array(z.string()).default([]),
  }),
  z.object({
    type: z.literal('refuse'),
    reason: z.string(),
  }),
]);

export type NextStep = z.infer<typeof NextStepSchema>;
export type ToolCallStep = Extract<NextStep, { type: 'tool-call' }>;
