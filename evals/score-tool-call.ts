import { z } from 'zod';
import type { JsonValue } from '../src/sql/json-values.ts';
import type { DisplayNames } from './display-names.ts';
import type { ExpectedTool } from './golden-schema.ts';
import { formatNormalized, normalizeValue, valuesEqual } from './normalize-value.ts';
import type { ScoredAnswer, Verdict, VerdictReason } from './score-result.ts';

/** One tool call as the transcript records it (src/agent/transcript.ts), read loosely. */
const toolCallEntrySchema = z
  .object({
    type: z.literal('tool-call'),
    outcome: z
      .object({
        toolName: z.string(),
        arguments: z.unknown(),
        ok: z.boolean(),
        error: z.object({ kind: z.string().optional(), message: z.string() }).loose().optional(),
      })
      .loose(),
  })
  .loose();

export interface RecordedToolCall {
  name: string;
  ok: boolean;
  arguments: unknown;
  error: string | null;
}

/** An expected argument the call did not pass, or passed with another value (`actual` undefined = missing). */
export interface ArgumentDifference {
  argument: string;
  expected: JsonValue;
  actual: unknown;
}

/** What the tool scorer looked at, kept in the run files so a failure can be read without rerunning. */
export interface ToolCheck {
  expected: ExpectedTool;
  calls: RecordedToolCall[];
  /** For the closest call of the expected tool: the expected arguments it does not match. */
  argumentDifferences: ArgumentDifference[];
}

/** Every tool call in a transcript, in order; entries of other types or shapes are skipped. */
export function toolCallsOf(transcript: readonly unknown[]): RecordedToolCall[] {
  return transcript.flatMap((entry) => {
    const parsed = toolCallEntrySchema.safeParse(entry);
    if (!parsed.success) return [];
    const { outcome } = parsed.data;
    return [{ name: outcome.toolName, ok: outcome.ok, arguments: outcome.arguments, error: outcome.error?.message ?? null }];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

/**
 * The expected arguments a call's arguments do not contain. Objects match as subsets (the call may pass more,
 * e.g. defaults), arrays element by element, and leaves as the result scorer compares cells: numbers within
 * tolerance, numeric strings as numbers, display names as their stored values (耳机 = Headphones).
 */
export function argumentDifferences(expected: Record<string, JsonValue>, actual: unknown, names: DisplayNames, prefix = ''): ArgumentDifference[] {
  const actualObject = isPlainObject(actual) ? actual : {};
  return Object.entries(expected).flatMap(([key, expectedValue]) => compareArgument(`${prefix}${key}`, expectedValue, actualObject[key], names));
}

function compareArgument(argument: string, expected: JsonValue, actual: unknown, names: DisplayNames): ArgumentDifference[] {
  const mismatch = [{ argument, expected, actual }];
  if (isPlainObject(expected)) {
    return isPlainObject(actual) ? argumentDifferences(expected, actual, names, `${argument}.`) : mismatch;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return mismatch;
    return expected.some((value, index) => compareArgument(`${argument}[${index}]`, value, actual[index], names).length > 0) ? mismatch : [];
  }
  if (actual === undefined || isPlainObject(actual) || Array.isArray(actual)) return mismatch;
  return valuesEqual(normalizeValue(expected, names), normalizeValue(actual as JsonValue, names)) ? [] : mismatch;
}

function verdictOf(passed: boolean, reason: VerdictReason, message: string, toolCheck: ToolCheck): Verdict {
  return { passed, reason, message, columnMapping: null, diff: null, toolCheck };
}

function describeCalls(calls: readonly RecordedToolCall[]): string {
  return calls.length === 0 ? 'no tool' : calls.map((call) => call.name).join(', ');
}

/**
 * A model_tool item passes when the transcript has a successful call of the expected tool whose arguments
 * contain the expected ones, and the answer built from it is `answered` with at least one row.
 */
export function scoreToolCall(
  expected: ExpectedTool,
  answer: ScoredAnswer & { answer?: string },
  transcript: readonly unknown[],
  names: DisplayNames,
): Verdict {
  const calls = toolCallsOf(transcript);
  const check: ToolCheck = { expected, calls, argumentDifferences: [] };
  const named = calls.filter((call) => call.name === expected.name);
  if (named.length === 0) {
    // A refusal text says why ("needs the find_anomalies model, which is not enabled"): worth showing.
    const said = answer.status === 'answered' || !answer.answer ? '' : `: ${answer.answer}`;
    return verdictOf(false, 'tool_not_called', `expected a call to ${expected.name}; the agent called ${describeCalls(calls)} (status ${answer.status}${said})`, check);
  }
  const succeeded = named.filter((call) => call.ok);
  if (succeeded.length === 0) {
    const error = named[named.length - 1]?.error ?? 'no error message';
    return verdictOf(false, 'tool_failed', `${expected.name} was called but failed: ${error}`, check);
  }
  const expectedArguments = expected.arguments ?? {};
  const differences = succeeded.map((call) => argumentDifferences(expectedArguments, call.arguments, names));
  const closest = differences.reduce((best, current) => (current.length < best.length ? current : best));
  if (closest.length > 0) {
    check.argumentDifferences = closest;
    const listed = closest.map((difference) => `${difference.argument} expected ${describe(difference.expected)}, got ${describe(difference.actual)}`).join('; ');
    return verdictOf(false, 'argument_mismatch', `${expected.name} was called with other arguments: ${listed}`, check);
  }
  if (answer.status !== 'answered') {
    return verdictOf(false, 'status_mismatch', `${expected.name} ran, but the answer has status ${answer.status}, not answered`, check);
  }
  if (answer.rows.length === 0) {
    return verdictOf(false, 'empty_result', `${expected.name} ran, but the answer has no rows`, check);
  }
  const shown = Object.keys(expectedArguments).length === 0 ? '' : ` with ${Object.entries(expectedArguments).map(([key, value]) => `${key}=${formatNormalized(normalizeValue(value, names))}`).join(', ')}`;
  return verdictOf(true, 'match', `${expected.name} answered${shown} (${answer.rows.length} row(s))`, check);
}
