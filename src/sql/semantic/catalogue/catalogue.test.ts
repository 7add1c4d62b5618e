import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { loadAvailableTables } from './available-tables.ts';
import { availableMetrics, CORE_TABLES, DIMENSIONS, METRICS, resolveDimension, resolveMetric } from './catalogue.ts';
import { catalogueJson, describeCatalogue, listMetrics } from './describe-catalogue.ts';
import { MEASURES } from './measures.ts';
import { metricMeasures } from './metrics.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { availableDimensions } from './dimensions.ts';

const REQUIRED_METRICS = [
  'pv', 'uv', 'dau', 'sessions', 'orders', 'buyers', 'gmv', 'aov', 'units', 'conversion_rate', 'view_to_purchase_rate',
  'cart_rate', 'fav_rate', 'cart_abandonment_rate', 'repurchase_rate', 'day1_retention', 'day7_retention', 'return_rate',
  'cancellation_rate', 'avg_rating', 'positive_review_share', 'bounce_rate', 'avg_dwell_seconds', 'arpu',
];
const REQUIRED_DIMENSIONS = [
  'day', 'week', 'month', 'hour', 'weekday', 'category', 'brand', 'product', 'city', 'city_tier', 'gender', 'age_band',
  'device', 'channel', 'new_vs_returning', 'payment_method', 'order_status', 'language', 'segment',
];

describe('metric and dimension catalogue', () => {
  it('names, as a dimension\'s default measure, a metric that can be split by that dimension', () => {
    const withDefaults = DIMENSIONS.filter((dimension) => dimension.default_metric !== undefined);
    expect(withDefaults.map((dimension) => dimension.id)).toContain('search_query');
    for (const dimension of withDefaults) {
      const listing = listMetrics().find((metric) => metric.id === dimension.default_metric);
      expect(listing?.dimensions, `${dimension.id} → ${dimension.default_metric}`).toContain(dimension.id);
    }
  });

  it('defines every required metric and dimension once', () => {
    const metricIds = METRICS.map((metric) => metric.id);
    const dimensionIds = DIMENSIONS.map((dimension) => dimension.id);
    expect(metricIds).toEqual(expect.arrayContaining(REQUIRED_METRICS));
    expect(dimensionIds).toEqual(expect.arrayContaining(REQUIRED_DIMENSIONS));
    expect(new Set(metricIds).size).toBe(metricIds.length);
    expect(new Set(dimensionIds).size).toBe(dimensionIds.length);
  });

  it('builds metrics only from defined measures, and ratios only from two of them', () => {
    for (const metric of METRICS) {
      const measures = metricMeasures(metric);
      expect(measures.length).toBe(metric.formula.kind === 'ratio' ? 2 : 1);
      if (metric.formula.kind === 'ratio') expect(metric.additive).toBe(false);
    }
    // A per-user column shared by several measures must mean the same thing everywhere.
    const columns = new Map<string, string>();
    for (const measure of MEASURES) {
      for (const [name, sql] of Object.entries(measure.unit_columns)) {
        expect(columns.get(name) ?? sql).toBe(sql);
        columns.set(name, sql);
      }
    }
  });

  it('resolves names and synonyms in both languages to one metric, and no synonym to two', () => {
    const cases: [string, string][] = [
      ['成交额', 'gmv'], ['交易额', 'gmv'], ['销售额', 'gmv'], ['营业额', 'gmv'], ['revenue', 'gmv'], ['Sales', 'gmv'],
      ['转化率', 'conversion_rate'], ['CVR', 'conversion_rate'], ['conversion', 'conversion_rate'],
      ['访客数', 'uv'], ['独立访客', 'uv'], ['visitors', 'uv'], ['客单价', 'aov'], ['复购率', 'repurchase_rate'],
      ['跳出率', 'bounce_rate'], ['次日留存', 'day1_retention'], ['退货率', 'return_rate'], ['日活', 'dau'], ['好评率', 'positive_review_share'],
    ];
    for (const [text, id] of cases) expect(resolveMetric(text).id).toBe(id);
    const owners = new Map<string, Set<string>>();
    for (const metric of METRICS) {
      for (const name of [metric.name_en, metric.name_zh, ...metric.synonyms_en, ...metric.synonyms_zh]) {
        const key = name.trim().toLowerCase();
        owners.set(key, (owners.get(key) ?? new Set()).add(metric.id));
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1).map(([name]) => name)).toEqual([]);
    expect(resolveDimension('品类').id).toBe('category');
    expect(resolveDimension('城市').id).toBe('city');
  });

  it('rejects unknown ids with the list of valid ones', () => {
    try {
      resolveMetric('happiness');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SemanticQueryError);
      expect((error as SemanticQueryError).allowed).toContain('gmv');
      expect((error as Error).message).toContain('Use one of');
    }
  });

  it('offers segment only when user_segments exists, and only metrics whose tables exist', () => {
    expect(availableDimensions(CORE_TABLES).map((dimension) => dimension.id)).not.toContain('segment');
    expect(availableDimensions([...CORE_TABLES, 'user_segments']).map((dimension) => dimension.id)).toContain('segment');
    expect(() => resolveDimension('segment')).toThrow(/user_segments/);
    const orderOnly = availableMetrics(['users', 'products', 'orders', 'order_items']).map((metric) => metric.id);
    expect(orderOnly).toContain('gmv');
    expect(orderOnly).not.toContain('pv');
    expect(orderOnly).not.toContain('arpu');
  });

  it('lists metrics with the dimensions each supports, and describes the catalogue for prompts', () => {
    const gmv = listMetrics().find((metric) => metric.id === 'gmv');
    expect(gmv?.dimensions).toEqual(expect.arrayContaining(['category', 'payment_method', 'city', 'day', 'device']));
    expect(gmv?.dimensions).not.toContain('language');
    const dau = listMetrics().find((metric) => metric.id === 'dau');
    expect(dau?.dimensions).toEqual(expect.arrayContaining(['city', 'category', 'day']));
    const json = JSON.parse(JSON.stringify(catalogueJson())) as { metrics: unknown[] };
    expect(json.metrics).toHaveLength(METRICS.length);
    const chinese = describeCatalogue('zh');
    const english = describeCatalogue('en');
    for (const metric of METRICS) {
      expect(chinese).toContain(`- ${metric.id}: ${metric.name_zh}`);
      expect(english).toContain(`- ${metric.id}: ${metric.name_en}`);
    }
    expect(chinese).toContain('成交额');
    expect(english).not.toContain('segment:');
    expect(describeCatalogue('en', [...CORE_TABLES, 'user_segments'])).toContain('- segment:');
  });
});

describe('loadAvailableTables', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
  });
  afterAll(() => warehouse.close());

  it('lists the schema tables and picks up user_segments once it exists', async () => {
    expect(await loadAvailableTables(warehouse)).toEqual(expect.arrayContaining([...CORE_TABLES]));
    expect(await loadAvailableTables(warehouse, { requireRows: true })).toEqual(['meta']);
    await warehouse.run("INSERT INTO users (user_id) VALUES (1)");
    expect(await loadAvailableTables(warehouse, { requireRows: true })).toEqual(['meta', 'users']);
    await warehouse.run('CREATE TABLE user_segments (user_id BIGINT, segment VARCHAR)');
    expect(await loadAvailableTables(warehouse)).toContain('user_segments');
  });
});
