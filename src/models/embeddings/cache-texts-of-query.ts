import type { DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../../sql/warehouse.ts';
import { cacheEmbeddings, embeddingTable, type CacheOptions, type CacheReport } from './embedding-cache.ts';
import type { TextEncoder } from './text-encoder.ts';

/**
 * Caches embeddings for every distinct text a query returns (its single column), finding the uncached ones
 * in SQL so only those travel to JS. `parameters` are the query's own named parameters; the name
 * `cache_encoder` is reserved.
 */
export async function cacheTextsOfQuery(
  warehouse: Warehouse,
  encoder: TextEncoder,
  textSql: string,
  parameters: Record<string, DuckDBValue>,
  options: CacheOptions = {},
): Promise<CacheReport> {
  const table = await embeddingTable(warehouse);
  const missing = await warehouse.query(
    `SELECT DISTINCT source.text AS text FROM (${textSql}) AS source(text)
     WHERE source.text IS NOT NULL AND trim(source.text) <> ''
       AND NOT EXISTS (SELECT 1 FROM ${table} AS cached WHERE cached.encoder = $cache_encoder AND cached.text_hash = sha256(source.text))`,
    { ...parameters, cache_encoder: encoder.id },
  );
  return cacheEmbeddings(warehouse, encoder, missing.rows.map((row) => String(row.text)), options);
}
