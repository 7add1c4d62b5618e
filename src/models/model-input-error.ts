/**
 * A behaviour model cannot run as asked: no data, a bad parameter, an unknown value. `kind` lets the agent loop
 * hand the model a repairable error (see src/agent/tool-error.ts); `allowed` lists valid values when there are
 * few enough to show. Each model names its own subclass, so errors say which model refused.
 */
export class ModelInputError<Kind extends string = string> extends Error {
  override readonly name: string = 'ModelInputError';
  readonly kind: Kind;
  readonly parameter?: string;
  readonly allowed: readonly string[];

  constructor(message: string, options: { kind: Kind; parameter?: string; allowed?: readonly string[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.parameter = options.parameter;
    this.allowed = options.allowed ?? [];
  }

  get detail(): { parameter?: string; allowed?: readonly string[] } {
    return this.allowed.length > 0 ? { parameter: this.parameter, allowed: this.allowed } : { parameter: this.parameter };
  }
}
