/** Loading or running a text encoder failed; `model` names the hub id or folder involved. */
export class EmbeddingModelError extends Error {
  override readonly name = 'EmbeddingModelError';
  readonly model: string;

  constructor(message: string, options: { model: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.model = options.model;
  }
}

/** An SHOPLENS_EMBED_* environment variable has a value that cannot work; `variable` says which. */
export class EmbeddingConfigurationError extends Error {
  override readonly name = 'EmbeddingConfigurationError';
  readonly variable: string;

  constructor(message: string, options: { variable: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.variable = options.variable;
  }
}
