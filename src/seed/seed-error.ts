/** A seed option is invalid; `parameter` names it as on the command line (e.g. "--users"). */
export class SeedOptionsError extends Error {
  override readonly name = 'SeedOptionsError';
  readonly parameter: string;
  readonly value: unknown;

  constructor(message: string, options: { parameter: string; value: unknown; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.parameter = options.parameter;
    this.value = options.value;
  }
}

/** Seeding failed; the warehouse still holds whatever it held before (the seed runs in one transaction). */
export class SeedError extends Error {
  override readonly name = 'SeedError';
  readonly path: string;

  constructor(message: string, options: { path: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.path = options.path;
  }
}
