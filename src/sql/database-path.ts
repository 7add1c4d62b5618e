import path from 'node:path';

export const DEFAULT_DATABASE_PATH = path.join('data', 'shoplens.duckdb');

/** `--db PATH` wins over `SHOPLENS_DB`, which wins over the default `data/shoplens.duckdb`. */
export function resolveDatabasePath(option?: string, environment: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? environment.SHOPLENS_DB ?? DEFAULT_DATABASE_PATH;
  return chosen === ':memory:' ? chosen : path.resolve(chosen);
}
