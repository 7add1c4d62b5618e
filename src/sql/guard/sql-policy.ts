import { ALLOWED_FUNCTIONS, DENIED_FUNCTION_PREFIXES, DENIED_FUNCTIONS } from './function-allowlist.ts';

/** What planner- or model-written SQL may touch. Names are compared case-insensitively (ASCII only). */
export interface SqlPolicy {
  /** Tables and views that may be read. CTE names defined in the query itself are always allowed. */
  allowedTables: readonly string[];
  /** Table functions allowed in FROM (everything else, read_csv, query, duckdb_* …, is refused). */
  allowedTableFunctions: readonly string[];
  /** Scalar, aggregate and window functions and operators that may be called. */
  allowedFunctions: ReadonlySet<string>;
  /** Refused even if someone adds them to `allowedFunctions`: secrets, environment, side effects. */
  deniedFunctions: ReadonlySet<string>;
  deniedFunctionPrefixes: readonly string[];
  /** Largest range()/generate_series() whose size can be read off literal arguments. */
  maxRangeRows: number;
  /** Longer SQL is refused before DuckDB parses it. */
  maxSqlLength: number;
  /**
   * Columns that identify a person or hold their words, per table (lower case). They cannot be selected,
   * filtered on, grouped by, joined on or renamed; only counted (count(col), count(DISTINCT col)).
   */
  personalColumns: Readonly<Record<string, readonly string[]>>;
}

/**
 * Names, phones, e-mails, addresses (the account's and the shipping ones) and shoppers' chat text. Analysts need
 * behaviour, not identities; the support agent reads these for the signed-in shopper through its own scoped tools.
 */
export const DEFAULT_PERSONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['user_name', 'email', 'phone'],
  orders: ['shipping_name', 'shipping_phone', 'shipping_address'],
  conversations: ['title', 'context'],
  tickets: ['reason', 'payload'],
  messages: ['content', 'payload'],
};

/** The analytics tables. meta, audit_log, import_runs, messages and knowledge_articles stay out unless added. */
export const DEFAULT_ALLOWED_TABLES: readonly string[] = [
  'users',
  'products',
  'events',
  'orders',
  'order_items',
  'reviews',
  'conversations',
  'tickets',
];

/** Pure generators over values; none of them reads a file, a setting or the catalog. */
export const DEFAULT_ALLOWED_TABLE_FUNCTIONS: readonly string[] = ['range', 'generate_series', 'unnest', 'json_each', 'json_tree'];

export const DEFAULT_SQL_POLICY: SqlPolicy = {
  allowedTables: DEFAULT_ALLOWED_TABLES,
  allowedTableFunctions: DEFAULT_ALLOWED_TABLE_FUNCTIONS,
  allowedFunctions: ALLOWED_FUNCTIONS,
  deniedFunctions: DENIED_FUNCTIONS,
  deniedFunctionPrefixes: DENIED_FUNCTION_PREFIXES,
  maxRangeRows: 1_000_000,
  maxSqlLength: 20_000,
  personalColumns: DEFAULT_PERSONAL_COLUMNS,
};

export interface SqlPolicyOverrides {
  /** Views the semantic layer creates (or any other extra table) on top of the defaults. */
  extraTables?: readonly string[];
  /** Replaces the default table list entirely. */
  allowedTables?: readonly string[];
  extraTableFunctions?: readonly string[];
  extraFunctions?: readonly string[];
  maxRangeRows?: number;
  maxSqlLength?: number;
  /** Replaces the default personal-column list (tables and columns in lower case). */
  personalColumns?: Readonly<Record<string, readonly string[]>>;
}

export function createSqlPolicy(overrides: SqlPolicyOverrides = {}): SqlPolicy {
  const tables = [...(overrides.allowedTables ?? DEFAULT_ALLOWED_TABLES), ...(overrides.extraTables ?? [])];
  return {
    allowedTables: unique(tables.map(asciiLower)),
    allowedTableFunctions: unique(
      [...DEFAULT_ALLOWED_TABLE_FUNCTIONS, ...(overrides.extraTableFunctions ?? [])].map(asciiLower),
    ),
    allowedFunctions: new Set([...ALLOWED_FUNCTIONS, ...(overrides.extraFunctions ?? []).map(asciiLower)]),
    deniedFunctions: DENIED_FUNCTIONS,
    deniedFunctionPrefixes: DENIED_FUNCTION_PREFIXES,
    maxRangeRows: overrides.maxRangeRows ?? DEFAULT_SQL_POLICY.maxRangeRows,
    maxSqlLength: overrides.maxSqlLength ?? DEFAULT_SQL_POLICY.maxSqlLength,
    personalColumns: overrides.personalColumns ?? DEFAULT_PERSONAL_COLUMNS,
  };
}

/**
 * DuckDB folds identifier case for ASCII letters only; JavaScript's toLowerCase would also fold e.g. the
 * Kelvin sign to "k" and so could make a look-alike name match an allowed one.
 */
export function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

export function isFunctionAllowed(policy: SqlPolicy, name: string): boolean {
  const lower = asciiLower(name);
  if (policy.deniedFunctions.has(lower)) return false;
  if (policy.deniedFunctionPrefixes.some((prefix) => lower.startsWith(prefix))) return false;
  return policy.allowedFunctions.has(lower);
}

export function isFunctionDenied(policy: SqlPolicy, name: string): boolean {
  const lower = asciiLower(name);
  return policy.deniedFunctions.has(lower) || policy.deniedFunctionPrefixes.some((prefix) => lower.startsWith(prefix));
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * `shoplens sql` and the server's POST /api/sql: the analytics tables plus the model and support-event tables and
 * the import reports; like model-written SQL, one guarded SELECT with no personal columns.
 */
export const SQL_SHELL_POLICY: SqlPolicy = createSqlPolicy({ extraTables: ['user_segments', 'support_events', 'import_runs'] });
