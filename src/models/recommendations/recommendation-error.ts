/**
 * A recommendation cannot be made as asked: unknown user or product, a title that matches nothing, an unknown
 * category, no orders to learn from. `kind` lets the agent loop hand the model a repairable error.
 */
export class RecommendationError extends Error {
  override readonly name = 'RecommendationError';
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
