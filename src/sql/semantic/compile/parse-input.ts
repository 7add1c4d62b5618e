import { z } from 'zod';
import { SemanticQueryError } from '../semantic-error.ts';

/** zod parse that turns validation failures into a SemanticQueryError naming the first bad field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const firstIssue = parsed.error.issues[0];
  const parameter = firstIssue?.path.join('.') || what;
  throw new SemanticQueryError(`The ${what} is not valid; fix it and retry:\n${z.prettifyError(parsed.error)}`, {
    parameter,
    cause: parsed.error,
  });
}
