/**
 * Review sentiment or aspect analysis cannot run as asked: no reviews to learn from, an unknown category or
 * brand, a bad date range. `kind` lets the agent loop hand the model a repairable error; `allowed` lists
 * valid values when there are few enough to show.
 */
export class SentimentError extends Error {
  override readonly name = 'SentimentError';
  readonly kind: 'no_data' | 'bad_parameter' | 'not_found';
  readonly parameter?: string;
  readonly allowed: readonly string[];

  constructor(message: string, options: { kind: 'no_data' | 'bad_parameter' | 'not_found'; parameter?: string; allowed?: readonly string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
    this.allowed = options.allowed ?? [];
  }

  get detail(): { parameter?: string; allowed?: readonly string[] } {
    return this.allowed.length > 0 ? { parameter: this.parameter, allowed: this.allowed } : { parameter: this.parameter };
  }
}
