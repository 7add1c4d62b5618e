/**
 * A search_reviews / cluster_queries argument that cannot be used (an unknown category, an empty query …).
 * `kind` lets the agent loop hand the model a compact, repairable error; `allowed` lists valid values.
 */
export class EmbeddingToolError extends Error {
  override readonly name = 'EmbeddingToolError';
  readonly kind = 'invalid_argument';
  readonly parameter: string;
  readonly allowed: string[] | undefined;

  constructor(message: string, options: { parameter: string; allowed?: string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.parameter = options.parameter;
    this.allowed = options.allowed;
  }

  get detail(): { parameter: string; allowed?: string[] } {
    return this.allowed ? { parameter: this.parameter, allowed: this.allowed } : { parameter: this.parameter };
  }
}
