import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEnginePair, type EnginePair } from '../sql/engine/testing/fixture-engines.ts';
import { sameValue } from '../sql/engine/testing/compare-results.ts';
import type { JsonValue } from '../sql/json-values.ts';
import { buildRandomFixture } from '../sql/semantic/testing/random-fixture.ts';
import { loadFixture } from '../sql/semantic/testing/semantic-fixture.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { loadBaskets } from './baskets/load-baskets.ts';
import { FORECAST_METRICS, loadMetricSeries, resolveCategory } from './forecast/daily-series.ts';
import { HashingEncoder } from './embeddings/hashing-encoder.ts';
import { loadReviewCandidates, searchReviews } from './embeddings/review-search.ts';
import { clusterSearchQueries, loadTopSearchQueries } from './embeddings/query-themes.ts';
import { reviewInsights } from './sentiment/review-insights.ts';
import { loadAllInteractions, loadUserInteractions } from './recommendations/load-interactions.ts';
import { loadCatalog } from './recommendations/product-catalog.ts';
import { recommendForProduct, recommendForUser } from './recommendations/recommend.ts';
import { loadPropensityFeatures, loadPurchaseLabels } from './propensity/load-propensity-features.ts';
import { findLikelyBuyers } from './propensity/likely-buyers.ts';
import { loadDataStart } from './propensity/time-split.ts';
import { WAREHOUSE_SOURCES } from './anomalies/anomaly-scope.ts';
import { findBrowsingAnomalies } from './anomalies/browsing-anomalies.ts';
import { findOrderAnomalies, loadBuckets } from './anomalies/order-anomalies.ts';
import { loadSessionBehaviour } from './anomalies/session-behaviour.ts';
import { loadCustomerBehaviour } from './segments/load-customer-behaviour.ts';
import { ensureSegmentation } from './segments/segmentation-store.ts';
import { summariseClusters, summariseRfmSegments } from './segments/segment-summaries.ts';
import { CLICKHOUSE_DIALECT } from '../sql/engine/clickhouse-dialect.ts';
import { resultDifferences } from '../sql/engine/testing/compare-results.ts';
import { loadAvailableTables } from '../sql/semantic/catalogue/available-tables.ts';
import { compileSemanticQuery } from '../sql/semantic/compile/compile-query.ts';
import { compileRetention } from '../sql/semantic/compile/compile-retention.ts';
import { behaviourFingerprint } from './model-store/behaviour-fingerprint.ts';
import { loadReviews, resolveReviewFilters, reviewsFingerprint } from './sentiment/load-reviews.ts';

// The model tools that run on ClickHouse (ENGINE_READY_TOOLS of analytics-agent.ts) read the behaviour tables
// through these loaders: over the reference fixture they must load the same data from DuckDB and from chDB.
const AS_OF = '2025-11-30';

/** The reference fixture has no texts: give reviews and searches some (bilingual, repeated, one blank) for the text tools. */
async function addTexts(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`UPDATE reviews SET likes = review_id % 3, review_text = CASE review_id % 5
    WHEN 0 THEN '耳机音质很好，但是续航太短' WHEN 1 THEN 'Battery drains fast, otherwise fine' WHEN 2 THEN '物流太慢了'
    WHEN 3 THEN CASE WHEN review_id % 2 = 0 THEN '  ' ELSE 'Great quality, 质量不错 ' || CAST(review_id AS VARCHAR) END ELSE NULL END`);
  await warehouse.run(`UPDATE events SET search_query = CASE event_id % 4 WHEN 0 THEN '蓝牙耳机' WHEN 1 THEN 'iPhone case' WHEN 2 THEN '坚果 零食'
    ELSE 'Wool Coat ' || CAST(event_id % 7 AS VARCHAR) END WHERE event_type = 'search'`);
}
let engines: EnginePair;
let chdb: Warehouse;

beforeAll(async () => {
  engines = await openEnginePair(async (warehouse) => {
    await loadFixture(warehouse, buildRandomFixture(20251111));
    await addTexts(warehouse);
  });
  // What openWarehouseAt builds for a chdb:// location: a DuckDB state file (empty tables) with chDB behind it.
  chdb = await Warehouse.open({ path: ':memory:' });
  chdb.behaviourEngine = engines.chdb;
}, 60_000);
afterAll(async () => {
  chdb.behaviourEngine = undefined;
  chdb?.close();
  await engines?.close();
});

