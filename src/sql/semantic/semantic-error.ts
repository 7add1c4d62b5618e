/**
 * A semantic query (or a time phrase) could not be compiled: an unknown id, a dimension that the metric's
 * table cannot be split by, a malformed value. `parameter` names the offending field, `allowed` lists what
 * would have worked so that a planner (human or model) can correct itself in one step.
 */
export class SemanticQueryError extends Error {
  override readonly name = 'SemanticQueryError';
  readonly parameter: string;
  readonly allowed: readonly string[];

  constructor(message: string, options: { parameter: string; allowed?: readonly string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.parameter = options.parameter;
    this.allowed = options.allowed ?? [];
  }
}

/** The warehouse holds no dated rows, so "today" or "last week" cannot be resolved. */
export class NoDataError extends Error {
  override readonly name = 'NoDataError';
  readonly table: string;

  constructor(message: string, options: { table: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.table = options.table;
  }
}
