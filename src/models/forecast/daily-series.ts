import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { dateRange } from './calendar-days.ts';
import { ForecastError } from './forecast-error.ts';

export const FORECAST_METRICS = ['gmv', 'orders', 'uv', 'units'] as const;
export type ForecastMetric = (typeof FORECAST_METRICS)[number];

export interface MetricInfo {
  name_en: string;
  name_zh: string;
  unit: 'currency' | 'count';
}

/** Same definitions as the semantic layer's gmv, orders, uv and units metrics, per calendar day. */
export const METRIC_INFO: Readonly<Record<ForecastMetric, MetricInfo>> = {
  gmv: { name_en: 'GMV', name_zh: '成交额（GMV）', unit: 'currency' },
  orders: { name_en: 'Paid orders', name_zh: '支付订单数', unit: 'count' },
  uv: { name_en: 'Unique visitors (UV)', name_zh: '访客数（UV）', unit: 'count' },
  units: { name_en: 'Units sold', name_zh: '销量（件数）', unit: 'count' },
};

export interface DailySeries {
  dates: string[];
  values: number[];
}

/** Runs on DuckDB and ClickHouse alike; values arrive as parameters (`as_of`, `category`). */
function metricSql(metric: ForecastMetric, filtered: boolean, dialect: SqlDialect): string {
  const category = filtered ? `AND p.category = ${dialect.parameter('category', 'text')}` : '';
  const end = `${dialect.parameter('as_of', 'date')} + INTERVAL 1 DAY`;
  if (metric === 'uv') {
    return `SELECT CAST(e.event_time AS DATE) AS day, count(DISTINCT e.user_id) AS value
            FROM events e ${filtered ? 'JOIN products p ON p.product_id = e.product_id' : ''}
            WHERE e.event_time < ${end} ${category} GROUP BY CAST(e.event_time AS DATE)`;
  }
  const aggregate = metric === 'gmv' ? 'sum(i.amount)' : metric === 'units' ? 'sum(i.quantity)' : 'count(DISTINCT o.order_id)';
  return `SELECT CAST(o.created_at AS DATE) AS day, ${aggregate} AS value
          FROM orders o JOIN order_items i ON i.order_id = o.order_id ${filtered ? 'JOIN products p ON p.product_id = i.product_id' : ''}
          WHERE o.paid_at IS NOT NULL AND o.created_at < ${end} ${category} GROUP BY CAST(o.created_at AS DATE)`;
}

/** The stored category (English) matching `text` in English or Chinese, case-insensitively. */
export async function resolveCategory(warehouse: Warehouse, text: string): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query(`SELECT DISTINCT category, category_zh FROM products WHERE category IS NOT NULL ORDER BY category, category_zh`);
  const wanted = text.trim().toLowerCase();
  const match = rows.find((row) => String(row.category).toLowerCase() === wanted || String(row.category_zh ?? '').toLowerCase() === wanted);
  if (!match) {
    const allowed = rows.map((row) => String(row.category));
    throw new ForecastError(
      allowed.length === 0
        ? `This warehouse has no product categories, so "${text}" cannot be used as a filter. Leave the category out.`
        : `Unknown category "${text}". Use one of: ${allowed.join(', ')} (Chinese names work too).`,
      { kind: 'bad_parameter', parameter: 'category', allowed },
    );
  }
  return String(match.category);
}

/**
 * Any additive daily series: `sql` must return columns (day DATE, value number) and run where the behaviour tables
 * are (DuckDB or ClickHouse), with its values as named parameters. Days without a row are 0,
 * from the first day of data in the warehouse up to `asOf`, so gaps never shift the weekly season.
 */
export async function loadDailySeries(warehouse: Warehouse, sql: string, asOf: string, parameters: Record<string, string | number> = {}): Promise<DailySeries> {
  const reader = behaviourReader(warehouse);
  const bounds = await reader.query(`
    SELECT CAST(min(first_time) AS DATE) AS first_day FROM (
      SELECT min(event_time) AS first_time FROM events UNION ALL SELECT min(created_at) AS first_time FROM orders) firsts`);
  const firstDay = bounds.rows[0]?.first_day;
  if (typeof firstDay !== 'string' || firstDay > asOf) {
    throw new ForecastError('The warehouse has no events or orders to forecast from. Seed or import data first ("shoplens seed" or "shoplens import").', { kind: 'not_enough_data' });
  }
  const { rows } = await reader.query(sql, { ...parameters, as_of: asOf });
  const byDay = new Map(rows.map((row) => [String(row.day), Number(row.value ?? 0)]));
  const dates = dateRange(firstDay, asOf);
  return { dates, values: dates.map((date) => byDay.get(date) ?? 0) };
}

export async function loadMetricSeries(warehouse: Warehouse, metric: ForecastMetric, asOf: string, category?: string): Promise<DailySeries & { category?: string }> {
  const resolved = category ? await resolveCategory(warehouse, category) : undefined;
  const series = await loadDailySeries(warehouse, metricSql(metric, resolved !== undefined, behaviourDialect(warehouse)), asOf, resolved ? { category: resolved } : {});
  if (series.values.every((value) => value === 0)) {
    const source = metric === 'uv' ? 'events (browsing data; order-only imports such as Online Retail have none)' : 'paid orders';
    throw new ForecastError(
      `There is no ${METRIC_INFO[metric].name_en} to forecast${resolved ? ` for ${resolved}` : ''}: the warehouse has no ${source} up to ${asOf}. Pick another metric or category.`,
      { kind: 'not_enough_data', parameter: 'metric' },
    );
  }
  return { ...series, category: resolved };
}
