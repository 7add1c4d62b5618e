/**
 * Why the warehouse could not be used: 'missing' (no file, and this command never creates one), 'locked' (another
 * process holds DuckDB's write lock), 'permission' (the OS refused access), 'corrupt' (not a DuckDB file),
 * 'disk_full' (no space left while writing) or 'other'.
 */
export type WarehouseErrorKind = 'missing' | 'locked' | 'permission' | 'corrupt' | 'disk_full' | 'other';

/** Opening or querying the warehouse failed; `path` says which database file, `kind` why. */
export class WarehouseError extends Error {
  override readonly name = 'WarehouseError';
  readonly path: string;
  readonly kind: WarehouseErrorKind;

  constructor(message: string, options: { path: string; kind?: WarehouseErrorKind; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.path = options.path;
    this.kind = options.kind ?? 'other';
  }
}

/** Reads DuckDB's (English-only) error text; the hint for each kind is only given for that kind. */
export function warehouseErrorKindOf(message: string): WarehouseErrorKind {
  if (/Could not set lock on file|Conflicting lock is held/i.test(message)) return 'locked';
  if (/No space left on device|disk is full|ENOSPC/i.test(message)) return 'disk_full';
  if (/Permission denied|EACCES|EPERM|Read-only file system/i.test(message)) return 'permission';
  if (/not a valid DuckDB database file|database file.*(corrupt|invalid)|Invalid Input Error: The file|Serialization Error|Corrupt/i.test(message)) return 'corrupt';
  return 'other';
}

const HINTS: Record<WarehouseErrorKind, string> = {
  missing: '',
  locked:
    'Another process is writing to it (a running "shoplens serve"/"npm start", an import or a seed). Stop that process, ' +
    'or while the server runs use its API (shoplens ask/sql detect it), or pass a different --db.',
  permission: 'Check that you may read (and, for seed/import, write) the file and its folder.',
  corrupt: 'The file is not a readable DuckDB warehouse (damaged, or another kind of file). Restore it or rebuild it with "shoplens seed" or "shoplens import".',
  disk_full: 'The disk is full: free some space (or pass --db on another disk) and run the command again; nothing was half-written.',
  other: '',
};

export function warehouseHint(kind: WarehouseErrorKind): string {
  return HINTS[kind];
}
