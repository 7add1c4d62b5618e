/** Purchase propensity cannot be trained or scored as asked: too little history, no buyers, or a bad parameter. */
export class PropensityError extends Error {
  override readonly name = 'PropensityError';
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
