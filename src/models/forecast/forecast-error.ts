/** A forecast cannot be made as asked: bad metric or category, or too little history. */
export class ForecastError extends Error {
  override readonly name = 'ForecastError';
  readonly kind: 'not_enough_data' | 'bad_parameter';
  readonly parameter?: string;
  readonly allowed: readonly string[];

  constructor(message: string, options: { kind: 'not_enough_data' | 'bad_parameter'; parameter?: string; allowed?: readonly string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
    this.allowed = options.allowed ?? [];
  }
}
