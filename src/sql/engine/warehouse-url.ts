import path from 'node:path';
import { WarehouseError } from '../warehouse-error.ts';

export type WarehouseLocation =
  | { kind: 'duckdb'; path: string }
  | { kind: 'chdb'; path: string; database: string }
  | { kind: 'clickhouse'; url: string; username: string; password: string; database: string };

export const DEFAULT_CLICKHOUSE_DATABASE = 'shoplens';

/**
 * Reads `--warehouse` / SHOPLENS_WAREHOUSE: a DuckDB file path (or ':memory:'), `chdb://folder` (relative) or
 * `chdb:///absolute/folder`, or `clickhouse://user:password@host:8123/database` (`clickhouses://` for TLS).
 */
export function parseWarehouseUrl(text: string): WarehouseLocation {
  const trimmed = text.trim();
  if (trimmed === '') throw new WarehouseError('The warehouse location is empty: pass a DuckDB file path, chdb://FOLDER or clickhouse://USER:PASSWORD@HOST:8123/DATABASE.', { path: text, kind: 'missing' });
  if (trimmed.startsWith('chdb://')) {
    const folder = trimmed.slice('chdb://'.length);
    if (folder === '' || folder === '/') throw new WarehouseError(`${text} names no folder: write chdb:///absolute/folder or chdb://relative/folder.`, { path: text });
    return { kind: 'chdb', path: path.resolve(folder), database: DEFAULT_CLICKHOUSE_DATABASE };
  }
  if (/^clickhouses?:\/\//.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new WarehouseError(`${redactPassword(text)} is not a valid URL; write clickhouse://USER:PASSWORD@HOST:8123/DATABASE.`, { path: redactPassword(text) });
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || DEFAULT_CLICKHOUSE_DATABASE;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
      throw new WarehouseError(`ClickHouse database name "${database}" in ${redactPassword(text)} must be letters, digits and underscores.`, { path: redactPassword(text) });
    }
    const scheme = url.protocol === 'clickhouses:' ? 'https' : 'http';
    return {
      kind: 'clickhouse',
      url: `${scheme}://${url.hostname}:${url.port || (scheme === 'https' ? '8443' : '8123')}`,
      username: decodeURIComponent(url.username) || 'default',
      password: decodeURIComponent(url.password),
      database,
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new WarehouseError(`Unknown warehouse scheme in ${redactPassword(text)}: use a DuckDB file path, chdb://FOLDER or clickhouse://USER:PASSWORD@HOST:8123/DATABASE.`, { path: redactPassword(text) });
  }
  return { kind: 'duckdb', path: trimmed === ':memory:' ? trimmed : path.resolve(trimmed) };
}

/** The URL with its password replaced, for messages and logs. */
export function redactPassword(text: string): string {
  return text.replace(/^(clickhouses?:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** `--warehouse` wins over `--db`, then SHOPLENS_WAREHOUSE, then SHOPLENS_DB, then data/shoplens.duckdb. */
export function resolveWarehouseLocation(
  options: { warehouse?: string; db?: string },
  environment: NodeJS.ProcessEnv = process.env,
): WarehouseLocation {
  const chosen = options.warehouse ?? options.db ?? environment.SHOPLENS_WAREHOUSE ?? environment.SHOPLENS_DB ?? path.join('data', 'shoplens.duckdb');
  return parseWarehouseUrl(chosen);
}
