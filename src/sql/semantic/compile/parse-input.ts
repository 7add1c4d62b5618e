import { z } from 'zod';
import { SemanticQueryError } from '../semantic-error.ts';

/**
 * zod parse that turns validation failures into a SemanticQueryError naming the first bad field. Without zod's
 * generated parsers (jitless): each object schema's parser is generated with `new Function` on its first parse, and
 * a query meets a new nested schema (orderBy, compareTo, share …) with each new kind of question, so a process paid
 * ≈0.3–1.5 ms per first parse for a saving of a few microseconds on each later one.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(input, { jitless: true });
  if (parsed.success) return parsed.data;
  const firstIssue = parsed.error.issues[0];
  const parameter = firstIssue?.path.join('.') || what;
  throw new SemanticQueryError(`The ${what} is not valid; fix it and retry:\n${z.prettifyError(parsed.error)}`, {
    parameter,
    cause: parsed.error,
  });
}
