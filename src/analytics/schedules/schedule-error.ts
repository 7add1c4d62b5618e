/** A schedule cannot be created or run as asked: 'bad_parameter' (with the parameter), 'not_found'. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  readonly kind: 'bad_parameter' | 'not_found';
  readonly parameter?: string;

  constructor(message: string, options: { kind: 'bad_parameter' | 'not_found'; parameter?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
  }
}
