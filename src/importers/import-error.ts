/** Where a problem sits in a source file: 1-based line as an editor shows it (header = line 1). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: string;
}

function describeLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `, line ${location.line}`;
  if (location.column !== undefined) text += `, column "${location.column}"`;
  return text;
}

/**
 * A source file cannot be imported (missing, empty, wrong encoding, wrong columns, bad values).
 * Thrown before or inside the import transaction, so the warehouse is left exactly as it was.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly reason: string;

  constructor(options: SourceLocation & { reason: string; hint: string; cause?: unknown }) {
    super(`${describeLocation(options)}: ${options.reason}. ${options.hint}`, { cause: options.cause });
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.reason = options.reason;
  }
}

/** A mapping YAML file is invalid; `key` is the dotted path of the offending YAML key. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly file: string;
  readonly key: string;
  readonly reason: string;

  constructor(options: { file: string; key: string; reason: string; hint: string; cause?: unknown }) {
    super(`${options.file}: key "${options.key}": ${options.reason}. ${options.hint}`, { cause: options.cause });
    this.file = options.file;
    this.key = options.key;
    this.reason = options.reason;
  }
}

/**
 * The warehouse already holds a row with the same id from a different source: linking the new rows to it
 * would silently merge two unrelated people or products.
 */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
  readonly table: string;
  readonly id: string;
  readonly existingSource: string;

  constructor(options: { table: string; id: string; existingSource: string; importSource: string; databasePath: string }) {
    super(
      `${options.table} id ${options.id} already exists in the warehouse ${options.databasePath} from source ` +
        `"${options.existingSource}", not "${options.importSource}". Import into a separate warehouse ` +
        `(--db another.duckdb) or delete the "${options.existingSource}" rows first; nothing was written.`,
    );
    this.table = options.table;
    this.id = options.id;
    this.existingSource = options.existingSource;
  }
}
