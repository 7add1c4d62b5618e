import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheEmbeddings } from '../src/models/embeddings/embedding-cache.ts';
import { HashingEncoder } from '../src/models/embeddings/hashing-encoder.ts';
import { clusterSearchQueries } from '../src/models/embeddings/query-themes.ts';
import { searchReviews } from '../src/models/embeddings/review-search.ts';
import type { TextEncoder } from '../src/models/embeddings/text-encoder.ts';
import { TransformersEncoder } from '../src/models/embeddings/transformers-encoder.ts';
import { writeTinyBertFixture } from '../src/models/onnx-fixture/tiny-bert-fixture.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

const TEXT_COUNT = 2000;

async function textsPerSecond(encoder: TextEncoder, texts: string[]): Promise<number> {
  await encoder.encode(texts.slice(0, 64)); // warm-up: JIT, session allocation
  const started = performance.now();
  await encoder.encode(texts);
  return texts.length / ((performance.now() - started) / 1000);
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * Prints encoding throughput (texts/s) of the fallback encoder and of the transformers.js path on the
 * generated tiny random-weight model, plus cache-fill, search and clustering timings on demo data.
 */
export async function runEmbeddingBench(): Promise<void> {
  const warehouse = await Warehouse.open({ path: ':memory:' });
  const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-embedding-bench-'));
  let tiny: TransformersEncoder | undefined;
  try {
    await seedDemo(warehouse, { users: 5000, days: 60 });
    const { rows } = await warehouse.query(`SELECT review_text FROM reviews WHERE review_text IS NOT NULL ORDER BY review_id LIMIT ${TEXT_COUNT}`);
    const texts = rows.map((row) => String(row.review_text));
    const averageLength = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
    process.stdout.write(`${texts.length} demo review texts (average ${averageLength.toFixed(1)} characters)\n`);

    const fallback = new HashingEncoder();
    process.stdout.write(`fallback ${fallback.id}: ${format(await textsPerSecond(fallback, texts))} texts/s\n`);

    const fixture = writeTinyBertFixture({ directory: path.join(directory, 'tiny-random-bert') });
    tiny = await TransformersEncoder.load({ model: fixture.directory, kind: 'folder', allowRemote: false, batchSize: 32 });
    process.stdout.write(
      `transformers.js ${tiny.id} (batch 32): ${format(await textsPerSecond(tiny, texts))} texts/s — tokeniser, ONNX session, ` +
        'pooling and normalisation overhead only. This 1-layer, 32-wide random model is NOT a real BERT: a 4-layer, 512-wide ' +
        'bge-small-zh is much slower on the same CPU.\n',
    );

    const cacheReport = await cacheEmbeddings(warehouse, fallback, texts);
    process.stdout.write(
      `cache fill (${fallback.id}, ${cacheReport.encoded} distinct texts encoded and inserted into DuckDB): ` +
        `${cacheReport.seconds.toFixed(2)} s, ${format(cacheReport.encoded / cacheReport.seconds)} texts/s\n`,
    );

    for (const query of ['物流太慢', 'battery drains fast']) {
      const searchStarted = performance.now();
      const search = await searchReviews(warehouse, fallback, { query, limit: 10 });
      process.stdout.write(
        `search_reviews "${query}" over ${search.searchedReviews} reviews (embedded ${search.embeddedNow} uncached texts first): ` +
          `${(performance.now() - searchStarted).toFixed(0)} ms\n`,
      );
    }

    for (const state of ['queries not cached yet', 'queries cached']) {
      const clusterStarted = performance.now();
      const themes = await clusterSearchQueries(warehouse, fallback);
      process.stdout.write(
        `cluster_queries (${state}): ${themes.clusteredQueries} distinct queries (${themes.totalSearches} searches) into ` +
          `${themes.themes.length} themes (silhouette ${themes.silhouette.toFixed(3)}) in ${((performance.now() - clusterStarted) / 1000).toFixed(2)} s\n`,
      );
    }
  } finally {
    await tiny?.dispose();
    warehouse.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runEmbeddingBench();
