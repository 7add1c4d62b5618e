import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { cacheEmbeddings, embeddingTable, embedTexts } from './embedding-cache.ts';
import { HashingEncoder } from './hashing-encoder.ts';
import type { TextEncoder } from './text-encoder.ts';
import { textHash } from './text-hash.ts';

/** Wraps an encoder and records every text it was asked to encode. */
class CountingEncoder implements TextEncoder {
  readonly encoded: string[] = [];
  constructor(private readonly inner: TextEncoder, readonly id = inner.id) {}
  get dimension(): number {
    return this.inner.dimension;
  }
  async encode(texts: string[]): Promise<Float32Array[]> {
    this.encoded.push(...texts);
    return this.inner.encode(texts);
  }
}

const TEXTS = ['物流太慢', 'Delivery was slow.', '包装很严实，好评！', '物流太慢'];

describe('embedding cache', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'shoplens-embedding-cache-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('hashes texts exactly like DuckDB sha256(), so SQL can join on the key', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      const result = await warehouse.query('SELECT sha256($text) AS hash', { text: TEXTS[0] ?? '' });
      expect(result.rows[0]?.hash).toBe(textHash(TEXTS[0] ?? ''));
    } finally {
      warehouse.close();
    }
  });

  it('encodes each distinct text once, stores exact float32 vectors and keeps encoders apart', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      const encoder = new CountingEncoder(new HashingEncoder());
      const first = await cacheEmbeddings(warehouse, encoder, TEXTS, { chunkSize: 2 });
      expect(first).toMatchObject({ texts: 3, cached: 0, encoded: 3 });
      const second = await cacheEmbeddings(warehouse, encoder, TEXTS);
      expect(second).toMatchObject({ texts: 3, cached: 3, encoded: 0 });
      expect(encoder.encoded).toHaveLength(3);

      const vectors = await embedTexts(warehouse, encoder, TEXTS);
      expect(vectors).toEqual(await new HashingEncoder().encode(TEXTS));

      const other = new CountingEncoder(new HashingEncoder({ dimension: 128 }));
      await embedTexts(warehouse, other, TEXTS.slice(0, 1));
      const rows = await warehouse.query(
        `SELECT encoder, count(*) AS texts, min(dimension) AS dimension, min(len(embedding)) AS length FROM ${await embeddingTable(warehouse)} GROUP BY encoder ORDER BY encoder`,
      );
      expect(rows.rows).toEqual([
        { encoder: 'hashing-ngram-v1', texts: 3, dimension: 512, length: 512 },
        { encoder: 'hashing-ngram-v1-d128', texts: 1, dimension: 128, length: 128 },
      ]);
    } finally {
      warehouse.close();
    }
  });

  it('works in a sandboxed warehouse (the table persists) and in a read-only one (a temp table)', async () => {
    const file = path.join(directory, 'modes.duckdb');
    (await Warehouse.open({ path: file, mode: 'read-write' })).close();

    const sandboxed = await Warehouse.open({ path: file, mode: 'sandboxed' });
    try {
      expect(await embeddingTable(sandboxed)).toBe('main.text_embeddings');
      expect(await cacheEmbeddings(sandboxed, new HashingEncoder(), TEXTS)).toMatchObject({ encoded: 3 });
    } finally {
      sandboxed.close();
    }

    const readOnly = await Warehouse.open({ path: file, mode: 'read-only' });
    try {
      expect(await embeddingTable(readOnly)).toBe('temp.text_embeddings');
      // The file's cache is not visible through the temp table, so everything is encoded again, in memory.
      expect(await cacheEmbeddings(readOnly, new HashingEncoder(), TEXTS)).toMatchObject({ encoded: 3 });
      expect(await embedTexts(readOnly, new HashingEncoder(), ['物流太慢'])).toEqual(await new HashingEncoder().encode(['物流太慢']));
    } finally {
      readOnly.close();
    }

    const reopened = await Warehouse.open({ path: file, mode: 'read-only' });
    try {
      const stored = await reopened.query('SELECT count(*) AS texts FROM main.text_embeddings');
      expect(stored.rows[0]?.texts).toBe(3);
    } finally {
      reopened.close();
    }
  });
});
