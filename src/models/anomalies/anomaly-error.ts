/** Anomaly detection cannot run as asked: a bad date range, or no data in it. */
export class AnomalyError extends Error {
  override readonly name = 'AnomalyError';
  readonly kind: 'no_data' | 'bad_parameter';
  readonly parameter?: string;

  constructor(message: string, options: { kind: 'no_data' | 'bad_parameter'; parameter?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
  }
}
