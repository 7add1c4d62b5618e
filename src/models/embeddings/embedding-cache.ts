import { INTEGER, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { TextEncoder } from './text-encoder.ts';
import { textHash, vectorLiteral } from './text-hash.ts';

export interface CacheReport {
  /** Distinct texts asked for. */
  texts: number;
  /** Of those, already cached for this encoder. */
  cached: number;
  /** Of those, encoded now and stored. */
  encoded: number;
  seconds: number;
}

export interface CacheOptions {
  /** Texts encoded and written per round; each round is one INSERT, so an interruption keeps finished rounds. */
  chunkSize?: number;
  signal?: AbortSignal;
}

const TABLE_COLUMNS = `
  text_hash VARCHAR NOT NULL,
  encoder   VARCHAR NOT NULL,
  dimension INTEGER NOT NULL,
  embedding FLOAT[] NOT NULL,
  PRIMARY KEY (text_hash, encoder)`;

const preparedWarehouses = new WeakMap<Warehouse, Promise<string>>();

/**
 * The cache table's qualified name, created on first use: main.text_embeddings, or temp.text_embeddings when
 * the warehouse is read-only (the cache then lasts as long as the process). Keyed by (text_hash, encoder):
 * vectors of different encoders never mix.
 */
export function embeddingTable(warehouse: Warehouse): Promise<string> {
  let prepared = preparedWarehouses.get(warehouse);
  if (!prepared) {
    prepared = (async () => {
      const table = warehouse.mode === 'read-only' ? 'temp.text_embeddings' : 'main.text_embeddings';
      await warehouse.run(`CREATE ${warehouse.mode === 'read-only' ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${table} (${TABLE_COLUMNS})`);
      return table;
    })();
    // A failed creation must not stay cached: the next call should try again and report the real error.
    prepared.catch(() => preparedWarehouses.delete(warehouse));
    preparedWarehouses.set(warehouse, prepared);
  }
  return prepared;
}

/** Hashes of `hashes` that have no cached vector for `encoderId`. */
async function missingHashes(warehouse: Warehouse, table: string, encoderId: string, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const reader = await warehouse.connection.runAndReadAll(
    `SELECT h FROM unnest($hashes) AS candidate(h) ANTI JOIN ${table} AS cached ON cached.text_hash = candidate.h AND cached.encoder = $encoder`,
    { hashes: listValue(hashes), encoder: encoderId },
    { hashes: LIST(VARCHAR), encoder: VARCHAR },
  );
  return new Set(reader.getRowObjectsJS().map((row) => String(row.h)));
}

/**
 * Makes sure every text has a cached embedding for `encoder`: looks up what is there, encodes the rest in
 * chunks and inserts them (ON CONFLICT DO NOTHING, so concurrent callers never fail on each other).
 */
export async function cacheEmbeddings(
  warehouse: Warehouse,
  encoder: TextEncoder,
  texts: readonly string[],
  options: CacheOptions = {},
): Promise<CacheReport> {
  const started = performance.now();
  const table = await embeddingTable(warehouse);
  const byHash = new Map<string, string>();
  for (const text of texts) byHash.set(textHash(text), text);
  const missing = await missingHashes(warehouse, table, encoder.id, [...byHash.keys()]);
  const pending = [...missing];
  const chunkSize = options.chunkSize ?? 512;
  for (let start = 0; start < pending.length; start += chunkSize) {
    options.signal?.throwIfAborted();
    const hashes = pending.slice(start, start + chunkSize);
    const vectors = await encoder.encode(hashes.map((hash) => byHash.get(hash) ?? ''));
    await warehouse.connection.run(
      `INSERT INTO ${table}
       SELECT h, $encoder, $dimension, e::FLOAT[] FROM (SELECT unnest($hashes) AS h, unnest($embeddings) AS e)
       ON CONFLICT DO NOTHING`,
      {
        encoder: encoder.id,
        dimension: encoder.dimension,
        hashes: listValue(hashes),
        // Passed as list literals: one string per vector converts far faster than one DuckDB value per float.
        embeddings: listValue(vectors.map(vectorLiteral)),
      },
      { encoder: VARCHAR, dimension: INTEGER, hashes: LIST(VARCHAR), embeddings: LIST(VARCHAR) },
    );
  }
  return { texts: byHash.size, cached: byHash.size - missing.size, encoded: missing.size, seconds: (performance.now() - started) / 1000 };
}

/** Cached vectors of `texts` (encoding and caching any that are missing), in input order. */
export async function embedTexts(warehouse: Warehouse, encoder: TextEncoder, texts: readonly string[], options: CacheOptions = {}): Promise<Float32Array[]> {
  await cacheEmbeddings(warehouse, encoder, texts, options);
  const table = await embeddingTable(warehouse);
  const hashes = texts.map(textHash);
  const reader = await warehouse.connection.runAndReadAll(
    `SELECT text_hash, embedding FROM ${table} WHERE encoder = $encoder AND text_hash IN (SELECT unnest($hashes))`,
    { encoder: encoder.id, hashes: listValue([...new Set(hashes)]) },
    { encoder: VARCHAR, hashes: LIST(VARCHAR) },
  );
  const vectors = new Map<string, Float32Array>();
  for (const row of reader.getRowObjectsJS()) {
    vectors.set(String(row.text_hash), Float32Array.from(row.embedding as number[]));
  }
  return hashes.map((hash) => vectors.get(hash) ?? new Float32Array(encoder.dimension));
}

/**
 * Cosine similarity of each cached vector of `hashes` (for `encoder`) to `vector`, computed by DuckDB from the cached
 * FLOAT vectors; hashes without a cached vector are absent from the map, a zero vector gives NaN.
 */
export async function cachedSimilarities(warehouse: Warehouse, encoder: TextEncoder, vector: Float32Array, hashes: readonly string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const table = await embeddingTable(warehouse);
  const dimension = encoder.dimension;
  const reader = await warehouse.connection.runAndReadAll(
    `SELECT text_hash, CAST(array_cosine_similarity(embedding::FLOAT[${dimension}], CAST($vector AS FLOAT[${dimension}])) AS DOUBLE) AS similarity
     FROM ${table} WHERE encoder = $encoder AND text_hash IN (SELECT unnest($hashes))`,
    { encoder: encoder.id, hashes: listValue([...new Set(hashes)]), vector: vectorLiteral(vector) },
    { encoder: VARCHAR, hashes: LIST(VARCHAR), vector: VARCHAR },
  );
  const similarities = new Map<string, number>();
  for (const row of reader.getRowObjectsJS()) {
    const value = row.similarity;
    similarities.set(String(row.text_hash), typeof value === 'number' ? value : Number.NaN);
  }
  return similarities;
}
