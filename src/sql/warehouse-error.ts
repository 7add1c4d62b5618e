/** Opening or querying the warehouse failed; `path` says which database file. */
export class WarehouseError extends Error {
  override readonly name = 'WarehouseError';
  readonly path: string;

  constructor(message: string, options: { path: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.path = options.path;
  }
}
