/** Basket analysis cannot run as asked: unknown product or category, bad threshold, no orders. */
export class BasketAnalysisError extends Error {
  override readonly name = 'BasketAnalysisError';
  readonly kind: 'no_data' | 'bad_parameter' | 'not_found';
  readonly parameter?: string;
  readonly allowed: readonly string[];

  constructor(message: string, options: { kind: 'no_data' | 'bad_parameter' | 'not_found'; parameter?: string; allowed?: readonly string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
    this.allowed = options.allowed ?? [];
  }
}