/** Deep equality with floats to 1e-9 relative; Maps compared as their entries; timings (keys ending in "seconds") skipped. */
function differences(expected: unknown, actual: unknown, where = '$'): string[] {
  if (expected instanceof Map && actual instanceof Map) return differences([...expected.entries()], [...actual.entries()], where);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${where}: length ${expected.length} vs ${actual.length}`];
    return expected.flatMap((item, index) => differences(item, actual[index], `${where}[${index}]`)).slice(0, 5);
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter((key) => !/seconds$/i.test(key));
    return keys.flatMap((key) => differences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${where}.${key}`)).slice(0, 5);
  }
  return sameValue((expected ?? null) as JsonValue, (actual ?? null) as JsonValue) ? [] : [`${where}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`];
}

describe('model-tool queries on DuckDB and chDB over the reference fixture', () => {
  it('forecast_metric: every metric daily series, whole shop and per category, is the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    const categories = (await duckdb.query('SELECT DISTINCT category FROM products WHERE category IS NOT NULL ORDER BY category LIMIT 2')).rows.map((row) => String(row.category));
    expect(categories.length).toBe(2);
    expect(await resolveCategory(chdb, categories[0]?.toUpperCase() ?? '')).toBe(await resolveCategory(duckdb, categories[0]?.toUpperCase() ?? ''));
    let nonZeroSeries = 0;
    for (const metric of FORECAST_METRICS) {
      for (const category of [undefined, ...categories]) {
        const expected = await loadMetricSeries(duckdb, metric, AS_OF, category).catch((error: Error) => error.message);
        const actual = await loadMetricSeries(chdb, metric, AS_OF, category).catch((error: Error) => error.message);
        expect(differences(expected, actual), `${metric} ${category ?? ''}`).toEqual([]);
        if (typeof expected !== 'string' && expected.values.some((value) => value > 0)) nonZeroSeries += 1;
      }
    }
    expect(nonZeroSeries).toBeGreaterThanOrEqual(8);
  });

  it('frequently_bought_together: the baskets at product and category level are the same', async () => {
    for (const level of ['product', 'category'] as const) {
      const expected = await loadBaskets(engines.duckdb.warehouse, level);
      const actual = await loadBaskets(chdb, level);
      expect(differences(expected, actual), level).toEqual([]);
      expect(expected.transactions.filter((items) => items.length >= 2).length).toBeGreaterThan(0);
    }
  });

  it('search_reviews and review_insights: the reviews under every filter are the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    const filterSets = [
      {},
      { category: 'phones' },
      { category: '零食', minRating: 2, maxRating: 4 },
      { productId: 101, language: 'zh' as const },
      { dateRange: { start: '2025-11-05', end: '2025-11-12' } },
    ];
    let nonEmpty = 0;
    for (const filters of filterSets) {
      const expected = await loadReviewCandidates(duckdb, filters);
      expect(differences(expected, await loadReviewCandidates(chdb, filters)), JSON.stringify(filters)).toEqual([]);
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(4);
    for (const filters of [{}, { category: '手机', brand: 'apple' }, { productId: 105, dateRange: { start: '2025-11-01', end: '2025-11-20' } }]) {
      const resolved = await resolveReviewFilters(duckdb, filters);
      expect(await resolveReviewFilters(chdb, filters)).toEqual(resolved);
      const expected = await loadReviews(duckdb, resolved);
      expect(differences(expected, await loadReviews(chdb, resolved)), JSON.stringify(filters)).toEqual([]);
      expect(expected.length).toBeGreaterThan(0);
    }
    // The whole tools: embeddings, similarity and the sentiment model live in each warehouse's DuckDB file.
    const encoder = new HashingEncoder();
    const search = { query: '电池 battery 续航', category: '手机', limit: 5 };
    const [expectedSearch, actualSearch] = [await searchReviews(duckdb, encoder, search), await searchReviews(chdb, encoder, search)];
    expect(differences(expectedSearch, actualSearch)).toEqual([]);
    expect(expectedSearch.matches.length).toBeGreaterThan(1);
    const insights = async (warehouse: Warehouse) => {
      const result = await reviewInsights(warehouse, { polarity: 'all', topK: 5, language: 'en' });
      return { ...result, model: { ...result.model, trainingSeconds: 0 } };
    };
    const expectedInsights = await insights(duckdb);
    expect(differences(expectedInsights, await insights(chdb))).toEqual([]);
    expect(expectedInsights.aspects.length).toBeGreaterThan(0);
    // Fingerprints differ between engines (different hashes) but must follow the data on each.
    expect(await reviewsFingerprint(chdb)).toMatch(/^\d+:\d+:\d+$/);
    expect(await behaviourFingerprint(chdb)).toContain('"events":');
  });

  it('cluster_queries: the most searched queries and their counts are the same', async () => {
    for (const request of [{}, { dateRange: { start: '2025-11-10', end: '2025-11-20' } }]) {
      for (const limit of [3, 1000]) {
        const expected = await loadTopSearchQueries(engines.duckdb.warehouse, request, limit);
        expect(differences(expected, await loadTopSearchQueries(chdb, request, limit)), `${JSON.stringify(request)} ${limit}`).toEqual([]);
        expect(expected.length).toBeGreaterThan(2);
      }
    }
    const encoder = new HashingEncoder();
    const expected = await clusterSearchQueries(engines.duckdb.warehouse, encoder, { clusters: 2 });
    expect(differences(expected, await clusterSearchQueries(chdb, encoder, { clusters: 2 }))).toEqual([]);
    expect(expected.themes.length).toBe(2);
  });

  it('recommend_products: interactions, catalogue and the recommendations are the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    const all = await loadAllInteractions(duckdb);
    expect(differences(all, await loadAllInteractions(chdb))).toEqual([]);
    expect(new Set(all.map((interaction) => interaction.kind))).toEqual(new Set(['purchase', 'cart', 'fav']));
    expect(all.some((interaction) => interaction.owner.startsWith('o'))).toBe(true);
    expect(differences(await loadCatalog(duckdb), await loadCatalog(chdb))).toEqual([]);
    const users = (await duckdb.query('SELECT user_id FROM users ORDER BY user_id LIMIT 6')).rows.map((row) => Number(row.user_id));
    for (const userId of [...users, 999_999]) {
      expect(differences(await loadUserInteractions(duckdb, userId), await loadUserInteractions(chdb, userId)), `user ${userId}`).toEqual([]);
    }
    expect((await loadUserInteractions(duckdb, users[0] as number)).some((interaction) => interaction.kind === 'view')).toBe(true);
    const selectEncoder = async () => ({ encoder: new HashingEncoder(), kind: 'fallback' as const, reason: 'test encoder' });
    const strip = (result: Awaited<ReturnType<typeof recommendForUser>>) => ({ ...result, model: { ...result.model, buildSeconds: 0 } });
    for (const userId of users.slice(0, 3)) {
      const expected = strip(await recommendForUser(duckdb, userId, { selectEncoder, topK: 5 }));
      expect(differences(expected, strip(await recommendForUser(chdb, userId, { selectEncoder, topK: 5 }))), `user ${userId}`).toEqual([]);
      expect(expected.items.length).toBeGreaterThan(0);
    }
    const unknown = (warehouse: Warehouse) => recommendForUser(warehouse, 999_999, { selectEncoder }).catch((error: Error) => error.message);
    expect(await unknown(chdb)).toEqual(await unknown(duckdb));
    expect(differences(strip(await recommendForProduct(duckdb, 101, { selectEncoder })), strip(await recommendForProduct(chdb, 101, { selectEncoder })))).toEqual([]);
  });

  it('predict_purchase: the features at every cutoff, the labels and the likely buyers are the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    expect(await loadDataStart(chdb)).toBe(await loadDataStart(duckdb));
    for (const cutoff of ['2025-11-16', '2025-11-23', AS_OF]) {
      const expected = await loadPropensityFeatures(duckdb, cutoff);
      expect(differences(expected, await loadPropensityFeatures(chdb, cutoff)), cutoff).toEqual([]);
      expect(expected.userIds.length).toBeGreaterThanOrEqual(40);
      const labels = await loadPurchaseLabels(duckdb, cutoff, 7);
      expect([...(await loadPurchaseLabels(chdb, cutoff, 7))]).toEqual([...labels]);
      if (cutoff !== AS_OF) expect(labels.size).toBeGreaterThan(0);
    }
    const buyers = async (warehouse: Warehouse, options: { cityTier?: 'tier1'; category?: string; device?: 'ios' }) => {
      const result = await findLikelyBuyers(warehouse, AS_OF, { horizonDays: 7, topK: 5, ...options });
      return { kind: result.kind, candidates: result.candidates, expectedBuyers: result.expectedBuyers, buyers: result.buyers, category: result.category, metrics: result.trained.evaluation.models };
    };
    const candidates: number[] = [];
    for (const options of [{}, { category: '手机' }, { cityTier: 'tier1' as const }, { device: 'ios' as const }, { cityTier: 'tier1' as const, category: 'Snacks' }]) {
      const expected = await buyers(duckdb, options);
      expect(differences(expected, await buyers(chdb, options)), JSON.stringify(options)).toEqual([]);
      candidates.push(expected.candidates);
    }
    // Every filter narrows the 40 users; the fixture's users have no preferred device, so that filter leaves none.
    expect(candidates[0], JSON.stringify(candidates)).toBe(40);
    expect([candidates[1], candidates[2], candidates[4]].every((count) => count !== undefined && count > 0 && count < 40), JSON.stringify(candidates)).toBe(true);
    expect(candidates[3]).toBe(0);
  });

  it('find_anomalies: sessions, order velocity and hourly buckets, and the findings, are the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    for (const range of [undefined, { start: '2025-11-05' }, { start: '2025-11-01', end: '2025-11-15' }]) {
      const sessions = await loadSessionBehaviour(duckdb, WAREHOUSE_SOURCES, range);
      expect(differences(sessions, await loadSessionBehaviour(chdb, WAREHOUSE_SOURCES, range)), JSON.stringify(range)).toEqual([]);
      expect(sessions.length).toBeGreaterThan(5);
      const orders = await findOrderAnomalies(duckdb, { range });
      expect(differences(orders, await findOrderAnomalies(chdb, { range })), JSON.stringify(range)).toEqual([]);
      expect(orders.usersWithOrders).toBeGreaterThan(5);
      expect(differences(await findBrowsingAnomalies(duckdb, { range }), await findBrowsingAnomalies(chdb, { range }))).toEqual([]);
    }
    const buckets = await loadBuckets(duckdb, WAREHOUSE_SOURCES);
    expect(differences(buckets, await loadBuckets(chdb, WAREHOUSE_SOURCES))).toEqual([]);
    expect(buckets.length % 24).toBe(0);
    expect(buckets.some((bucket) => bucket.orders > 0) && buckets.some((bucket) => bucket.orders === 0)).toBe(true);
    expect((await loadSessionBehaviour(duckdb, WAREHOUSE_SOURCES)).some((session) => session.medianDwellSeconds !== null && session.meanGapSeconds !== null)).toBe(true);
  });

  it('segment_customers: the customer behaviour at every as-of date and the segmentation are the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    for (const asOf of ['2025-11-10', AS_OF]) {
      const expected = await loadCustomerBehaviour(duckdb, asOf);
      expect(differences(expected, await loadCustomerBehaviour(chdb, asOf)), asOf).toEqual([]);
      expect(expected.filter((customer) => customer.rfm !== null).length).toBeGreaterThan(5);
    }
    // The segmentation is written to each warehouse's DuckDB file (user_segments in the cache schema).
    const segmentation = async (warehouse: Warehouse) => {
      const ensured = await ensureSegmentation(warehouse, AS_OF, { recompute: true, clustering: { minClusters: 2, maxClusters: 3 } });
      const { timingsMs: _timings, fingerprint: _fingerprint, ...model } = ensured.model;
      return { model, rfm: await summariseRfmSegments(warehouse), clusters: await summariseClusters(warehouse) };
    };
    const expected = await segmentation(duckdb);
    expect(differences(expected, await segmentation(chdb))).toEqual([]);
    expect(expected.rfm.length).toBeGreaterThan(1);
    // The segmentation is copied into ClickHouse, so questions by segment and retention of a segment answer there alike.
    const tables = await loadAvailableTables(chdb);
    expect(tables).toContain('user_segments');
    const byEngine = async (compile: (options: { tables: readonly string[]; dialect?: typeof CLICKHOUSE_DIALECT }) => { sql: string; parameters: Record<string, string | number | boolean | null> }) => {
      const onDuckDb = compile({ tables });
      const onChdb = compile({ tables, dialect: CLICKHOUSE_DIALECT });
      const rows = await engines.duckdb.query(onDuckDb.sql, onDuckDb.parameters);
      return { rows, differences: resultDifferences(rows, await engines.chdb.query(onChdb.sql, onChdb.parameters)) };
    };
    const bySegment = await byEngine((options) => compileSemanticQuery({ metrics: ['gmv', 'buyers'], dimensions: ['segment'], timeRange: { start: '2025-11-01', end: '2025-11-30' } }, options));
    expect(bySegment.differences).toEqual([]);
    expect(bySegment.rows.rows.length).toBeGreaterThan(1);
    const retained = await byEngine((options) => compileRetention({ mode: 'days', days: [1, 7], timeRange: { start: '2025-10-20', end: '2025-11-30' }, filters: [{ dimension: 'segment', operator: 'in', values: [String(expected.rfm[0]?.segment)] }] }, options));
    expect(retained.differences).toEqual([]);
    expect(retained.rows.rows.length).toBeGreaterThan(0);
    // A stale copy (here: emptied behind ShopLens's back) is found and replaced when the segmentation is next reused.
    await engines.chdb.command('TRUNCATE TABLE shoplens_cache.user_segments');
    await ensureSegmentation(chdb, AS_OF, { clustering: { minClusters: 2, maxClusters: 3 } });
    expect((await engines.chdb.query('SELECT count() AS users FROM shoplens_cache.user_segments')).rows[0]?.users).toBe(expected.model.users);
  });
});
