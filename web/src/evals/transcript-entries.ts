import { z } from 'zod';

/** The transcript steps evals/run-files.ts stores (src/agent/transcript.ts), validated loosely: unknown ones still show. */
export const TranscriptEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('planner-step'),
    planner: z.string(),
    elapsedMs: z.number().optional(),
    step: z
      .object({
        type: z.string(),
        toolName: z.string().optional(),
        callId: z.string().optional(),
        arguments: z.unknown().optional(),
        rationale: z.string().optional(),
        text: z.string().optional(),
        question: z.string().optional(),
        options: z.array(z.string()).optional(),
        reason: z.string().optional(),
      })
      .loose(),
  }),
  z.object({
    type: z.literal('tool-call'),
    outcome: z
      .object({
        callId: z.string(),
        toolName: z.string(),
        arguments: z.unknown().optional(),
        ok: z.boolean(),
        result: z.unknown().optional(),
        error: z.object({ kind: z.string(), message: z.string() }).loose().optional(),
        elapsedMs: z.number(),
      })
      .loose(),
  }),
  z.object({ type: z.literal('stop'), reason: z.string() }),
]);
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export type ParsedEntry = { ok: true; entry: TranscriptEntry } | { ok: false; raw: unknown };

export function parseTranscript(entries: readonly unknown[]): ParsedEntry[] {
  return entries.map((raw) => {
    const parsed = TranscriptEntrySchema.safeParse(raw);
    return parsed.success ? { ok: true, entry: parsed.data } : { ok: false, raw };
  });
}

/** A tool result that is a table (query_metrics, run_sql …): its columns and preview rows. */
export function resultTable(result: unknown): { columns: unknown[]; rows: Record<string, unknown>[]; rowCount: number | null } | null {
  const parsed = z.object({ columns: z.array(z.unknown()), rows: z.array(z.record(z.string(), z.unknown())), rowCount: z.number().optional() }).loose().safeParse(result);
  if (!parsed.success) return null;
  return { columns: parsed.data.columns, rows: parsed.data.rows, rowCount: parsed.data.rowCount ?? null };
}
