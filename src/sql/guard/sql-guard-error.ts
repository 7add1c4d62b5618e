import type { SqlPosition } from './sql-position.ts';

export type SqlGuardErrorKind =
  | 'syntax'
  | 'unknown_table'
  | 'unknown_column'
  | 'forbidden_statement'
  | 'forbidden_table'
  | 'forbidden_function'
  | 'personal_data'
  | 'timeout'
  | 'too_many_rows'
  | 'out_of_memory'
  | 'other';

export type MessageLanguage = 'en' | 'zh';

/**
 * Compact, machine-readable form for the LLM self-correction loop: what went wrong, on which object, and
 * DuckDB's own suggestions where it gave some. Never contains data from the warehouse.
 */
export interface SqlGuardFeedback {
  kind: SqlGuardErrorKind;
  detail: string;
  object?: string;
  position?: SqlPosition;
  suggestions?: string[];
}

/**
 * Base class of every refusal or failure of planner- or model-written SQL. `message` is the English
 * business-user text; `messageFor('zh')` gives the Chinese one; `toFeedback()` the form for the model.
 */
export abstract class SqlGuardError extends Error {
  abstract readonly kind: SqlGuardErrorKind;
  readonly sql: string;
  readonly position: SqlPosition | undefined;

  constructor(message: string, options: { sql: string; position?: SqlPosition; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.sql = options.sql;
    this.position = options.position;
  }

  abstract messageFor(language: MessageLanguage): string;

  /** Technical one-liner for the model (English, names the offending object). */
  abstract get detail(): string;

  toFeedback(): SqlGuardFeedback {
    const feedback: SqlGuardFeedback = { kind: this.kind, detail: this.detail };
    const object = this.offendingObject();
    if (object !== undefined) feedback.object = object;
    if (this.position) feedback.position = this.position;
    const suggestions = this.suggestionList();
    if (suggestions.length > 0) feedback.suggestions = suggestions;
    return feedback;
  }

  protected offendingObject(): string | undefined {
    return undefined;
  }

  protected suggestionList(): string[] {
    return [];
  }
}

export function isSqlGuardError(error: unknown): error is SqlGuardError {
  return error instanceof SqlGuardError;
}
